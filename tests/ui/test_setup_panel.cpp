// Tests of the setup form: spec round trips, driving it with keys and clicks, files and recents.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTreeWidget>
#include <QtTest>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"
#include "setup/DatasetFetcher.h"
#include "setup/ExperimentFile.h"
#include "setup/FileDatasetDialog.h"
#include "setup/SetupPanel.h"
#include "support/TestSupport.h"

using twb::ExperimentSpec;
using twb::InputError;
using twb::SetupPanel;

namespace {

const char* kExample = R"(name: movies-to-products
model: {arch: bert, size: tiny, from: scratch}
pretrain: {text: [movies-reviews, uci-imdb], steps: 2000}
intermediate: {dataset: movies-sentences, task: classification, epochs: 3}
targets:
  - {dataset: uci-yelp, task: classification, domain: restaurants}
  - dataset: {path: hotels.tsv, text: review, label: stars}
    task: classification
    domain: hotels
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, 3]}
train: {lr: 1e-4, batch_size: 32, max_len: 128, epochs: 5, early_stopping: 2}
)";

// Fields the form does not show, set away from their defaults, with files, pairs and scores.
const char* kRich = R"(name: "rich: everything"
model: {arch: roberta, size: small, from: scratch, layers: 3, heads: 4, vocab_size: 6000,
        dropout: 0.2}
pretrain: {text: [reviews-fr, {path: corpus.jsonl, language: fr}], steps: 300, batch_size: 8,
           lr: 3e-4}
intermediate:
  dataset: {path: sts.csv, text: a, text_pair: b, score: sim}
  task: similarity
targets:
  - {dataset: reviews-de, task: sentiment, domain: books, language: de, epochs: 2}
  - dataset: {path: data/pairs.txt, format: tsv, text: q, text_pair: p, labels: [no, yes]}
    task: classification
protocol: {split: [0.8, 0.1, 0.1], seeds: [9, 4]}
train: {lr: 2e-5, batch_size: 4, max_len: 32, epochs: 1, max_steps: 10, eval_every: 5,
        warmup: 0.2, weight_decay: 0, clip_norm: 2, threads: 1}
)";

ExperimentSpec parsed(const char* text, const QTemporaryDir& dir) {
  return twb::parseExperiment(QString::fromUtf8(text), dir.filePath(QStringLiteral("e.yaml")));
}

template <typename T>
T* child(const QWidget& parent, const char* name) {
  T* widget = parent.findChild<T*>(QString::fromLatin1(name));
  if (!widget) qFatal("no widget named %s", name);
  return widget;
}

// The message of the InputError spec() throws, or "" when it does not throw.
QString specError(const SetupPanel& panel) {
  try {
    panel.spec();
  } catch (const InputError& error) {
    return error.message();
  }
  return QString();
}

QTreeWidgetItem* row(QTreeWidget* tree, const QString& name) {
  const QList<QTreeWidgetItem*> found = tree->findItems(name, Qt::MatchExactly, 0);
  return found.size() == 1 ? found.first() : nullptr;
}

// Clicks where the style draws the row's check box, as a user would.
void clickCheckBox(QTreeWidget* tree, QTreeWidgetItem* item) {
  tree->scrollToItem(item);
  const QModelIndex index = tree->model()->index(tree->indexOfTopLevelItem(item), 0);
  QStyleOptionViewItem option;
  option.initFrom(tree);
  option.rect = tree->visualRect(index);
  option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay;
  option.text = item->text(0);
  option.checkState = item->checkState(0);
  const QRect box =
      tree->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, tree);
  QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, box.center());
}

QStringList targetNames(const ExperimentSpec& spec) {
  QStringList names;
  for (const twb::TargetSpec& target : spec.targets) names << target.dataset.name();
  return names;
}

}  // namespace

class TestSetupPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() {
    QVERIFY(data_.isValid());
    panel_ = std::make_unique<SetupPanel>();
    panel_->setDataDir(data_.path());  // empty: nothing is on disk, nothing is fetched
    panel_->resize(900, 1800);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
  }
  void cleanup() { panel_.reset(); }

  void setSpecThenSpecGivesItBack_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("readme example") << QByteArray(kExample);
    QTest::newRow("files, pairs, scores, hidden fields") << QByteArray(kRich);
  }
  void setSpecThenSpecGivesItBack() {
    QFETCH(QByteArray, yaml);
    QTemporaryDir dir;
    const ExperimentSpec spec = parsed(yaml.constData(), dir);
    panel_->setSpec(parsed(yaml == kExample ? kRich : kExample, dir));  // replaced entirely
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);
    panel_->setSpec(spec);
    QCOMPARE(changed.count(), 0);
    const ExperimentSpec back = panel_->spec();
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    QCOMPARE(back.sourcePath, spec.sourcePath);
    QCOMPARE(back.yamlText, spec.yamlText);  // unchanged: the file's own text is kept
  }

  void seedsWithALetterAreRejectedNamingTheKey() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    auto* seeds = child<QLineEdit>(*panel_, "seeds");
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);
    QTest::keyClick(seeds, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(seeds, QStringLiteral("1, 2, x"));
    QCOMPARE(seeds->text(), QStringLiteral("1, 2, x"));
    QVERIFY(changed.count() > 0);
    const QString error = specError(*panel_);
    QVERIFY2(error.startsWith(QStringLiteral("protocol.seeds:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("'x'")), qPrintable(error));
    QVERIFY(child<QLabel>(*panel_, "trainProblem")->isVisible());

    QTest::keyClick(seeds, Qt::Key_Backspace);
    QTest::keyClicks(seeds, QStringLiteral("7"));
    QCOMPARE(panel_->spec().protocol.seeds, (QList<int>{1, 2, 7}));
    QVERIFY(!child<QLabel>(*panel_, "trainProblem")->isVisible());
    QTest::keyClicks(seeds, QStringLiteral(" 2"));
    QVERIFY2(specError(*panel_).contains(QStringLiteral("twice")), qPrintable(specError(*panel_)));
  }

  void clickingATargetsBoxAddsIt() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    auto* targets = child<QTreeWidget>(*panel_, "targets");
    QTreeWidgetItem* amazon = row(targets, QStringLiteral("uci-amazon"));
    QVERIFY(amazon);
    QCOMPARE(amazon->checkState(0), Qt::Unchecked);
    QCOMPARE(amazon->text(1), QStringLiteral("products"));  // its domain is shown
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);

    clickCheckBox(targets, amazon);
    QCOMPARE(changed.count(), 1);
    ExperimentSpec spec = panel_->spec();
    QCOMPARE(targetNames(spec), (QStringList{QStringLiteral("uci-yelp"), QStringLiteral("hotels"),
                                             QStringLiteral("uci-amazon")}));
    QCOMPARE(spec.targets.last().domain, QStringLiteral("products"));

    // Space on the current row toggles it too; clearing every box is refused naming the key.
    targets->setCurrentItem(amazon);
    QTest::keyClick(targets, Qt::Key_Space);
    QCOMPARE(targetNames(panel_->spec()).size(), 2);
    clickCheckBox(targets, row(targets, QStringLiteral("uci-yelp")));
    clickCheckBox(targets, row(targets, QStringLiteral("hotels")));
    QVERIFY2(specError(*panel_).startsWith(QStringLiteral("targets:")),
             qPrintable(specError(*panel_)));
  }

  void editingTheCurrentTargetsDomainAndTask() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    auto* targets = child<QTreeWidget>(*panel_, "targets");
    targets->setCurrentItem(row(targets, QStringLiteral("uci-yelp")));
    auto* domain = child<QLineEdit>(*panel_, "targetDomain");
    QCOMPARE(domain->text(), QStringLiteral("restaurants"));
    QTest::keyClick(domain, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(domain, QStringLiteral("food"));
    auto* task = child<QComboBox>(*panel_, "targetTask");
    task->setCurrentText(QStringLiteral("sentiment"));
    const ExperimentSpec spec = panel_->spec();
    QCOMPARE(spec.targets[0].domain, QStringLiteral("food"));
    QCOMPARE(spec.targets[0].task, QStringLiteral("sentiment"));
    QCOMPARE(spec.targets[1].domain, QStringLiteral("hotels"));
    QVERIFY(spec.yamlText.contains(QStringLiteral("domain: food")));  // written afresh
  }

  // train.precision and train.bucketing: shown, read from a file, written when changed.
  void precisionAndBucketingAreReadAndWritten() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));  // neither key: the defaults
    auto* precision = child<QComboBox>(*panel_, "precision");
    auto* bucketing = child<QCheckBox>(*panel_, "bucketing");
    QStringList choices;
    for (int i = 0; i < precision->count(); ++i) choices << precision->itemText(i);
    QCOMPARE(choices, (QStringList{"auto", "bf16", "fp32"}));
    QCOMPARE(precision->currentText(), QStringLiteral("auto"));
    QVERIFY(bucketing->isChecked());
    for (const char* word : {"auto", "AVX512-BF16", "AMX"})
      QVERIFY2(precision->toolTip().contains(QLatin1String(word)),
               qPrintable(precision->toolTip()));
    QVERIFY(!bucketing->toolTip().isEmpty());

    QByteArray fp32 = kExample;
    fp32.replace("early_stopping: 2}", "early_stopping: 2, precision: fp32, bucketing: false}");
    panel_->setSpec(parsed(fp32.constData(), dir));
    QCOMPARE(precision->currentText(), QStringLiteral("fp32"));
    QVERIFY(!bucketing->isChecked());

    panel_->setSpec(parsed(kExample, dir));
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);
    precision->setCurrentText(QStringLiteral("bf16"));
    bucketing->click();
    QCOMPARE(changed.count(), 2);
    const ExperimentSpec spec = panel_->spec();
    QCOMPARE(spec.train.precision, QStringLiteral("bf16"));
    QCOMPARE(spec.train.bucketing, false);
    QVERIFY2(spec.yamlText.contains(QStringLiteral("precision: bf16")), qPrintable(spec.yamlText));
    QVERIFY2(spec.yamlText.contains(QStringLiteral("bucketing: false")), qPrintable(spec.yamlText));
    const ExperimentSpec reread =
        twb::parseExperiment(spec.yamlText, dir.filePath(QStringLiteral("e.yaml")));
    QCOMPARE(reread.train.precision, QStringLiteral("bf16"));
    QCOMPARE(reread.train.bucketing, false);
  }

  void choosingXlnetChangesTheArchAndSizes() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    auto* family = child<QComboBox>(*panel_, "family");
    auto* sizes = child<QLabel>(*panel_, "resolvedSizes");
    QCOMPARE(sizes->text(), QStringLiteral("2 layers, d = 128, 2 heads, ff = 512"));
    family->setFocus();
    QTest::keyClicks(family, QStringLiteral("x"));
    QCOMPARE(panel_->spec().model.arch, QStringLiteral("xlnet"));
    QTest::keyClicks(child<QComboBox>(*panel_, "size"), QStringLiteral("b"));
    QCOMPARE(panel_->spec().model.size, QStringLiteral("base"));
    QCOMPARE(sizes->text(), QStringLiteral("12 layers, d = 768, 12 heads, ff = 3072"));
  }

  void intermediateNoneAndTheSelectedDatasetsInfo() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    auto* intermediate = child<QComboBox>(*panel_, "intermediateDataset");
    intermediate->setCurrentIndex(0);
    QVERIFY(!panel_->spec().intermediate.has_value());

    auto* targets = child<QTreeWidget>(*panel_, "targets");
    QTreeWidgetItem* yelp = row(targets, QStringLiteral("uci-yelp"));
    targets->scrollToItem(yelp);
    QTest::mouseClick(targets->viewport(), Qt::LeftButton, {},
                      targets->visualItemRect(yelp).center());
    QCOMPARE(targets->currentItem(), yelp);
    const QString info = child<QLabel>(*panel_, "datasetInfo")->text();
    QVERIFY2(info.contains(QStringLiteral("CC BY 4.0")), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("996")), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("negative, positive")), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("not on disk")), qPrintable(info));
    // Nothing is on disk in the empty data folder: Fetch offers the ticked catalog datasets.
    auto* fetch = child<QPushButton>(*panel_, "fetch");
    QVERIFY(fetch->isEnabled());
    QVERIFY2(fetch->toolTip().contains(QStringLiteral("uci-yelp")), qPrintable(fetch->toolTip()));
  }

  void addingAFileAsksForItsColumns() {
    QTemporaryDir dir;
    panel_->setSpec(parsed(kExample, dir));
    const QString file = twb::test::writeFile(dir, QStringLiteral("mine/hotels.tsv"),
                                              "review\tstars\tcity\ngreat stay\t5\tParis\n");
    {
      twb::FileDatasetDialog dialog(file);
      const twb::TargetSpec target = dialog.target();
      QCOMPARE(target.dataset.textColumn, QStringLiteral("review"));
      QCOMPARE(target.dataset.labelColumn, QStringLiteral("city"));  // the last column
      QCOMPARE(target.dataset.format, QStringLiteral("tsv"));
      QCOMPARE(target.domain, QStringLiteral("hotels"));
    }
    // The panel's own flow: the column dialog comes up; the label column is picked and accepted.
    bool answered = false;
    QTimer::singleShot(0, this, [&answered] {
      auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      auto* label = dialog->findChild<QComboBox*>(QStringLiteral("labelColumn"));
      label->setCurrentText(QStringLiteral("stars"));
      answered = true;
      dialog->accept();
    });
    QSignalSpy changed(panel_.get(), &SetupPanel::changed);
    panel_->addTargetFile(file);
    QVERIFY(answered);
    QCOMPARE(changed.count(), 1);
    const ExperimentSpec spec = panel_->spec();
    QCOMPARE(spec.targets.size(), 3);
    QCOMPARE(spec.targets[2].dataset.path, QFileInfo(file).absoluteFilePath());
    QCOMPARE(spec.targets[2].dataset.textColumn, QStringLiteral("review"));
    QCOMPARE(spec.targets[2].dataset.labelColumn, QStringLiteral("stars"));
  }

  void keyboardReachesTheFieldsInOrder() {
    panel_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(panel_.get()));
    auto* name = child<QLineEdit>(*panel_, "name");
    name->setFocus();
    QTest::keyClick(name, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QComboBox>(*panel_, "modelFrom"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QComboBox>(*panel_, "family"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QComboBox>(*panel_, "size"));
    // Mnemonics: Alt+E goes to the seeds, Alt+Y to the family.
    QTest::keyClick(panel_.get(), Qt::Key_E, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(*panel_, "seeds"));
    QTest::keyClick(panel_.get(), Qt::Key_Y, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), child<QComboBox>(*panel_, "family"));
  }

  void fetcherReportsOnTheGuiThreadAndDetaches() {
    QTemporaryDir dir;
    twb::DatasetFetcher fetcher;
    QSignalSpy failed(&fetcher, &twb::DatasetFetcher::failed);
    QSignalSpy finished(&fetcher, &twb::DatasetFetcher::finished);
    bool onGuiThread = false;
    connect(&fetcher, &twb::DatasetFetcher::failed, this,
            [&onGuiThread] { onGuiThread = QThread::currentThread() == qApp->thread(); });
    // An unknown id is refused before any download: the pool thread's path without a network.
    fetcher.fetch({QStringLiteral("no-such-dataset")}, dir.path());
    QVERIFY(fetcher.isRunning() && finished.wait(10000));
    QVERIFY(!fetcher.isRunning());
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("no-such-dataset"));
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("unknown dataset")));
    QVERIFY(onGuiThread);
    QCOMPARE(finished.first().at(0).toBool(), false);
    // Destroyed while its pool thread runs: the thread reports to nobody and nothing crashes.
    auto* detached = new twb::DatasetFetcher;
    detached->fetch({QStringLiteral("no-such-dataset"), QStringLiteral("no-such-either")},
                    dir.path());
    delete detached;
    QThreadPool::globalInstance()->waitForDone(10000);
    QCoreApplication::processEvents();
  }

  void recentFilesAreOrderedCappedAndExisting() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    twb::RecentFiles recent(&settings);
    QStringList paths;
    for (int i = 0; i < 10; ++i)
      paths << twb::test::writeFile(dir, QStringLiteral("e%1.yaml").arg(i), "name: x\n");
    for (const QString& path : paths) recent.add(path);
    QStringList expected;
    for (int i = 9; i >= 2; --i) expected << paths[i];
    QCOMPARE(recent.files(), expected);
    QCOMPARE(settings.value(QStringLiteral("recentFiles")).toStringList(), expected);

    recent.add(paths[4]);  // to the front, not twice
    QCOMPARE(recent.files().first(), paths[4]);
    QCOMPARE(recent.files().count(paths[4]), 1);
    QCOMPARE(recent.files().size(), twb::RecentFiles::kMax);

    QVERIFY(QFile::remove(paths[9]));
    QVERIFY(!recent.files().contains(paths[9]));
    QCOMPARE(recent.files().size(), 7);
    recent.remove(paths[8]);
    QCOMPARE(recent.files().size(), 6);
    recent.clear();
    QVERIFY(recent.files().isEmpty());
  }

  void savedFileOpensToTheSameSpec() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("exp/saved.yaml"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    ExperimentSpec spec =
        twb::parseExperiment(QString::fromUtf8(kRich), dir.filePath(QStringLiteral("exp/a.yaml")));
    panel_->setSpec(spec);
    QTest::keyClicks(child<QLineEdit>(*panel_, "seeds"), QStringLiteral(", 11"));
    spec = panel_->spec();
    QString error;
    QVERIFY2(twb::saveExperimentFile(spec, path, &error), qPrintable(error));
    const twb::OpenedExperiment opened = twb::openExperimentFile(path);
    QVERIFY2(opened.ok(), opened.error ? qPrintable(opened.error->message()) : "");
    QCOMPARE(twb::experimentDifferences(spec, *opened.spec), QStringList());
    QCOMPARE(opened.spec->protocol.seeds, (QList<int>{9, 4, 11}));
    QCOMPARE(opened.spec->sourcePath, QFileInfo(path).absoluteFilePath());
    QVERIFY(opened.spec->yamlText.contains(QStringLiteral("path: data/pairs.txt")));

    // An experiment that would not load again is not written.
    ExperimentSpec invalid = spec;
    invalid.targets.clear();
    const QString other = dir.filePath(QStringLiteral("exp/invalid.yaml"));
    QVERIFY(!twb::saveExperimentFile(invalid, other, &error));
    QVERIFY2(error.contains(QStringLiteral("targets")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(other));
  }

  void malformedYamlGivesTheFileAndLine() {
    QTemporaryDir dir;
    const QString path = twb::test::writeFile(
        dir, QStringLiteral("bad.yaml"),
        "name: bad\nmodel: {arch: bert}\ntargets: [{dataset: uci-yelp]\ntrain: {lr: 1}\n");
    const twb::OpenedExperiment opened = twb::openExperimentFile(path);
    QVERIFY(!opened.ok() && opened.error.has_value());
    QCOMPARE(opened.error->line(), 3);
    QCOMPARE(opened.error->file(), QFileInfo(path).absoluteFilePath());
    const QString text = twb::describeInputError(*opened.error);
    QVERIFY2(text.startsWith(QFileInfo(path).absoluteFilePath() + QStringLiteral(":3:")),
             qPrintable(text));
  }

 private:
  QTemporaryDir data_;
  std::unique_ptr<SetupPanel> panel_;
};

QTEST_MAIN(TestSetupPanel)
#include "test_setup_panel.moc"
