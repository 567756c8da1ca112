#include "text/ByteLevel.h"

#include <QStringDecoder>
#include <array>
#include <vector>

namespace twb::bytelevel {
namespace {

struct Table {
  std::array<char16_t, 256> charOf{};
  std::array<int, 512> byteOf{};  // indexed by the character; every table character is < 512
};

const Table& table() {
  static const Table t = [] {
    Table built;
    built.byteOf.fill(-1);
    int next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      built.charOf[b] = static_cast<char16_t>(printable ? b : next++);
      built.byteOf[built.charOf[b]] = b;
    }
    return built;
  }();
  return t;
}

// Unicode's White_Space property (what \s means in the regex engines GPT-2 and Hugging Face use).
bool isSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

enum class Kind { Letter, Number, Other, Space };

Kind kindOf(char32_t c) {
  if (isSpace(c)) return Kind::Space;
  switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
      return Kind::Letter;
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
      return Kind::Number;
    default:
      return Kind::Other;
  }
}

// Length of a contraction ('s 't 're 've 'm 'll 'd, case-sensitive) starting at i, or 0.
size_t contractionAt(const std::vector<char32_t>& c, size_t i) {
  if (c[i] != U'\'' || i + 1 >= c.size()) return 0;
  const char32_t a = c[i + 1];
  if (a == U's' || a == U't' || a == U'm' || a == U'd') return 2;
  if (i + 2 >= c.size()) return 0;
  const char32_t b = c[i + 2];
  if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) return 3;
  return 0;
}

size_t runEnd(const std::vector<char32_t>& c, size_t from, Kind kind) {
  while (from < c.size() && kindOf(c[from]) == kind) ++from;
  return from;
}

}  // namespace

QChar charOfByte(unsigned char byte) { return QChar(table().charOf[byte]); }

int byteOfChar(QChar c) {
  const char16_t u = c.unicode();
  return u < table().byteOf.size() ? table().byteOf[u] : -1;
}

QString encode(const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  QString out;
  out.reserve(utf8.size());
  for (const char byte : utf8) out += charOfByte(static_cast<unsigned char>(byte));
  return out;
}

QString decode(const QString& byteChars) {
  QByteArray bytes;
  bytes.reserve(byteChars.size());
  for (qsizetype i = 0; i < byteChars.size(); ++i) {
    const int b = byteOfChar(byteChars[i]);
    if (b >= 0) {
      bytes += static_cast<char>(b);
    } else {
      const qsizetype len = byteChars[i].isHighSurrogate() && i + 1 < byteChars.size() ? 2 : 1;
      bytes += byteChars.mid(i, len).toUtf8();
      i += len - 1;
    }
  }
  // Invalid and truncated sequences become U+FFFD, as with Python's errors="replace".
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  return decoder.decode(bytes);
}

QStringList preTokenize(const QString& text) {
  const QList<uint> ucs4 = text.toUcs4();
  const std::vector<char32_t> c(ucs4.begin(), ucs4.end());
  QStringList out;
  const auto push = [&](size_t from, size_t to) {
    out << QString::fromUcs4(c.data() + from, static_cast<qsizetype>(to - from));
  };
  size_t i = 0;
  while (i < c.size()) {
    if (const size_t len = contractionAt(c, i)) {
      push(i, i + len);
      i += len;
      continue;
    }
    // " ?X+" for letters, numbers and other symbols: an optional leading space (U+0020 only).
    const size_t start = (c[i] == U' ' && i + 1 < c.size() && !isSpace(c[i + 1])) ? i + 1 : i;
    const Kind kind = kindOf(c[start]);
    if (kind != Kind::Space) {
      const size_t end = runEnd(c, start, kind);
      push(i, end);
      i = end;
      continue;
    }
    // Whitespace: "\s+(?!\S)" keeps the last space of a run for the word after it; a single
    // whitespace character before a word (not a plain space) is "\s+" on its own.
    const size_t end = runEnd(c, i, Kind::Space);
    const size_t stop = (end == c.size() || end - i == 1) ? end : end - 1;
    push(i, stop);
    i = stop;
  }
  return out;
}

}  // namespace twb::bytelevel
