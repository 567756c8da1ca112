#include "data/TextFile.h"

#include <QByteArrayView>
#include <QFile>
#include <QStringDecoder>

#include "common/InputError.h"

namespace twb {

QString decodeUtf8(const QByteArray& bytes, const QString& file) {
  QByteArrayView view(bytes);
  if (view.startsWith("\xEF\xBB\xBF")) view = view.sliced(3);
  if (!view.isValidUtf8()) {
    // Newlines never occur inside a multi-byte sequence, so each line can be checked alone.
    int line = 1;
    qsizetype start = 0;
    while (start <= view.size()) {
      qsizetype end = view.indexOf('\n', start);
      if (end < 0) end = view.size();
      if (!view.sliced(start, end - start).isValidUtf8())
        throw InputError(file, line, 0,
                         QStringLiteral("invalid UTF-8 (save the file as UTF-8 text)"));
      start = end + 1;
      ++line;
    }
  }
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  return decoder.decode(view);
}

QString readUtf8File(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
  return decodeUtf8(file.readAll(), path);
}

}  // namespace twb
