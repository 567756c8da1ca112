// The one data folder: the window and twb find the same one whatever names they set, the
// environment overrides it, and what an older window left in the doubled folder is moved once.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "common/DataFolders.h"

class DataFoldersTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;

  void write(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
  }

  static QByteArray read(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }

 private Q_SLOTS:
  void oneFolderWhateverTheNamesAndTheOldOneMovedOnce() {
    qputenv("XDG_DATA_HOME", home_.path().toUtf8());
    qunsetenv("TWB_DATA_DIR");
    qunsetenv("TWB_DB");
    const QString folder = home_.filePath("transfer-workbench");
    const QString old = folder + "/transfer-workbench";  // what the window used to use
    write(old + "/datasets/sst2/data.tsv", "sentence\tlabel\n");
    write(folder + "/datasets/imdb/data.tsv", "text\tlabel\n");  // both have datasets: merged
    write(old + "/runs.sqlite", "the window's store");
    write(folder + "/runs.sqlite", "twb's store");  // both had one: neither is overwritten

    QCoreApplication::setOrganizationName("transfer-workbench");  // as the window sets it
    QCOMPARE(twb::appDataFolder(), folder);
    QCOMPARE(twb::datasetsFolder(), folder + "/datasets");
    QCOMPARE(twb::defaultStorePath(), folder + "/runs.sqlite");
    QCoreApplication::setOrganizationName(QString());  // as twb leaves it
    QCOMPARE(twb::appDataFolder(), folder);

    QCOMPARE(read(folder + "/datasets/sst2/data.tsv"), QByteArray("sentence\tlabel\n"));
    QCOMPARE(read(folder + "/datasets/imdb/data.tsv"), QByteArray("text\tlabel\n"));
    QCOMPARE(read(folder + "/runs.sqlite"), QByteArray("twb's store"));
    // The second store is kept whole in one place, said once, and the old folder is gone.
    QCOMPARE(read(folder + "/from-older-window/runs.sqlite"), QByteArray("the window's store"));
    QVERIFY(!QFileInfo::exists(old));
    const QString notes = twb::dataFolderNotes().join('\n');
    QVERIFY2(notes.contains("moved " + old + "/datasets/sst2"), qPrintable(notes));
    QVERIFY2(notes.contains("--db " + folder + "/from-older-window/runs.sqlite"),
             qPrintable(notes));

    qputenv("TWB_DATA_DIR", "/data/elsewhere");
    qputenv("TWB_DB", "/stores/mine.sqlite");
    QCOMPARE(twb::datasetsFolder(), QStringLiteral("/data/elsewhere"));
    QCOMPARE(twb::defaultStorePath(), QStringLiteral("/stores/mine.sqlite"));
  }
};

QTEST_GUILESS_MAIN(DataFoldersTest)
#include "test_data_folders.moc"
