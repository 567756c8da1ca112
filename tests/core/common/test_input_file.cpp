// Tests of InputFile and Utf8Text: a user's file is read only when it is a regular file within
// its cap (a FIFO or /dev/zero is refused at once), and text that is not UTF-8 is named as such.
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include "common/InputError.h"
#include "common/InputFile.h"
#include "common/Utf8Text.h"
#include "support/Fifo.h"
#include "support/TestSupport.h"

using twb::InputError;
using twb::test::inputErrorOf;

class TestInputFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  // The error reading path, and that it came within two seconds (a FIFO must never block).
  InputError refusedQuickly(const QString& path) {
    QElapsedTimer clock;
    clock.start();
    const InputError error =
        inputErrorOf([&] { twb::readInputFile(path, twb::kMiB, QStringLiteral("a dataset")); });
    if (clock.elapsed() > 2000) qWarning() << "refusing" << path << "took" << clock.elapsed();
    return error;
  }

 private slots:
  void readsARegularFileAndFollowsSymlinks() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("a.txt"), "hello\n");
    QCOMPARE(twb::readInputFile(path, 6, QStringLiteral("a text")), QByteArray("hello\n"));
    const QString link = dir_.filePath(QStringLiteral("link.txt"));
    QVERIFY(QFile::link(path, link));
    QCOMPARE(twb::readInputFile(link, 100, QStringLiteral("a text")), QByteArray("hello\n"));
    const QString empty = twb::test::writeFile(dir_, QStringLiteral("empty.txt"), QByteArray());
    QCOMPARE(twb::readInputFile(empty, 100, QStringLiteral("a text")), QByteArray());
  }

  void missingFileSaysSo() {
    const QString path = dir_.filePath(QStringLiteral("none.yaml"));
    const InputError error = refusedQuickly(path);
    QCOMPARE(error.file(), path);
    QCOMPARE(error.message(), QStringLiteral("no such file"));
  }

  void fifoIsRefusedWithoutBlocking() {
    const twb::test::Fifo pipe(dir_.filePath(QStringLiteral("pipe.tsv")));
    QVERIFY(pipe.created());
    const QString fifo = pipe.path();
    QElapsedTimer clock;
    clock.start();
    const InputError error = refusedQuickly(fifo);
    QVERIFY2(clock.elapsed() < 2000, "reading a FIFO blocked");
    QCOMPARE(error.file(), fifo);
    QVERIFY2(error.message().contains(QStringLiteral("is a FIFO (named pipe), not a regular file")),
             error.what());
    QVERIFY2(error.message().contains(QStringLiteral("a dataset must be a regular file")),
             error.what());
    // A symbolic link is followed to what it points at: still a FIFO.
    const QString link = dir_.filePath(QStringLiteral("pipe-link.tsv"));
    QVERIFY(QFile::link(fifo, link));
    QVERIFY2(refusedQuickly(link).message().contains(QStringLiteral("FIFO")), "link to a FIFO");
  }

  void devicesAndFoldersAreRefused() {
    QElapsedTimer clock;
    clock.start();
    const InputError zero = refusedQuickly(QStringLiteral("/dev/zero"));
    QVERIFY2(clock.elapsed() < 2000, "reading /dev/zero took too long");
    QCOMPARE(zero.file(), QStringLiteral("/dev/zero"));
    QVERIFY2(zero.message().contains(QStringLiteral("is a character device, not a regular file")),
             zero.what());
    const InputError folder = refusedQuickly(dir_.path());
    QVERIFY2(folder.message().contains(QStringLiteral("is a directory")), folder.what());
  }

  void fileOverTheCapIsRefusedUnread() {
    // A sparse file: its size is 3 GiB without writing 3 GiB.
    const QString path = dir_.filePath(QStringLiteral("huge.tsv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(3 * (qint64{1} << 30)));
    file.close();
    QElapsedTimer clock;
    clock.start();
    const InputError error = inputErrorOf(
        [&] { twb::readInputFile(path, twb::kTextFileCap, QStringLiteral("a dataset")); });
    QVERIFY2(clock.elapsed() < 2000, "the refusal read the file");
    QCOMPARE(error.file(), path);
    QCOMPARE(error.message(), QStringLiteral("is 3 GiB, more than the 512 MiB a dataset may hold"));
    // Exactly the cap is allowed; one byte more is not.
    const QString edge = twb::test::writeFile(dir_, QStringLiteral("edge.txt"), "12345");
    QCOMPARE(twb::readInputFile(edge, 5, QStringLiteral("x")).size(), 5);
    QVERIFY(inputErrorOf([&] { twb::readInputFile(edge, 4, QStringLiteral("x")); })
                .message()
                .contains(QStringLiteral("is 5 bytes, more than the 4 bytes x may hold")));
  }

  void describesSizes() {
    QCOMPARE(twb::describeSize(300), QStringLiteral("300 bytes"));
    QCOMPARE(twb::describeSize(2048), QStringLiteral("2 KiB"));
    QCOMPARE(twb::describeSize(twb::kMiB * 3 / 2), QStringLiteral("1.50 MiB"));
    // Just over a cap reads as over it ("1.0 MiB, more than the 1 MiB" did not).
    QCOMPARE(twb::describeSize(1100439), QStringLiteral("1.05 MiB"));
    QCOMPARE(twb::describeSize(twb::kTextFileCap), QStringLiteral("512 MiB"));
  }

  void wideTextIsNamedNotMisread_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    const QString text = QStringLiteral("name: t\n");
    QByteArray le = QByteArray("\xFF\xFE", 2), be = QByteArray("\xFE\xFF", 2);
    QByteArray leBare, beBare;
    for (const QChar c : text) {
      const char low = static_cast<char>(c.unicode() & 0xFF);
      le.append(low).append('\0');
      be.append('\0').append(low);
      leBare.append(low).append('\0');
      beBare.append('\0').append(low);
    }
    QTest::newRow("UTF-16 LE, BOM") << le << QStringLiteral("UTF-16 (little-endian)");
    QTest::newRow("UTF-16 BE, BOM") << be << QStringLiteral("UTF-16 (big-endian)");
    QTest::newRow("UTF-16 LE") << leBare << QStringLiteral("UTF-16 (little-endian)");
    QTest::newRow("UTF-16 BE") << beBare << QStringLiteral("UTF-16 (big-endian)");
    QTest::newRow("UTF-32 LE") << QByteArray("\xFF\xFE\0\0n\0\0\0", 8)
                               << QStringLiteral("UTF-32 (little-endian)");
    QTest::newRow("UTF-32 BE") << QByteArray("\0\0\xFE\xFF\0\0\0n", 8)
                               << QStringLiteral("UTF-32 (big-endian)");
  }
  void wideTextIsNamedNotMisread() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    const InputError error = inputErrorOf([&] { twb::decodeUtf8(bytes, QStringLiteral("f")); });
    QCOMPARE(error.file(), QStringLiteral("f"));
    QVERIFY2(error.message().contains(QStringLiteral("is %1 text; it must be UTF-8").arg(encoding)),
             error.what());
  }

  void nulAndInvalidBytesNameTheirLine() {
    const InputError nul = inputErrorOf(
        [] { twb::decodeUtf8(QByteArray("ok\nbin\0ary\n", 11), QStringLiteral("f")); });
    QCOMPARE(nul.line(), 2);
    QVERIFY2(nul.message().contains(QStringLiteral("NUL byte")), nul.what());
    const InputError latin1 =
        inputErrorOf([] { twb::decodeUtf8("a\nb\ncaf\xE9\n", QStringLiteral("f")); });
    QCOMPARE(latin1.line(), 3);
    QVERIFY2(latin1.message().contains(QStringLiteral("invalid UTF-8")), latin1.what());
    QCOMPARE(twb::decodeUtf8("\xEF\xBB\xBF\xC3\xA9t\xC3\xA9", QStringLiteral("f")),
             QString::fromUtf8("\xC3\xA9t\xC3\xA9"));
  }
};

QTEST_GUILESS_MAIN(TestInputFile)
#include "test_input_file.moc"
