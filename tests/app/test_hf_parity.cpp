// Faithfulness: `twb models run` on checkpoints written by the Python reference of each family
// (tests/reference/hf_reference.py on Debian's python3-torch) reproduces its hidden states,
// summaries and logits within 1e-4, with and without padding, for single texts and pairs.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>

namespace {

constexpr double kTolerance = 1e-4;
const char* const kPython = "/usr/bin/python3";  // Debian's, with python3-torch

QString run(const QString& program, const QStringList& args, int* status, QString* err = nullptr) {
  QProcess process;
  process.start(program, args);
  if (!process.waitForFinished(180000)) {
    *status = -1;
    return QStringLiteral("did not finish: ") + process.errorString();
  }
  *status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  if (err) *err = QString::fromUtf8(process.readAllStandardError());
  return QString::fromUtf8(process.readAllStandardOutput());
}

// Largest absolute difference between two nested arrays of numbers; infinity when the shapes
// differ.
double maxDifference(const QJsonValue& a, const QJsonValue& b) {
  if (a.isDouble() && b.isDouble()) return std::fabs(a.toDouble() - b.toDouble());
  if (!a.isArray() || !b.isArray() || a.toArray().size() != b.toArray().size()) return INFINITY;
  double worst = 0;
  const QJsonArray x = a.toArray(), y = b.toArray();
  for (qsizetype i = 0; i < x.size(); ++i) worst = std::max(worst, maxDifference(x[i], y[i]));
  return worst;
}

QJsonObject readJson(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

class HfParityTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesTheReference_data() {
    QTest::addColumn<QStringList>("referenceArgs");
    for (const char* family : {"bert", "roberta", "xlm-roberta", "xlnet"}) {
      for (const char* head : {"sequence-classification", "base", "masked-lm"})
        QTest::addRow("%s-%s", family, head)
            << QStringList{"--family", family, "--head", head, "--seed", "11"};
    }
    QTest::addRow("bert-bare-encoder")
        << QStringList{"--family", "bert", "--head", "base", "--no-prefix"};
    QTest::addRow("xlnet-bare-encoder")
        << QStringList{"--family", "xlnet", "--head", "base", "--no-prefix"};
    QTest::addRow("roberta-mlm-untied-keys-omitted")
        << QStringList{"--family", "roberta", "--head", "masked-lm", "--omit-tied"};
  }

  void matchesTheReference() {
    QFETCH(QStringList, referenceArgs);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("checkpoint"));
    int status = 0;
    QString err;
    const QString script = QStringLiteral(TWB_SOURCE_DIR "/tests/reference/hf_reference.py");
    run(QString::fromLatin1(kPython),
        QStringList{script} + referenceArgs + QStringList{"--out", folder}, &status, &err);
    QVERIFY2(status == 0, qPrintable(QStringLiteral("the Python reference failed (scripts/setup "
                                                    "installs python3-torch): ") +
                                     err));

    const QStringList cases =
        QDir(folder + QStringLiteral("/cases")).entryList({QStringLiteral("*.input.json")});
    QVERIFY(cases.size() >= 3);
    for (const QString& input : cases) {
      const QString name = input.section(QLatin1Char('.'), 0, 0);
      const QString out =
          run(QStringLiteral(TWB_BINARY),
              {"models", "run", folder, "--input", folder + "/cases/" + input}, &status, &err);
      QVERIFY2(status == 0, qPrintable(name + QStringLiteral(": ") + err));
      const QJsonObject actual = QJsonDocument::fromJson(out.toUtf8()).object();
      const QJsonObject expected = readJson(folder + "/cases/" + name + ".expected.json");
      QVERIFY(expected.contains(QStringLiteral("last_hidden_state")));
      for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY2(actual.contains(it.key()),
                 qPrintable(QStringLiteral("%1: no %2 in the output").arg(name, it.key())));
        const double difference = maxDifference(it.value(), actual.value(it.key()));
        QVERIFY2(
            difference <= kTolerance,
            qPrintable(QStringLiteral("%1: %2 differs by %3").arg(name, it.key()).arg(difference)));
      }
    }
  }

  void runReportsABadBatchByKeyAndRow() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("checkpoint"));
    int status = 0;
    run(QString::fromLatin1(kPython),
        {TWB_SOURCE_DIR "/tests/reference/hf_reference.py", "--family", "bert", "--out", folder},
        &status);
    QCOMPARE(status, 0);
    QFile batch(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(batch.open(QIODevice::WriteOnly));
    batch.write(R"({"input_ids": [[2, 5, 3], [2, 3]]})");
    batch.close();
    QString err;
    run(QStringLiteral(TWB_BINARY), {"models", "run", folder, "--input", batch.fileName()}, &status,
        &err);
    QCOMPARE(status, 2);
    QVERIFY2(err.contains("bad.json") && err.contains("\"input_ids\"") && err.contains("row 2"),
             qPrintable(err));
  }
};

QTEST_GUILESS_MAIN(HfParityTest)
#include "test_hf_parity.moc"
