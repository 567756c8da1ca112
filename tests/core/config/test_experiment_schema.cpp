// The experiment schema is the one definition of every key: the loader reads each key it
// defines, the writer writes it back, the diff sees it, the README shows it, and `twb schema`'s
// JSON Schema agrees with the loader on good and bad files (python3-jsonschema).
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentSchema.h"
#include "config/ExperimentWriter.h"
#include "config/SchemaDocs.h"

using twb::ExperimentSpec;
using twb::KeyType;
using twb::SchemaKey;

namespace {

// The sections of a small valid experiment, each a flow map's entries.
struct Sections {
  QStringList model{QStringLiteral("arch: bert"), QStringLiteral("size: tiny"),
                    QStringLiteral("from: scratch")};
  QStringList pretrain{QStringLiteral("text: [movies-reviews]"), QStringLiteral("steps: 10")};
  QStringList intermediate{QStringLiteral("dataset: movies-sentences"),
                           QStringLiteral("task: classification")};
  QStringList dataset{QStringLiteral("path: data.tsv")};
  QStringList target{QStringLiteral("task: classification")};
  QStringList protocol{QStringLiteral("seeds: [1]")};
  QStringList train{QStringLiteral("lr: 0.0001")};

  QString yaml() const {
    const auto map = [](const QStringList& entries) {
      return QStringLiteral("{%1}").arg(entries.join(QStringLiteral(", ")));
    };
    return QStringLiteral(
               "name: schema-test\nmodel: %1\npretrain: %2\nintermediate: %3\n"
               "targets:\n  - {dataset: %4, %5}\nprotocol: %6\ntrain: %7\n")
        .arg(map(model), map(pretrain), map(intermediate), map(dataset), target.join(", "),
             map(protocol), map(train));
  }
};

// A value the key allows that differs from its default.
QString otherValue(const SchemaKey& key) {
  switch (key.type) {
    case KeyType::Integer: {
      int value = int(std::max(key.minimum, 0.0)) + 2;
      if (QVariant(value) == key.fallback) ++value;
      return QString::number(value);
    }
    case KeyType::Number: {
      const double low = std::max(key.minimum, 0.0);
      double value = key.maximum < 1e300 ? (low + key.maximum) / 2 : low + 0.25;
      if (value == key.fallback.toDouble()) value += (key.maximum - low) / 8;
      return twb::shortestNumber(value);
    }
    case KeyType::Choice:
      for (const QString& choice : key.choices)
        if (choice != key.fallback.toString()) return choice;
      return QString();
    case KeyType::Boolean:
      return key.fallback.toBool() ? QStringLiteral("false") : QStringLiteral("true");
    case KeyType::Text:
      if (key.path == QLatin1String("model.from")) return QStringLiteral("roberta-base");
      return key.pattern.isEmpty() ? QStringLiteral("column2") : QStringLiteral("fr");
    default:
      return QString();
  }
}

// The path experimentDifferences names for a key of the test's experiment.
QString differencePath(const SchemaKey& key) {
  QString path = key.path;
  path.replace(QStringLiteral("targets[]"), QStringLiteral("targets[1]"));
  if (key.section() == QLatin1String("dataset")) path.prepend(QStringLiteral("targets[1]."));
  return path;
}

// Replaces the entry of the key named in entry, or appends it.
void set(QStringList& entries, const QString& entry) {
  const QString name = entry.section(QLatin1Char(':'), 0, 0);
  for (QString& existing : entries)
    if (existing.section(QLatin1Char(':'), 0, 0) == name) {
      existing = entry;
      return;
    }
  entries << entry;
}

// The test's experiment with key set to value.
QString withKey(const SchemaKey& key, const QString& value) {
  Sections s;
  const QString entry = key.name() + QStringLiteral(": ") + value;
  const QString section = key.section();
  if (key.path == QLatin1String("model.from"))
    s.model = QStringList{entry};  // no sizes beside
  else if (section == QLatin1String("model"))
    set(s.model, entry);
  else if (section == QLatin1String("pretrain"))
    set(s.pretrain, entry);
  else if (section == QLatin1String("intermediate"))
    set(s.intermediate, entry);
  else if (section == QLatin1String("targets[]"))
    set(s.target, entry);
  if (key.path == QLatin1String("targets[].setting") && value == QLatin1String("zero-shot"))
    set(s.target, QStringLiteral("source: uci-yelp"));  // a zero-shot target needs its source
  else if (section == QLatin1String("dataset"))
    set(s.dataset, entry);
  else if (section == QLatin1String("protocol"))
    set(s.protocol, entry);
  else if (section == QLatin1String("train"))
    set(s.train, entry);
  return s.yaml();
}

bool isBound(const SchemaKey& key) {
  return !key.fallback.isNull() &&
         (key.type == KeyType::Integer || key.type == KeyType::Number ||
          key.type == KeyType::Choice || key.type == KeyType::Boolean ||
          key.type == KeyType::Text) &&
         !key.section().isEmpty();
}

QString readText(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return QString();
  return QString::fromUtf8(file.readAll());
}

}  // namespace

class TestExperimentSchema : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyKeyIsReadWrittenAndCompared() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("e.yaml"));
    const ExperimentSpec base = twb::parseExperiment(Sections().yaml(), file);
    int checked = 0;
    for (const SchemaKey& key : twb::experimentSchema()) {
      if (!isBound(key)) continue;
      const QString value = otherValue(key);
      QVERIFY2(!value.isEmpty(), qPrintable(key.path));
      const QString yaml = withKey(key, value);
      ExperimentSpec changed;
      try {
        changed = twb::parseExperiment(yaml, file);
      } catch (const twb::InputError& error) {
        QFAIL(qPrintable(key.path + QStringLiteral(": ") + error.message() + "\n" + yaml));
      }
      // The loader read it: the spec differs from the base exactly there.
      const QStringList differences = twb::experimentDifferences(base, changed);
      const QString path = differencePath(key);
      QVERIFY2(std::any_of(differences.begin(), differences.end(),
                           [&](const QString& line) { return line.startsWith(path + ": "); }),
               qPrintable(path + QStringLiteral(" not among: ") + differences.join(" | ")));
      // The writer wrote it: reading what it wrote gives the same spec.
      const ExperimentSpec back =
          twb::parseExperiment(twb::experimentToYaml(changed, dir.path()), file);
      QCOMPARE(twb::experimentDifferences(changed, back), QStringList());
      ++checked;
    }
    QVERIFY2(checked >= 30, qPrintable(QString::number(checked)));
  }

  void outOfRangeValuesAreRefusedWithTheSchemasRule() {
    const QString file = QStringLiteral("/e/e.yaml");
    for (const SchemaKey& key : twb::experimentSchema()) {
      if (!isBound(key) || key.type != KeyType::Integer) continue;
      const QString yaml = withKey(key, QString::number(int(key.minimum) - 1));
      try {
        twb::parseExperiment(yaml, file);
        QFAIL(qPrintable(key.path + QStringLiteral(" took a value below its minimum")));
      } catch (const twb::InputError& error) {
        QVERIFY2(error.message().contains(key.rule()), qPrintable(error.message()));
      }
    }
  }

  void readmeKeyReferenceIsCurrent() {
    const QString readme = readText(QStringLiteral(TWB_SOURCE_DIR "/README.md"));
    const QString begin = QStringLiteral("<!-- keys:begin -->\n");
    const int from = readme.indexOf(begin);
    const int to = readme.indexOf(QStringLiteral("<!-- keys:end -->"));
    QVERIFY2(from >= 0 && to > from, "README.md lost its <!-- keys:begin/end --> block");
    const QString written = readme.mid(from + begin.size(), to - from - begin.size()).trimmed();
    QVERIFY2(written == twb::experimentKeyReference().trimmed(),
             "README.md's key reference is stale: run scripts/schema-docs");
  }

  // The JSON Schema accepts what the loader accepts and refuses what it refuses.
  void jsonSchemaAgreesWithTheLoader() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString schema = dir.filePath(QStringLiteral("experiment.schema.json"));
    QFile out(schema);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(twb::experimentJsonSchema()).toJson());
    out.close();

    QStringList good;
    const QDir experiments(QStringLiteral(TWB_SOURCE_DIR "/resources/experiments"));
    for (const QString& name : experiments.entryList({QStringLiteral("*.yaml")}))
      good << experiments.filePath(name);
    const QDir gpu(experiments.filePath(QStringLiteral("gpu")));
    for (const QString& name : gpu.entryList({QStringLiteral("*.yaml")}))
      good << gpu.filePath(name);
    int n = 0;
    const auto write = [&](const QString& text) {
      const QString path = dir.filePath(QStringLiteral("case-%1.yaml").arg(++n));
      QFile file(path);
      file.open(QIODevice::WriteOnly);
      file.write(text.toUtf8());
      return path;
    };
    for (const SchemaKey& key : twb::experimentSchema())
      if (isBound(key)) good << write(withKey(key, otherValue(key)));

    const Sections s;
    const QString base = s.yaml();
    const QStringList badTexts = {
        QString(base).replace(QStringLiteral("lr: 0.0001"), QStringLiteral("lr: 0")),
        QString(base).replace(QStringLiteral("lr: 0.0001"), QStringLiteral("learning_rate: 1")),
        QString(base).replace(QStringLiteral("seeds: [1]"), QStringLiteral("seeds: [1, 1]")),
        QString(base).replace(QStringLiteral("seeds: [1]"), QStringLiteral("split: [0.5, 0.5]")),
        QString(base).replace(QStringLiteral("task: classification"), QStringLiteral("task: nli")),
        QString(base).replace(QStringLiteral("movies-sentences"), QStringLiteral("no-such-set")),
        QString(base).replace(QStringLiteral("size: tiny"), QStringLiteral("size: huge")),
        QString(base).replace(QStringLiteral("path: data.tsv"),
                              QStringLiteral("path: data.tsv, language: French")),
        QString(base).replace(QStringLiteral("name: schema-test\n"), QString()),
    };
    QStringList bad;
    for (const QString& text : badTexts) {
      QVERIFY(text != base);
      bool refused = false;
      try {
        twb::parseExperiment(text, dir.filePath(QStringLiteral("x.yaml")));
      } catch (const twb::InputError&) {
        refused = true;
      }
      QVERIFY2(refused, qPrintable(QStringLiteral("the loader took: ") + text));
      bad << write(text);
    }
    for (const QString& path : good) {
      try {
        twb::loadExperiment(path);
      } catch (const twb::InputError& error) {
        QFAIL(qPrintable(error.message()));
      }
    }

    QProcess python;
    python.start(
        QStringLiteral("/usr/bin/python3"),
        QStringList{QStringLiteral(TWB_SOURCE_DIR "/tests/reference/validate_schema.py"), schema} +
            good + bad);
    QVERIFY2(python.waitForFinished(120000), "the validator did not finish");
    QVERIFY2(python.exitCode() == 0,
             qPrintable(QStringLiteral("the validator failed (scripts/setup installs "
                                       "python3-jsonschema and python3-yaml): ") +
                        QString::fromUtf8(python.readAllStandardError())));
    const QJsonObject verdicts = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    for (const QString& path : good)
      QVERIFY2(verdicts.value(path).toString() == QLatin1String("ok"),
               qPrintable(path + QStringLiteral(": ") + verdicts.value(path).toString()));
    for (const QString& path : bad)
      QVERIFY2(verdicts.value(path).toString() != QLatin1String("ok"),
               qPrintable(QStringLiteral("the JSON Schema took ") + readText(path)));
  }
};

QTEST_GUILESS_MAIN(TestExperimentSchema)
#include "test_experiment_schema.moc"
