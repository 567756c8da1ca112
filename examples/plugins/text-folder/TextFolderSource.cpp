#include "TextFolderSource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace {

constexpr qint64 kMaxFileBytes = 1 << 20;  // one text; a larger file is not a review

}  // namespace

QString TextFolderSource::name() const { return QStringLiteral("text-folder"); }

QString TextFolderSource::description() const {
  return QStringLiteral("a folder of UTF-8 .txt files, one subfolder per label (pos/1.txt ...)");
}

bool TextFolderSource::read(const QString& path, twb::sdk::Table* table, QString* error) const {
  const QDir root(path);
  if (!QFileInfo(path).isDir()) {
    *error =
        QStringLiteral("%1 is not a folder: text-folder reads one subfolder per label").arg(path);
    return false;
  }
  const QStringList labels = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  if (labels.isEmpty()) {
    *error = QStringLiteral(
                 "%1 has no subfolders: make one per label (pos/, neg/) holding .txt "
                 "files")
                 .arg(path);
    return false;
  }
  table->columns = {QStringLiteral("text"), QStringLiteral("label")};
  for (const QString& label : labels) {
    const QDir folder(root.filePath(label));
    for (const QString& name :
         folder.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name)) {
      const QString origin = label + QLatin1Char('/') + name;
      QFile file(folder.filePath(name));
      if (file.size() > kMaxFileBytes || !file.open(QIODevice::ReadOnly)) {
        *error = file.size() > kMaxFileBytes
                     ? QStringLiteral("%1 is larger than 1 MiB").arg(origin)
                     : QStringLiteral("cannot read %1: %2").arg(origin, file.errorString());
        return false;
      }
      QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
      const QString text = utf8.decode(file.readAll());
      if (utf8.hasError()) {
        *error = QStringLiteral("%1 is not UTF-8 text").arg(origin);
        return false;
      }
      if (text.trimmed().isEmpty()) continue;  // an empty file holds no example
      table->rows << QStringList{text.simplified(), label};
      table->origins << origin;
    }
  }
  if (table->rows.isEmpty()) {
    *error = QStringLiteral("no non-empty .txt file under %1's subfolders").arg(path);
    return false;
  }
  return true;
}
