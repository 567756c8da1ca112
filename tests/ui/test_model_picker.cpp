// Tests of the setup form's model picker: model.from written and read back, the size rows, and
// the Hugging Face cache status with Download and Cancel (against a loopback Hub, never the
// network).
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QtTest>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"
#include "hub/HubFetch.h"
#include "setup/ExperimentFile.h"
#include "setup/HubModelFetcher.h"
#include "setup/SetupPanel.h"
#include "support/FakeHub.h"
#include "support/HubFixture.h"
#include "support/LoopbackHttpServer.h"
#include "support/TestSupport.h"

using twb::ExperimentSpec;
using twb::ModelSource;
using twb::SetupPanel;

namespace {

const char* kScratch = R"(name: picker
model: {arch: bert, size: small, from: scratch, layers: 3}
targets: [{dataset: uci-yelp}]
)";

template <typename T>
T* child(const QWidget& parent, const char* name) {
  T* widget = parent.findChild<T*>(QString::fromLatin1(name));
  if (!widget) qFatal("no widget named %s", name);
  return widget;
}

QString specError(const SetupPanel& panel) {
  try {
    panel.spec();
  } catch (const twb::InputError& error) {
    return error.message();
  }
  return QString();
}

// Writes what huggingface_hub leaves for a downloaded repo: refs/main, and the snapshot's
// config.json and weights (plain files here, where the Hub's cache has links to blobs).
void writeFakeSnapshot(const QString& cacheDir, const QString& repo) {
  const QString root =
      cacheDir + QStringLiteral("/models--") + QString(repo).replace(QLatin1Char('/'), "--");
  const QByteArray commit = "89abcdef0123456789abcdef0123456789abcdef";
  QDir().mkpath(root + QStringLiteral("/refs"));
  QFile ref(root + QStringLiteral("/refs/main"));
  QVERIFY(ref.open(QIODevice::WriteOnly) && ref.write(commit) == commit.size());
  const QString snapshot = root + QStringLiteral("/snapshots/") + QString::fromLatin1(commit);
  QDir().mkpath(snapshot);
  for (const char* name : {"config.json", "model.safetensors"}) {
    QFile file(snapshot + QLatin1Char('/') + QLatin1String(name));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("{}") == 2);
  }
}

}  // namespace

class TestModelPicker : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(home_.isValid() && data_.isValid());
    // The Hugging Face cache is a fresh folder; nothing goes to the network.
    qputenv("HF_HOME", home_.path().toUtf8());
    qputenv("HF_HUB_CACHE", cacheDir().toUtf8());
    qputenv("HF_HUB_OFFLINE", "1");
    qunsetenv("HF_TOKEN");
    qunsetenv("HF_TOKEN_PATH");
    qunsetenv("HF_ENDPOINT");
  }

  void init() {
    panel_ = std::make_unique<SetupPanel>();
    panel_->setDataDir(data_.path());
    panel_->resize(420, 1800);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
  }
  void cleanup() { panel_.reset(); }

  void choosingACatalogModelWritesFromAndNoSizes() {
    QTemporaryDir dir;
    panel_->setSpec(parse(kScratch, dir));
    auto* from = child<QComboBox>(*panel_, "modelFrom");
    const int xlmr = from->findData(QStringLiteral("xlm-roberta-base"));
    QVERIFY(xlmr > 0);
    QVERIFY(from->itemData(xlmr, Qt::ToolTipRole).toString().contains(QStringLiteral("MIT")));
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);
    from->setCurrentIndex(xlmr);
    QCOMPARE(changed.count(), 1);

    const ExperimentSpec spec = panel_->spec();
    QCOMPARE(spec.model.from, QStringLiteral("xlm-roberta-base"));
    QCOMPARE(spec.model.source.kind, ModelSource::Hub);
    QCOMPARE(spec.model.source.repo, QStringLiteral("FacebookAI/xlm-roberta-base"));
    // The model's whole entry: no size keys (nor arch) beside a checkpoint.
    QVERIFY2(spec.yamlText.contains(QStringLiteral("\nmodel: {from: xlm-roberta-base}\n")),
             qPrintable(spec.yamlText));
    for (const char* key : {"layers:", "arch:", "vocab_size:"})
      QVERIFY2(!spec.yamlText.contains(QLatin1String(key)), key);
    // What the panel writes loads again as the same experiment.
    const ExperimentSpec back = twb::parseExperiment(spec.yamlText, dir.filePath("e.yaml"));
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    QVERIFY(back.model.pretrained());

    // Sizes give way to the checkpoint's family; the details say what the download is.
    QVERIFY(!child<QComboBox>(*panel_, "size")->isVisible());
    QVERIFY(!child<QComboBox>(*panel_, "family")->isVisible());
    QVERIFY(!child<QLabel>(*panel_, "resolvedSizes")->isVisible());
    auto* family = child<QLabel>(*panel_, "checkpointFamily");
    QVERIFY(family->isVisible());
    QVERIFY2(family->text().contains(QStringLiteral("RoBERTa (xlm-roberta)")),
             qPrintable(family->text()));
    const QString details = child<QLabel>(*panel_, "modelDetails")->text();
    for (const char* part : {"100 languages", "278M parameters", "1.1 GB", "MIT"})
      QVERIFY2(details.contains(QLatin1String(part)), qPrintable(details));

    // Back to scratch: the sizes the file gave come back with it.
    from->setCurrentIndex(from->findData(QStringLiteral("scratch")));
    QVERIFY(child<QComboBox>(*panel_, "size")->isVisible());
    const twb::ModelSpec scratch = panel_->spec().model;
    QCOMPARE(scratch.from, QStringLiteral("scratch"));
    QCOMPARE(scratch.size, QStringLiteral("small"));
    QCOMPARE(scratch.layers, 3);
  }

  void loadingFromRobertaBaseSelectsItAndHidesSizes() {
    QTemporaryDir dir;
    const ExperimentSpec spec = parse(
        "name: r\nmodel: {arch: roberta, from: roberta-base, dropout: 0.2}\n"
        "targets: [{dataset: uci-yelp}]\n",
        dir);
    panel_->setSpec(spec);
    QCOMPARE(child<QComboBox>(*panel_, "modelFrom")->currentData().toString(),
             QStringLiteral("roberta-base"));
    for (const char* name : {"size", "family"})
      QVERIFY2(!child<QComboBox>(*panel_, name)->isVisible(), name);
    QVERIFY(!child<QWidget>(*panel_, "vocabSize")->isVisible());
    QVERIFY(child<QLabel>(*panel_, "checkpointFamily")->isVisible());
    // Nothing edited: the same spec, and the file's own text, come back.
    const ExperimentSpec back = panel_->spec();
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    QCOMPARE(back.yamlText, spec.yamlText);
    QVERIFY(back.model.archGiven);

    // An edit elsewhere writes the YAML afresh, keeping the arch check and the dropout.
    QTest::keyClicks(child<QLineEdit>(*panel_, "seeds"), QStringLiteral(", 5"));
    const QString yaml = panel_->spec().yamlText;
    QVERIFY2(yaml.contains(QStringLiteral("model: {arch: roberta, from: roberta-base, dropout: "
                                          "0.2}")),
             qPrintable(yaml));
  }

  void aFolderSourceRoundTrips() {
    QTemporaryDir dir;
    twb::test::writeFile(dir, QStringLiteral("models/mine/config.json"), "{}");
    const ExperimentSpec spec =
        parse("name: f\nmodel: {from: models/mine}\ntargets: [{dataset: uci-yelp}]\n", dir);
    panel_->setSpec(spec);
    auto* from = child<QComboBox>(*panel_, "modelFrom");
    QCOMPARE(from->currentData().toString(), QStringLiteral("folder:"));
    auto* folder = child<QLineEdit>(*panel_, "checkpointFolder");
    QVERIFY(folder->isVisible());
    QCOMPARE(QDir::fromNativeSeparators(folder->text()), dir.filePath("models/mine"));
    QVERIFY(!child<QComboBox>(*panel_, "size")->isVisible());
    QVERIFY(!child<QWidget>(*panel_, "modelStatus")->isVisible());  // not a Hub model
    const ExperimentSpec same = panel_->spec();
    QCOMPARE(same.model.from, QStringLiteral("models/mine"));  // relative, as written
    QCOMPARE(twb::experimentDifferences(spec, same), QStringList());

    // Another folder, typed: written as an absolute path, saved and opened again.
    const QString other =
        QFileInfo(twb::test::writeFile(dir, "elsewhere/ckpt/config.json", "{}")).absolutePath();
    folder->selectAll();
    QTest::keyClicks(folder, other);
    const ExperimentSpec edited = panel_->spec();
    QCOMPARE(edited.model.from, other);
    QCOMPARE(edited.model.source.kind, ModelSource::Folder);
    QCOMPARE(edited.model.source.folder, other);
    const QString path = dir.filePath(QStringLiteral("saved/f.yaml"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QString error;
    QVERIFY2(twb::saveExperimentFile(edited, path, &error), qPrintable(error));
    const twb::OpenedExperiment opened = twb::openExperimentFile(path);
    QVERIFY2(opened.ok(), opened.error ? qPrintable(opened.error->message()) : "");
    QCOMPARE(twb::experimentDifferences(edited, *opened.spec), QStringList());
    QCOMPARE(opened.spec->model.source.folder, other);

    // A folder without config.json is refused in words, naming the key.
    folder->selectAll();
    QTest::keyClicks(folder, dir.filePath(QStringLiteral("models")));
    QVERIFY2(specError(*panel_).startsWith(QStringLiteral("model.from:")),
             qPrintable(specError(*panel_)));
    const QString details = child<QLabel>(*panel_, "modelDetails")->text();
    QVERIFY2(details.contains(QStringLiteral("no config.json")), qPrintable(details));
  }

  void aHubRepositoryIsTypedAsOrgName() {
    QTemporaryDir dir;
    panel_->setSpec(parse(kScratch, dir));
    auto* from = child<QComboBox>(*panel_, "modelFrom");
    from->setCurrentIndex(from->findData(QStringLiteral("hf:")));
    auto* repo = child<QLineEdit>(*panel_, "hubRepo");
    QVERIFY(repo->isVisible());
    QVERIFY2(specError(*panel_).startsWith(QStringLiteral("model.from:")),
             qPrintable(specError(*panel_)));
    QTest::keyClicks(repo, QStringLiteral("someone/tiny-bert@v2"));
    const twb::ModelSpec model = panel_->spec().model;
    QCOMPARE(model.from, QStringLiteral("hf:someone/tiny-bert@v2"));
    QCOMPARE(model.source.repo, QStringLiteral("someone/tiny-bert"));
    QCOMPARE(model.source.revision, QStringLiteral("v2"));
    QVERIFY(child<QWidget>(*panel_, "modelStatus")->isVisible());
    QTest::keyClicks(repo, QStringLiteral(" x"));
    QVERIFY2(specError(*panel_).contains(QStringLiteral("is not a Hub model")),
             qPrintable(specError(*panel_)));
  }

  void cacheStatusSaysNotDownloadedThenInTheCache() {
    QTemporaryDir dir;
    panel_->setSpec(
        parse("name: c\nmodel: {from: bert-base-uncased}\ntargets: [{dataset: uci-yelp}]\n", dir));
    auto* status = child<QLabel>(*panel_, "modelStatus");
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("not downloaded"), Qt::CaseInsensitive),
             qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("440 MB")), qPrintable(status->text()));
    // HF_HUB_OFFLINE is set: there is nothing Download could do.
    QVERIFY(!child<QPushButton>(*panel_, "downloadModel")->isEnabled());

    writeFakeSnapshot(cacheDir(), QStringLiteral("google-bert/bert-base-uncased"));
    QCOMPARE(twb::cachedSnapshot(QStringLiteral("google-bert/bert-base-uncased"),
                                 QStringLiteral("main"), twb::HubSettings::fromEnvironment())
                 .isEmpty(),
             false);
    panel_->setSpec(panel_->spec());  // shown afresh, as opening the file again would
    QVERIFY2(status->text().contains(QStringLiteral("in the cache"), Qt::CaseInsensitive),
             qPrintable(status->text()));
    QVERIFY(!child<QPushButton>(*panel_, "downloadModel")->isVisible());
    // Another model is not in the cache.
    auto* from = child<QComboBox>(*panel_, "modelFrom");
    from->setCurrentIndex(from->findData(QStringLiteral("xlnet-base-cased")));
    QVERIFY2(status->text().contains(QStringLiteral("not downloaded"), Qt::CaseInsensitive),
             qPrintable(status->text()));
  }

  void downloadFetchesInTheBackgroundAndReports() {
    twb::test::LoopbackHttpServer server;
    twb::test::serveRepo(server, twb::test::tinyBertRepo(QStringLiteral("org/picker-bert")));
    const Online online(server.url());
    QTemporaryDir dir;
    panel_->setSpec(parse(kScratch, dir));
    chooseHubRepo(QStringLiteral("org/picker-bert"));
    auto* status = child<QLabel>(*panel_, "modelStatus");
    QVERIFY2(status->text().contains(QStringLiteral("not downloaded"), Qt::CaseInsensitive),
             qPrintable(status->text()));

    auto* fetcher = panel_->findChild<twb::HubModelFetcher*>();
    QVERIFY(fetcher);
    QSignalSpy progressed(fetcher, &twb::HubModelFetcher::progressed);
    QSignalSpy fetched(fetcher, &twb::HubModelFetcher::fetched);
    bool onGuiThread = true;
    connect(fetcher, &twb::HubModelFetcher::progressed, this, [&onGuiThread] {
      onGuiThread = onGuiThread && QThread::currentThread() == qApp->thread();
    });
    auto* download = child<QPushButton>(*panel_, "downloadModel");
    QVERIFY(download->isEnabled());
    QTest::mouseClick(download, Qt::LeftButton);
    QVERIFY(child<QProgressBar>(*panel_, "downloadProgress")->isVisible());
    QVERIFY(fetched.wait(20000));
    QVERIFY(progressed.count() > 0);
    QVERIFY(onGuiThread);
    QCOMPARE(progressed.last().at(3).toLongLong(), progressed.last().at(4).toLongLong());
    QVERIFY2(status->text().contains(QStringLiteral("in the cache"), Qt::CaseInsensitive),
             qPrintable(status->text()));
    QVERIFY(!child<QProgressBar>(*panel_, "downloadProgress")->isVisible());
  }

  void cancelStopsADownloadAndSaysSo() {
    twb::test::LoopbackHttpServer server;
    const twb::test::FakeRepo repo = twb::test::tinyBertRepo(QStringLiteral("org/stalled-bert"));
    twb::test::serveRepo(server, repo);
    // The weights' transfer sends 100 bytes, then stalls with the connection open.
    server.breakOnce(twb::test::cdnPath(repo.files.value(twb::test::kWeightsFile)), 100, false);
    const Online online(server.url());
    QTemporaryDir dir;
    panel_->setSpec(parse(kScratch, dir));
    chooseHubRepo(QStringLiteral("org/stalled-bert"));

    auto* fetcher = panel_->findChild<twb::HubModelFetcher*>();
    QSignalSpy cancelled(fetcher, &twb::HubModelFetcher::cancelled);
    QTest::mouseClick(child<QPushButton>(*panel_, "downloadModel"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!twb::test::requestsTo(server, "/cdn/").isEmpty(), 20000);
    auto* cancel = child<QPushButton>(*panel_, "cancelDownload");
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(cancelled.wait(20000));
    auto* status = child<QLabel>(*panel_, "modelStatus");
    QVERIFY2(status->text().contains(QStringLiteral("cancelled"), Qt::CaseInsensitive),
             qPrintable(status->text()));
    QVERIFY(!cancel->isVisible());
    QVERIFY(child<QPushButton>(*panel_, "downloadModel")->isEnabled());
  }

  // In the dock's scroll area every row of a pretrained model's section gets its height, and
  // the panel fits the dock's width (a form with hidden rows and wrapped labels squeezed them).
  void pretrainedRowsKeepTheirHeightInTheDock() {
    QScrollArea scroll;
    auto* panel = new SetupPanel;
    panel->setDataDir(data_.path());
    scroll.setWidget(panel);
    scroll.setWidgetResizable(true);
    scroll.resize(480, 800);
    scroll.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scroll));
    QTemporaryDir dir;
    panel->setSpec(parse(
        "name: c\nmodel: {from: xlm-roberta-base}\nintermediate: {dataset: movies-sentences}\n"
        "targets: [{dataset: uci-yelp}]\n",
        dir));
    QTest::qWait(50);
    for (const char* name : {"modelDetails", "modelStatus", "checkpointFamily"}) {
      auto* label = child<QLabel>(*panel, name);
      QVERIFY2(label->isVisible(), name);
      QVERIFY2(label->height() >= label->heightForWidth(label->width()), name);
    }
    auto* download = child<QPushButton>(*panel, "downloadModel");
    QVERIFY(download->height() >= download->minimumSizeHint().height());
    QVERIFY2(
        panel->width() <= scroll.viewport()->width(),
        qPrintable(QStringLiteral("%1 > %2").arg(panel->width()).arg(scroll.viewport()->width())));
  }

 private:
  // HF_HUB_OFFLINE off and HF_ENDPOINT at a loopback server, while it lives.
  struct Online {
    explicit Online(const QString& endpoint) {
      qputenv("HF_ENDPOINT", endpoint.toUtf8());
      qputenv("HF_HUB_OFFLINE", "0");
    }
    ~Online() {
      qunsetenv("HF_ENDPOINT");
      qputenv("HF_HUB_OFFLINE", "1");
    }
  };

  QString cacheDir() const { return home_.filePath(QStringLiteral("hub")); }

  static ExperimentSpec parse(const char* text, const QTemporaryDir& dir) {
    return twb::parseExperiment(QString::fromUtf8(text), dir.filePath(QStringLiteral("e.yaml")));
  }

  void chooseHubRepo(const QString& repo) {
    auto* from = child<QComboBox>(*panel_, "modelFrom");
    from->setCurrentIndex(from->findData(QStringLiteral("hf:")));
    QTest::keyClicks(child<QLineEdit>(*panel_, "hubRepo"), repo);
  }

  QTemporaryDir home_;
  QTemporaryDir data_;
  std::unique_ptr<SetupPanel> panel_;
};

QTEST_MAIN(TestModelPicker)
#include "test_model_picker.moc"
