// Utf8Text: UTF-8 validation line by line, and the recognisable marks of UTF-16 and UTF-32.
#include "common/Utf8Text.h"

#include <QByteArrayView>
#include <QStringDecoder>

#include "common/InputError.h"

namespace twb {
namespace {

// "UTF-16 (little-endian)" when the bytes start like UTF-16 or UTF-32 text; empty otherwise.
// Without a byte order mark, ASCII text in UTF-16 has a NUL byte beside every character.
QString wideEncoding(QByteArrayView view) {
  if (view.startsWith(QByteArrayView("\xFF\xFE\0\0", 4)))
    return QStringLiteral("UTF-32 (little-endian)");
  if (view.startsWith(QByteArrayView("\0\0\xFE\xFF", 4)))
    return QStringLiteral("UTF-32 (big-endian)");
  if (view.startsWith("\xFF\xFE")) return QStringLiteral("UTF-16 (little-endian)");
  if (view.startsWith("\xFE\xFF")) return QStringLiteral("UTF-16 (big-endian)");
  if (view.size() >= 4 && view[0] != '\0' && view[1] == '\0' && view[2] != '\0' && view[3] == '\0')
    return QStringLiteral("UTF-16 (little-endian)");
  if (view.size() >= 4 && view[0] == '\0' && view[1] != '\0' && view[2] == '\0' && view[3] != '\0')
    return QStringLiteral("UTF-16 (big-endian)");
  return QString();
}

}  // namespace

QString decodeUtf8(const QByteArray& bytes, const QString& file) {
  QByteArrayView view(bytes);
  const QString wide = wideEncoding(view);
  if (!wide.isEmpty())
    throw InputError(file, 1, 0,
                     QStringLiteral("the file is %1 text; it must be UTF-8 (save it as UTF-8, or "
                                    "convert it: iconv -f UTF-16 -t UTF-8)")
                         .arg(wide));
  if (view.startsWith("\xEF\xBB\xBF")) view = view.sliced(3);
  if (!view.isValidUtf8() || view.contains('\0')) {
    // Newlines never occur inside a multi-byte sequence, so each line can be checked alone.
    int line = 1;
    qsizetype start = 0;
    while (start <= view.size()) {
      qsizetype end = view.indexOf('\n', start);
      if (end < 0) end = view.size();
      const QByteArrayView text = view.sliced(start, end - start);
      if (text.contains('\0'))
        throw InputError(file, line, 0,
                         QStringLiteral("a NUL byte: this is binary data or UTF-16/UTF-32 text, "
                                        "not UTF-8 text"));
      if (!text.isValidUtf8())
        throw InputError(file, line, 0,
                         QStringLiteral("invalid UTF-8 (save the file as UTF-8 text)"));
      start = end + 1;
      ++line;
    }
  }
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  return decoder.decode(view);
}

}  // namespace twb
