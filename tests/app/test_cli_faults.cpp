// `twb run` under faults, as a user meets them: a --db that is not a run store, Ctrl-C once and
// twice, SIGKILL at random moments; the store stays whole and a resume gives what an
// uninterrupted run gives.
#include <signal.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>
#include <memory>
#include <random>

#include "store/RunStore.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

const QByteArray kYaml = R"(name: cli-faults
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 150}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, 3]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 2, threads: 1}
)";

constexpr int kInterrupted = 130;

QByteArray fileHash(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Sends a signal to the process only while it runs (kill(0, ...) would hit the test's own
// process group).
void signal(QProcess& process, int number) {
  const qint64 pid = process.processId();
  if (pid > 0 && process.state() == QProcess::Running) ::kill(static_cast<pid_t>(pid), number);
}

QString integrity(const QString& path) {
  QString answer;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "integrity");
    db.setDatabaseName(path);
    if (db.open()) {
      QSqlQuery query(db);
      if (query.exec("PRAGMA integrity_check") && query.next()) answer = query.value(0).toString();
    }
    db.close();
  }
  QSqlDatabase::removeDatabase("integrity");
  return answer;
}

}  // namespace

class CliFaultsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QJsonArray straight_;  // the results of an uninterrupted run

  std::unique_ptr<QProcess> start(const QStringList& args) {
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("TWB_DATA_DIR", dir_.filePath("data"));
    env.insert("XDG_DATA_HOME", dir_.filePath("xdg"));
    env.insert("OMP_NUM_THREADS", "1");
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(dir_.path());
    process->start(TWB_BINARY, args);
    process->waitForStarted();
    return process;
  }

  // Reads stderr until it holds text; returns all of it.
  static QString waitForErr(QProcess& process, const QString& text, QString* err) {
    QElapsedTimer clock;
    clock.start();
    while (!err->contains(text) && clock.elapsed() < 60000 &&
           process.state() == QProcess::Running) {
      process.waitForReadyRead(100);
      *err += QString::fromUtf8(process.readAllStandardError());
    }
    return *err;
  }

  static int finish(QProcess& process, QString* err, int ms = 60000) {
    if (!process.waitForFinished(ms)) return -1;
    *err += QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  }

  static QJsonArray resultsOf(QProcess& process) {
    const QByteArray out = process.readAllStandardOutput();
    return QJsonDocument::fromJson(out).object().value("results").toArray();
  }

 private Q_SLOTS:
  void initTestCase() {
    test::writeSentimentFixtures(dir_);
    test::writeFile(dir_, "exp.yaml", kYaml);
    auto run = start({"run", "exp.yaml", "--db", dir_.filePath("straight/runs.sqlite"), "--json"});
    QString err;
    QCOMPARE(finish(*run, &err), 0);
    straight_ = resultsOf(*run);
    QCOMPARE(straight_.size(), 1);
  }

  void aDbThatIsNotARunStoreIsRefusedAndNothingIsCreatedBesideIt() {
    auto devNull = start({"run", "exp.yaml", "--db", "/dev/null"});
    QString err;
    QCOMPARE(finish(*devNull, &err), 2);
    QVERIFY2(err.contains("character device"), qPrintable(err));
    QVERIFY(!QFileInfo::exists("/dev/tokenizers") && !QFileInfo::exists("/dev/null-journal"));

    QDir(dir_.path()).mkpath("foreign");
    const QString theirs = dir_.filePath("foreign/theirs.sqlite");
    {
      QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "theirs");
      db.setDatabaseName(theirs);
      QVERIFY(db.open());
      QSqlQuery query(db);
      QVERIFY(query.exec("CREATE TABLE runs(id INTEGER PRIMARY KEY, note TEXT)"));
      QVERIFY(query.exec("INSERT INTO runs(note) VALUES('mine')"));
      db.close();
    }
    QSqlDatabase::removeDatabase("theirs");
    const QByteArray before = fileHash(theirs);
    for (const QStringList& args :
         {QStringList{"run", "exp.yaml", "--db", theirs}, QStringList{"runs", "--db", theirs}}) {
      auto process = start(args);
      QString refused;
      QCOMPARE(finish(*process, &refused), 2);
      QVERIFY2(refused.contains("another program's SQLite database"), qPrintable(refused));
    }
    QCOMPARE(fileHash(theirs), before);
    QCOMPARE(QDir(dir_.filePath("foreign")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{"theirs.sqlite"});
  }

  void ctrlCStopsAtTheNextStepExits130AndTheResumeMatches() {
    const QString db = dir_.filePath("ctrl-c/runs.sqlite");
    auto run = start({"run", "exp.yaml", "--db", db});
    QString err;
    waitForErr(*run, "stage: target", &err);
    signal(*run, SIGINT);
    QCOMPARE(finish(*run, &err), kInterrupted);
    QVERIFY2(err.contains("--resume 1"), qPrintable(err));
    QCOMPARE(RunStore(db).experiment(1)->status, QStringLiteral("interrupted"));

    // An export aimed at the store itself is refused, and the store stays as it was.
    for (const char* option : {"--csv", "--predictions"}) {
      auto slip = start({"export", option, db, "--db", db});
      QString refused;
      QCOMPARE(finish(*slip, &refused), 2);
      QVERIFY2(refused.contains("SQLite database"), qPrintable(refused));
    }
    QCOMPARE(RunStore(db).experiment(1)->status, QStringLiteral("interrupted"));

    auto resumed = start({"run", "exp.yaml", "--db", db, "--resume", "1", "--json"});
    QString resumeErr;
    QCOMPARE(finish(*resumed, &resumeErr), 0);
    QCOMPARE(resultsOf(*resumed), straight_);
  }

  void aSecondStopSignalQuitsAtOnce() {
    auto run = start({"run", "exp.yaml", "--db", dir_.filePath("twice/runs.sqlite")});
    QString err;
    waitForErr(*run, "stage: intermediate", &err);
    // Two signals of one kind sent together merge into one; Ctrl-C then SIGTERM, delivered
    // together while the process is stopped, are handled one after the other.
    signal(*run, SIGSTOP);
    signal(*run, SIGINT);
    signal(*run, SIGTERM);
    signal(*run, SIGCONT);
    QCOMPARE(finish(*run, &err, 10000), kInterrupted);
    QVERIFY2(err.contains("quitting at once"), qPrintable(err));
  }

  void sigkillAtRandomMomentsLeavesAWholeStoreThatResumesToTheSameResults() {
    const QString db = dir_.filePath("killed/runs.sqlite");
    std::mt19937 rng(20261205);
    std::uniform_int_distribution<int> delayMs(300, 2500);
    for (int kill = 0; kill < 4; ++kill) {
      const bool stored = QFile::exists(db) && !RunStore(db).experiments().isEmpty();
      QStringList args{"run", "exp.yaml", "--db", db};
      if (stored)
        args << "--resume"
             << "1";
      auto run = start(args);
      QTest::qWait(delayMs(rng));
      signal(*run, SIGKILL);
      run->waitForFinished();
      if (QFile::exists(db)) QCOMPARE(integrity(db), QStringLiteral("ok"));
    }
    // Finish what the kills left (a last kill may have come after the end).
    const bool stored = QFile::exists(db) && !RunStore(db).experiments().isEmpty();
    if (!stored || RunStore(db).experiment(1)->status != QLatin1String("finished")) {
      QStringList args{"run", "exp.yaml", "--db", db};
      if (stored) {
        QCOMPARE(RunStore(db).experiment(1)->status, QStringLiteral("interrupted"));
        args << "--resume"
             << "1";
      }
      auto last = start(args);
      QString err;
      QCOMPARE(finish(*last, &err), 0);
    }
    auto show = start({"show", "--experiment", "1", "--json", "--db", db});
    QString err;
    QCOMPARE(finish(*show, &err), 0);
    QCOMPARE(resultsOf(*show), straight_);
    QCOMPARE(RunStore(db).experiments().size(), 1);
  }
};

QTEST_GUILESS_MAIN(CliFaultsTest)
#include "test_cli_faults.moc"
