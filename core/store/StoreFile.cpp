#include "store/StoreFile.h"

#include <sys/stat.h>

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>
#include <atomic>

#include "common/InputError.h"
#include "common/InputFile.h"

namespace twb {
namespace {

constexpr int kHeaderSize = 100;  // the SQLite file header
constexpr char kMagic[] = "SQLite format 3";

[[noreturn]] void refuse(const QString& path, const QString& why) {
  throw InputError(path, 0, 0,
                   why + QStringLiteral("; Transfer Workbench changed nothing: give --db a new "
                                        "file or one of its own run stores"));
}

quint32 bigEndian32(const QByteArray& bytes, int offset) {
  quint32 value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<quint8>(bytes[offset + i]);
  return value;
}

// The table names of a SQLite file read through an immutable, read-only connection: SQLite
// neither locks nor creates a journal, WAL or shared-memory file for it.
QSet<QString> tableNames(const QString& path) {
  static std::atomic<quint64> counter{0};
  const QString name = QStringLiteral("twb-store-inspect-%1").arg(counter.fetch_add(1));
  QSet<QString> names;
  bool opened = false;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    db.setDatabaseName(
        QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded) +
        QStringLiteral("?immutable=1"));
    opened = db.open();
    if (opened) {
      QSqlQuery query(db);
      opened = query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
      while (opened && query.next()) names.insert(query.value(0).toString());
    }
    db.close();
  }
  QSqlDatabase::removeDatabase(name);
  if (!opened) refuse(path, QStringLiteral("cannot be read as a SQLite database"));
  return names;
}

}  // namespace

StoreFileKind inspectStoreFile(const QString& path) {
  if (path == QLatin1String(":memory:")) return StoreFileKind::New;
  const QByteArray local = QFile::encodeName(path);
  struct stat info {};
  if (::stat(local.constData(), &info) != 0) {
    if (QFileInfo(path).isSymLink())
      refuse(path, QStringLiteral("is a symbolic link to a file that does not exist"));
    return StoreFileKind::New;
  }
  if (!S_ISREG(info.st_mode))
    refuse(path, QStringLiteral("is %1, not a regular file").arg(describeFileType(info.st_mode)));
  if (info.st_size == 0) return StoreFileKind::New;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    refuse(path, QStringLiteral("cannot be read: %1").arg(file.errorString()));
  const QByteArray header = file.read(kHeaderSize);
  if (header.size() < kHeaderSize || !header.startsWith(QByteArray(kMagic, sizeof kMagic)))
    refuse(path, QStringLiteral("is not a SQLite database"));
  const quint32 applicationId = bigEndian32(header, 68);
  if (applicationId == static_cast<quint32>(kStoreApplicationId)) return StoreFileKind::Ours;
  if (applicationId != 0)
    refuse(path, QStringLiteral("is another program's SQLite database (application_id 0x%1)")
                     .arg(applicationId, 8, 16, QLatin1Char('0')));
  // Written before application_id existed, or by another program.
  const QSet<QString> tables = tableNames(path);
  static const QStringList ours = {QStringLiteral("experiments"), QStringLiteral("runs"),
                                   QStringLiteral("stages"), QStringLiteral("points"),
                                   QStringLiteral("results")};
  bool allOurs = !tables.isEmpty();
  for (const QString& table : ours) allOurs &= tables.contains(table);
  if (allOurs && bigEndian32(header, 60) >= 1) return StoreFileKind::Legacy;
  if (tables.isEmpty() && bigEndian32(header, 60) != 0)
    refuse(path, QStringLiteral("is another program's SQLite database (user_version %1)")
                     .arg(bigEndian32(header, 60)));
  if (tables.isEmpty()) {
    // Tables may still sit in a write-ahead log that was never copied into the file.
    if (QFileInfo(path + QStringLiteral("-wal")).size() > 0)
      refuse(path, QStringLiteral("is a SQLite database whose tables are still in its -wal file, "
                                  "so its owner cannot be told"));
    return StoreFileKind::New;
  }
  QStringList names(tables.begin(), tables.end());
  names.sort();
  refuse(path, QStringLiteral("is another program's SQLite database (tables: %1)")
                   .arg(names.mid(0, 5).join(QStringLiteral(", "))));
}

}  // namespace twb
