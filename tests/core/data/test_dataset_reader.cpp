// Tests of DatasetReader: TSV, CSV and JSONL files the test writes, and every rejected input.
#include <QElapsedTimer>
#include <QtTest>
#include <tuple>

#include "common/InputError.h"
#include "common/InputFile.h"
#include "data/CsvParser.h"
#include "data/DatasetReader.h"
#include "data/LabelOrder.h"
#include "support/Fifo.h"
#include "support/TestSupport.h"

using twb::DatasetRef;
using twb::InputError;

namespace {

DatasetRef fileRef(const QString& path) {
  DatasetRef ref;
  ref.path = path;
  return ref;
}

InputError rejected(const DatasetRef& ref, const QString& task) {
  try {
    twb::readDataset(ref, task);
  } catch (const InputError& error) {
    return error;
  }
  QTest::qFail("the dataset was accepted", __FILE__, __LINE__);
  return InputError(QString());
}

}  // namespace

class TestDatasetReader : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private slots:
  void readsTsv() {
    const QString path = twb::test::writeFile(
        dir_, QStringLiteral("hotels.tsv"),
        "id\treview\tstars\r\n1\tClean room\t5\r\n\r\n2\tNoisy \"street\"\t1\n3\tFine\t3\n"
        "4\tQuiet\t5\n");
    DatasetRef ref = fileRef(path);
    ref.textColumn = QStringLiteral("review");
    ref.labelColumn = QStringLiteral("stars");
    ref.language = QStringLiteral("en");
    const twb::Dataset data = twb::readDataset(ref, QStringLiteral("classification"));
    QCOMPARE(data.name, QStringLiteral("hotels"));
    QCOMPARE(data.source, path);
    QCOMPARE(data.language, QStringLiteral("en"));
    QCOMPARE(data.labels, (QStringList{"1", "3", "5"}));
    QCOMPARE(data.examples.size(), 4);
    QCOMPARE(data.examples[0].text, QStringLiteral("Clean room"));
    QCOMPARE(data.examples[0].label, 2);
    QCOMPARE(data.examples[1].text, QStringLiteral("Noisy \"street\""));  // no quoting in TSV
    QCOMPARE(data.examples[1].label, 0);
    QCOMPARE(data.examples[2].label, 1);
    QVERIFY(!data.hasPairs());
  }

  void readsCsvWithQuotesAndNewlines() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("quoted.csv"),
                                              "text,label\r\n"
                                              "\"first line\nsecond, with comma\",pos\r\n"
                                              "\"she said \"\"wow\"\"\",neg\n"
                                              "plain,pos\n"
                                              "\"\",neg\n");
    const twb::Dataset data = twb::readDataset(fileRef(path), QStringLiteral("sentiment"));
    QCOMPARE(data.examples.size(), 4);
    QCOMPARE(data.examples[0].text, QStringLiteral("first line\nsecond, with comma"));
    QCOMPARE(data.examples[1].text, QStringLiteral("she said \"wow\""));
    QCOMPARE(data.examples[2].text, QStringLiteral("plain"));
    QCOMPARE(data.examples[3].text, QString());
    QCOMPARE(data.labels, (QStringList{"neg", "pos"}));
    QCOMPARE(data.examples[0].label, 1);
    QCOMPARE(data.examples[1].label, 0);
  }

  void csvRecordsKnowTheirLines() {
    const auto records = twb::parseCsv(QStringLiteral("a,b\n\"x\ny\",1\n\nz,2\n"), "f.csv");
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[0].line, 1);
    QCOMPARE(records[1].line, 2);
    QCOMPARE(records[2].line, 5);
    QCOMPARE(records[2].fields, (QStringList{"z", "2"}));
  }

  void csvUnclosedQuoteIsLocated() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("open.csv"),
                                              "text,label\nok,1\n\"never closed,1\nmore,2\n");
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QCOMPARE(error.line(), 3);
    QVERIFY2(error.message().contains(QStringLiteral("never closed")), error.what());
  }

  void readsJsonlWithNumericLabelsAndBom() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("polarity.jsonl"),
                                              "\xEF\xBB\xBF{\"text\": \"good\", \"label\": 1}\n"
                                              "\n"
                                              "   \n"
                                              "{\"text\": \"bad\", \"label\": -1}\n"
                                              "{\"label\": 2, \"text\": \"\xC3\xA9t\xC3\xA9\"}\n"
                                              "{\"text\": \"fine\", \"label\": 1}\n");
    const twb::Dataset data = twb::readDataset(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(data.labels, (QStringList{"-1", "1", "2"}));
    QCOMPARE(data.examples.size(), 4);
    QCOMPARE(data.examples[0].label, 1);
    QCOMPARE(data.examples[1].label, 0);
    QCOMPARE(data.examples[2].text, QString::fromUtf8("\xC3\xA9t\xC3\xA9"));
    QCOMPARE(data.examples[2].label, 2);
  }

  void declaredLabelsKeepTheirOrder() {
    const QString path =
        twb::test::writeFile(dir_, QStringLiteral("declared.tsv"),
                             "text\tlabel\na\tpositive\nb\tnegative\nc\tpositive\n");
    DatasetRef ref = fileRef(path);
    ref.labels = QStringList{"positive", "negative", "neutral"};
    const twb::Dataset data = twb::readDataset(ref, QStringLiteral("sentiment"));
    QCOMPARE(data.labels, ref.labels);
    QCOMPARE(data.examples[0].label, 0);
    QCOMPARE(data.examples[1].label, 1);
  }

  void labelOrderIsNumericAware() {
    QCOMPARE(twb::sortedLabels({"10", "2", "b", "1", "-1", "a"}),
             (QStringList{"-1", "1", "2", "10", "a", "b"}));
  }

  void readsPairsAndScores() {
    const QString path = twb::test::writeFile(
        dir_, QStringLiteral("sts.tsv"),
        "s1\ts2\tsim\nA man plays.\tA man is playing.\t4.5\nCats.\tStocks fell.\t0\n"
        "Rain.\tIt rains.\t4\n");
    DatasetRef ref = fileRef(path);
    ref.textColumn = QStringLiteral("s1");
    ref.pairColumn = QStringLiteral("s2");
    ref.scoreColumn = QStringLiteral("sim");
    const twb::Dataset data = twb::readDataset(ref, QStringLiteral("similarity"));
    QVERIFY(data.isRegression());
    QVERIFY(data.hasPairs());
    QCOMPARE(data.examples[0].pair, QStringLiteral("A man is playing."));
    QCOMPARE(data.examples[0].score, 4.5);
    QCOMPARE(data.examples[1].score, 0.0);
    QCOMPARE(data.examples[0].label, -1);
  }

  void badScoreNamesLine() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("badscore.tsv"),
                                              "text\tscore\na\t1.0\nb\thigh\n");
    const InputError error = rejected(fileRef(path), QStringLiteral("similarity"));
    QCOMPARE(error.file(), path);
    QCOMPARE(error.line(), 3);
    QVERIFY2(error.message().contains(QStringLiteral("'high' is not a number")), error.what());
  }

  void textTaskNeedsNoLabel() {
    const QString path =
        twb::test::writeFile(dir_, QStringLiteral("raw.jsonl"), "{\"text\": \"just text\"}\n");
    const twb::Dataset data = twb::readDataset(fileRef(path), QStringLiteral("text"));
    QCOMPARE(data.examples.size(), 1);
    QVERIFY(data.labels.isEmpty());
  }

  void missingColumnListsColumns() {
    const QString path =
        twb::test::writeFile(dir_, QStringLiteral("cols.csv"), "review,stars,date\ngood,5,today\n");
    DatasetRef ref = fileRef(path);
    ref.textColumn = QStringLiteral("review");
    const InputError error = rejected(ref, QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(QStringLiteral("'label'")), error.what());
    QVERIFY2(error.message().contains(QStringLiteral("review, stars, date")), error.what());
    QVERIFY(QString::fromUtf8(error.what()).startsWith(path));
  }

  void readsAlignedColumns() {
    // One column per language; a row lacking a language's text is an item that language lacks.
    const QString path = twb::test::writeFile(
        dir_, QStringLiteral("parallel.tsv"),
        "en\tde\tfr\nhello\thallo\tbonjour\n  cat \t\tchat\nhouse\tHaus\tmaison\n");
    const auto pairs =
        twb::readAlignedPairs(fileRef(path), QStringLiteral("en"), QStringLiteral("de"));
    QCOMPARE(pairs.size(), 2);
    QCOMPARE(pairs[0], qMakePair(QStringLiteral("hello"), QStringLiteral("hallo")));
    QCOMPARE(pairs[1], qMakePair(QStringLiteral("house"), QStringLiteral("Haus")));
    QCOMPARE(twb::readAlignedPairs(fileRef(path), QStringLiteral("en"), QStringLiteral("fr"))
                 .value(1)
                 .first,
             QStringLiteral("cat"));
  }

  void missingLanguageColumnNamesFileAndColumn() {
    const QString path =
        twb::test::writeFile(dir_, QStringLiteral("two.csv"), "en,de\nhello,hallo\n");
    for (const auto& [english, translation, missing] :
         {std::tuple{"en", "ja", "'ja'"}, std::tuple{"english", "de", "'english'"}}) {
      try {
        twb::readAlignedPairs(fileRef(path), QString::fromLatin1(english),
                              QString::fromLatin1(translation));
        QFAIL("a missing column was accepted");
      } catch (const InputError& error) {
        QCOMPARE(error.file(), path);
        QVERIFY2(error.message().contains(QString::fromLatin1(missing)), error.what());
        QVERIFY2(error.message().contains(QStringLiteral("the columns are: en, de")), error.what());
      }
    }
  }

  void jsonlMissingFieldNamesLine() {
    const QString path =
        twb::test::writeFile(dir_, QStringLiteral("gap.jsonl"),
                             "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\"}\n");
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.line(), 2);
    QVERIFY2(error.message().contains(QStringLiteral("'label'")), error.what());
  }

  void invalidJsonNamesLine() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("broken.jsonl"),
                                              "{\"text\": \"a\", \"label\": 1}\n{\"text\": \n");
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.line(), 2);
  }

  void invalidUtf8NamesFileAndLine() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("latin1.tsv"),
                                              "text\tlabel\nok\t1\ncaf\xE9\t0\n");
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QCOMPARE(error.line(), 3);
    QVERIFY2(error.message().contains(QStringLiteral("UTF-8")), error.what());
  }

  void labelOutsideDeclaredSetNamesLine() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("outside.csv"),
                                              "text,label\n\"multi\nline\",pos\nb,neutral\n");
    DatasetRef ref = fileRef(path);
    ref.labels = QStringList{"neg", "pos"};
    const InputError error = rejected(ref, QStringLiteral("sentiment"));
    QCOMPARE(error.line(), 4);  // the quoted field above spans lines 2 and 3
    QVERIFY2(error.message().contains(QStringLiteral("'neutral'")), error.what());
    QVERIFY2(error.message().contains(QStringLiteral("neg, pos")), error.what());
  }

  void emptyDatasetIsRejected_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::newRow("header only") << QByteArray("text\tlabel\n") << QStringLiteral("e1.tsv");
    QTest::newRow("nothing") << QByteArray() << QStringLiteral("e2.csv");
    QTest::newRow("blank jsonl") << QByteArray("\n\n") << QStringLiteral("e3.jsonl");
  }
  void emptyDatasetIsRejected() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    const QString path = twb::test::writeFile(dir_, name, bytes);
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(QStringLiteral("empty")), error.what());
  }

  void wrongFieldCountNamesLine() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("ragged.tsv"),
                                              "text\tlabel\na\t1\nb\t2\textra\n");
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.line(), 3);
  }

  void missingFileIsAnInputError() {
    const InputError error = rejected(fileRef(dir_.filePath(QStringLiteral("none.tsv"))),
                                      QStringLiteral("classification"));
    QVERIFY2(error.message().contains(QStringLiteral("no such file")), error.what());
  }

  // A FIFO used to block the reader (deaf to Ctrl-C); /dev/zero filled memory.
  void specialFilesAreRefusedAtOnce() {
    const twb::test::Fifo fifo(dir_.filePath(QStringLiteral("pipe.tsv")));
    QVERIFY(fifo.created());
    QTemporaryDir folder;
    const QString folderTsv = folder.filePath(QStringLiteral("folder.tsv"));
    QVERIFY(QDir().mkpath(folderTsv));
    for (const QString& path : {fifo.path(), QStringLiteral("/dev/zero"), folderTsv}) {
      DatasetRef ref = fileRef(path);
      ref.format = QStringLiteral("tsv");
      QElapsedTimer clock;
      clock.start();
      const InputError error = rejected(ref, QStringLiteral("classification"));
      QVERIFY2(clock.elapsed() < 2000, qPrintable(path));
      QCOMPARE(error.file(), path);
      QVERIFY2(error.message().contains(QStringLiteral("not a regular file (a dataset must be a "
                                                       "regular file)")),
               error.what());
    }
  }

  void oversizedDatasetIsRefused() {
    const QString path = dir_.filePath(QStringLiteral("huge.tsv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(twb::kTextFileCap + 1));  // sparse: nothing is written
    file.close();
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QCOMPARE(
        error.message(),
        QStringLiteral("is 512.0 MiB (536870913 bytes), more than the 512 MiB a dataset may hold"));
    QFile::remove(path);
  }

  void utf16DatasetIsNamed() {
    const QString text = QStringLiteral("text\tlabel\na\t1\nb\t2\n");
    QByteArray bytes("\xFE\xFF", 2);
    for (const QChar c : text) bytes.append('\0').append(static_cast<char>(c.unicode()));
    const QString path = twb::test::writeFile(dir_, QStringLiteral("wide.tsv"), bytes);
    const InputError error = rejected(fileRef(path), QStringLiteral("classification"));
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(QStringLiteral("UTF-16 (big-endian) text; it must be UTF-8")),
             error.what());
  }

  // Datasets nothing can be learnt from are blamed on the data file, not on the experiment.
  void unlearnableDatasetsNameTheFile_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one row") << QByteArray("text\tlabel\nhello\tpos\n")
                             << QStringLiteral("classification")
                             << QStringLiteral("only 1 row after the header");
    QTest::newRow("two rows") << QByteArray("text\tscore\na\t1\nb\t2\n")
                              << QStringLiteral("similarity") << QStringLiteral("only 2 rows");
    QTest::newRow("one class") << QByteArray("text\tlabel\na\tpos\nb\tpos\nc\tpos\nd\tpos\n")
                               << QStringLiteral("sentiment")
                               << QStringLiteral("every row has the label 'pos' (column 'label')");
    QTest::newRow("unique labels")
        << QByteArray("text\tlabel\na\tid1\nb\tid2\nc\tid3\nd\tid4\n")
        << QStringLiteral("classification")
        << QStringLiteral("each of the 4 rows has a label of its own in column 'label'");
    QTest::newRow("constant score")
        << QByteArray("text\tscore\na\t3\nb\t3.0\nc\t3\n") << QStringLiteral("similarity")
        << QStringLiteral("every score in column 'score' is 3: a constant score cannot be learnt");
  }
  void unlearnableDatasetsNameTheFile() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, task);
    QFETCH(QString, expected);
    const QString path =
        twb::test::writeFile(dir_,
                             QStringLiteral("%1.tsv").arg(
                                 QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-')),
                             bytes);
    const InputError error = rejected(fileRef(path), task);
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(expected), error.what());
  }

  void declaredLabelsCountOnlyThoseUsed() {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("onlypos.tsv"),
                                              "text\tlabel\na\tpos\nb\tpos\nc\tpos\n");
    DatasetRef ref = fileRef(path);
    ref.labels = QStringList{"neg", "pos"};
    QVERIFY2(rejected(ref, QStringLiteral("sentiment"))
                 .message()
                 .contains(QStringLiteral("needs at least two classes")),
             "one class used of two declared");
  }
};

QTEST_GUILESS_MAIN(TestDatasetReader)
#include "test_dataset_reader.moc"
