// CodePoints: appending one Unicode code point to a UTF-16 QString (a surrogate pair if needed).
#pragma once

#include <QString>

namespace twb {

inline void appendCodePoint(QString& s, char32_t c) {
  if (QChar::requiresSurrogates(c)) {
    s += QChar(QChar::highSurrogate(c));
    s += QChar(QChar::lowSurrogate(c));
  } else {
    s += QChar(static_cast<char16_t>(c));
  }
}

}  // namespace twb
