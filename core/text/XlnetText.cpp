#include "text/XlnetText.h"

#include <QChar>
#include <QStringList>
#include <utility>

#include "text/CodePoints.h"

namespace twb {
namespace {

QString collapseWhitespace(const QString& text) {
  QStringList words;
  QString word;
  for (const char32_t c : text.toUcs4()) {
    if (isPythonSpace(c)) {
      if (!word.isEmpty()) words << std::exchange(word, QString());
    } else {
      appendCodePoint(word, c);
    }
  }
  if (!word.isEmpty()) words << word;
  return words.join(QLatin1Char(' '));
}

}  // namespace

// Qt's isSpace covers \t..\r, space, U+0085, NBSP and the Z* separators; Python also counts
// the information separators U+001C..U+001F.
bool isPythonSpace(char32_t c) { return QChar::isSpace(c) || (c >= 0x1C && c <= 0x1F); }

// Python's isdigit is Numeric_Type Digit or Decimal: exactly the characters with a digit value.
bool isPythonDigit(char32_t c) { return QChar::digitValue(c) >= 0; }

QString xlnetPreprocess(const QString& text, const XlnetTextOptions& options) {
  QString out = options.removeSpace ? collapseWhitespace(text) : text;
  out.replace(QStringLiteral("``"), QStringLiteral("\""));
  out.replace(QStringLiteral("''"), QStringLiteral("\""));
  if (!options.keepAccents) {
    QString kept;
    for (const char32_t c : out.normalized(QString::NormalizationForm_KD).toUcs4())
      if (QChar::combiningClass(c) == 0) appendCodePoint(kept, c);
    out = kept;
  }
  if (options.lowercase) out = out.toLower();
  return out;
}

}  // namespace twb
