// Tests of the runs table: model rows and values, filter, numeric sort, selection, tags,
// live reloads, and the config diff with its dialog.
#include <QCheckBox>
#include <QColor>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "runs/ConfigDiff.h"
#include "runs/ConfigDiffDialog.h"
#include "runs/RunTags.h"
#include "runs/RunsFilterProxy.h"
#include "runs/RunsModel.h"
#include "runs/RunsView.h"
#include "store/ResolvedSettings.h"
#include "store/RunStore.h"

namespace twb {
// Lets QCOMPARE print a mismatching diff row.
char* toString(const DiffRow& row) {
  static const char* const kinds[] = {"same", "changed", "added", "removed"};
  return QTest::toString(QStringLiteral("{%1, %2, %3}")
                             .arg(row.leftLine)
                             .arg(row.rightLine)
                             .arg(QLatin1String(kinds[static_cast<int>(row.kind)])));
}
}  // namespace twb

using twb::ConfigDiffDialog;
using twb::DiffKind;
using twb::DiffRow;
using twb::MetricPoint;
using twb::RunsModel;
using twb::RunStore;
using twb::RunsView;

namespace {

const QString kYamlA = QStringLiteral(
    "model: bert\n"
    "lr: 0.001\n"
    "seeds: [1, 2]\n"
    "epochs: 3\n"
    "name: a\n");
const QString kYamlB = QStringLiteral(
    "model: bert\n"
    "lr: 0.002\n"
    "seeds: [1, 2]\n"
    "batch: 16\n"
    "epochs: 3\n");
const QString kError = QStringLiteral("CUDA out of memory\nat step 7 of the target stage");

// Adds one series to a stage: value i at step i + 1.
void addSeries(RunStore& store, qint64 stageId, const QString& name,
               const QVector<double>& values) {
  QVector<MetricPoint> points;
  for (int i = 0; i < values.size(); ++i)
    points.append({stageId, i + 1, (i + 1) / 10.0, i * 0.5, name, values[i]});
  store.addPoints(points);
}

// A finished run with a target stage, its curves and its test results.
qint64 addFinishedRun(RunStore& store, qint64 experimentId, const QString& arm,
                      const QString& target, int seed, const QString& metric, double score) {
  const qint64 run = store.addRun(experimentId, arm, target, seed);
  store.setRunStatus(run, QStringLiteral("running"));
  const qint64 stage = store.addStage(experimentId, run, seed, QStringLiteral("target"));
  addSeries(store, stage, QStringLiteral("train_loss"), {1.0, 0.5, 0.7});
  addSeries(store, stage, QStringLiteral("dev_") + metric, {0.6, 0.8, 0.75});
  addSeries(store, stage, QStringLiteral("dev_loss"), {0.9, 0.4, 0.3});
  store.addResult({run, QStringLiteral("test"), metric, score});
  store.addResult({run, QStringLiteral("test"), QStringLiteral("loss"), 0.42});
  if (metric == QLatin1String("accuracy"))
    store.addResult({run, QStringLiteral("test"), QStringLiteral("macro_f1"), score - 0.05});
  store.addResult({run, QStringLiteral("train"), QStringLiteral("steps"), 3});
  store.setRunStatus(run, QStringLiteral("finished"));
  return run;
}

QVector<qint64> proxyRunIds(const QAbstractItemModel& proxy) {
  QVector<qint64> ids;
  for (int r = 0; r < proxy.rowCount(); ++r)
    ids << proxy.index(r, 0).data(RunsModel::RunIdRole).toLongLong();
  return ids;
}

double sortValue(const RunsModel& model, int row, int column) {
  return model.index(row, column).data(RunsModel::SortRole).toDouble();
}

}  // namespace

class TestRunsView : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString path_;
  qint64 expA_ = 0, expB_ = 0;
  qint64 a1_ = 0, a2_ = 0, b1_ = 0, b2_ = 0, bFailed_ = 0;

  void select(RunsView& view, const QList<qint64>& runIds) {
    QItemSelection selection;
    for (int r = 0; r < view.proxy()->rowCount(); ++r) {
      const QModelIndex index = view.proxy()->index(r, 0);
      if (runIds.contains(index.data(RunsModel::RunIdRole).toLongLong()))
        selection.select(index, index);
    }
    view.table()->selectionModel()->select(
        selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // Tags go to QSettings: keep them inside the temporary folder.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
    QCoreApplication::setOrganizationName(QStringLiteral("twb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_runs_view"));

    path_ = dir_.filePath("runs.sqlite");
    RunStore store(path_);
    expA_ = store.addExperiment(QStringLiteral("alpha"), kYamlA);
    twb::ResolvedSettings bf16;  // alpha ran where auto resolved to bf16; beta predates the record
    bf16.precision = QStringLiteral("bf16");
    bf16.bucketing = true;
    bf16.recorded = true;
    store.setExperimentResolved(expA_, bf16);
    a1_ = addFinishedRun(store, expA_, "baseline", "xnli_de", 1, "accuracy", 0.9);
    a2_ = addFinishedRun(store, expA_, "transfer", "xnli_de", 1, "accuracy", 0.1);
    expB_ = store.addExperiment(QStringLiteral("beta"), kYamlB);
    b1_ = addFinishedRun(store, expB_, "baseline", "sts_b", 1, "pearson", -0.2);
    b2_ = addFinishedRun(store, expB_, "transfer", "sts_b", 1, "pearson", -0.5);
    bFailed_ = store.addRun(expB_, "baseline", "sts_b", 2);
    store.setRunStatus(bFailed_, QStringLiteral("running"));
    store.setRunStatus(bFailed_, QStringLiteral("failed"), kError);
  }

  void modelHasOneRowPerRunWithItsValues() {
    RunsModel model(path_);
    QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(RunsModel::ColumnCount));

    const int r = model.rowOfRun(a1_);
    QVERIFY(r >= 0);
    QCOMPARE(model.index(r, RunsModel::ExperimentColumn).data().toString(),
             QStringLiteral("alpha (#%1)").arg(expA_));
    QCOMPARE(model.index(r, RunsModel::ArmColumn).data().toString(), QStringLiteral("baseline"));
    QCOMPARE(model.index(r, RunsModel::TargetColumn).data().toString(), QStringLiteral("xnli_de"));
    QCOMPARE(model.index(r, RunsModel::SeedColumn).data().toInt(), 1);
    QCOMPARE(model.index(r, RunsModel::StatusColumn).data().toString(), QStringLiteral("finished"));
    QCOMPARE(sortValue(model, r, RunsModel::TestPrimaryColumn), 0.9);
    QCOMPARE(model.index(r, RunsModel::TestPrimaryColumn).data().toString(),
             QStringLiteral("0.9000"));
    QCOMPARE(sortValue(model, r, RunsModel::TestMacroF1Column), 0.85);
    QCOMPARE(sortValue(model, r, RunsModel::TrainLossBestColumn), 0.5);  // min, not last
    QCOMPARE(sortValue(model, r, RunsModel::TrainLossLastColumn), 0.7);
    QCOMPARE(sortValue(model, r, RunsModel::DevBestColumn), 0.8);  // max, not last
    QCOMPARE(sortValue(model, r, RunsModel::DevLastColumn), 0.75);
    QCOMPARE(model.index(r, RunsModel::StepsColumn).data().toLongLong(), 3);
    QVERIFY(!model.index(r, RunsModel::StartedColumn).data().toString().isEmpty());
    QVERIFY(model.index(r, RunsModel::DurationColumn).data(RunsModel::SortRole).isValid());

    // A similarity target shows pearson in the test score column, and no macro F1.
    const int s = model.rowOfRun(b1_);
    QCOMPARE(sortValue(model, s, RunsModel::TestPrimaryColumn), -0.2);
    QCOMPARE(model.runRow(s).primaryMetric, QStringLiteral("pearson"));
    QCOMPARE(model.runRow(s).devMetric, QStringLiteral("dev_pearson"));
    QVERIFY(!model.index(s, RunsModel::TestMacroF1Column).data(RunsModel::SortRole).isValid());
  }

  // Runs from two machines: each row says what its experiment's precision and bucketing
  // resolved to, and so do the experiment's tool tip and the config diff's titles.
  void eachRunShowsThePrecisionAndBucketingItsExperimentRan() {
    const QString bf16 = QStringLiteral("precision bf16, bucketing on");
    const QString old = QStringLiteral(
        "precision and bucketing not recorded (stored before version 4: fp32, no bucketing)");
    RunsModel model(path_);
    for (qint64 run : {a1_, a2_})
      QCOMPARE(model.index(model.rowOfRun(run), RunsModel::SettingsColumn).data().toString(), bf16);
    for (qint64 run : {b1_, b2_, bFailed_})
      QCOMPARE(model.index(model.rowOfRun(run), RunsModel::SettingsColumn).data().toString(), old);
    QVERIFY(model.headerData(RunsModel::SettingsColumn, Qt::Horizontal)
                .toString()
                .contains(QStringLiteral("Precision")));
    QVERIFY(model.index(model.rowOfRun(a1_), RunsModel::ExperimentColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(bf16));

    RunsView view(path_);
    view.setLiveReloadInterval(0);
    view.filterEdit()->setText(QStringLiteral("bf16"));
    const QVector<qint64> shown = proxyRunIds(*view.proxy());
    QCOMPARE(QSet<qint64>(shown.begin(), shown.end()), (QSet<qint64>{a1_, a2_}));
    view.filterEdit()->clear();
    select(view, {a1_, b1_});
    ConfigDiffDialog* dialog = view.compareConfigs();
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->table()->horizontalHeaderItem(1)->text(),
             QStringLiteral("alpha (#%1; %2)").arg(expA_).arg(bf16));
    QCOMPARE(dialog->table()->horizontalHeaderItem(3)->text(),
             QStringLiteral("beta (#%1; %2)").arg(expB_).arg(old));
    dialog->close();
  }

  void failedRunIsRedWithItsErrorAsToolTip() {
    RunsModel model(path_);
    const int f = model.rowOfRun(bFailed_);
    QVERIFY(f >= 0);
    const QModelIndex status = model.index(f, RunsModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("failed"));
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), kError);
    QCOMPARE(status.data(Qt::ForegroundRole).value<QColor>(), QColor(0xd6, 0x27, 0x28));
    QCOMPARE(status.data(Qt::DecorationRole).value<QColor>(), QColor(0xd6, 0x27, 0x28));
    QCOMPARE(model.index(f, RunsModel::ErrorColumn).data().toString(),
             QStringLiteral("CUDA out of memory"));
    QCOMPARE(model.index(f, RunsModel::ErrorColumn).data(Qt::ToolTipRole).toString(), kError);
    // A finished run has another marker colour and no error.
    const QModelIndex ok = model.index(model.rowOfRun(a1_), RunsModel::StatusColumn);
    QVERIFY(ok.data(Qt::DecorationRole).value<QColor>() != QColor(0xd6, 0x27, 0x28));
    QVERIFY(!ok.data(Qt::ToolTipRole).isValid());
  }

  void filterNarrowsRowsOnTextColumns() {
    RunsView view(path_);
    view.setLiveReloadInterval(0);
    QCOMPARE(view.proxy()->rowCount(), 5);
    view.filterEdit()->setText(QStringLiteral("STS"));
    QCOMPARE(view.proxy()->rowCount(), 3);
    view.filterEdit()->setText(QStringLiteral("failed"));
    QCOMPARE(proxyRunIds(*view.proxy()), QVector<qint64>{bFailed_});
    view.filterEdit()->setText(QStringLiteral("alpha  baseline"));  // every word must match
    QCOMPARE(proxyRunIds(*view.proxy()), QVector<qint64>{a1_});
    view.filterEdit()->setText(QStringLiteral("memory"));  // the error column
    QCOMPARE(view.proxy()->rowCount(), 1);
    view.filterEdit()->setText(QStringLiteral("0.9000"));  // numbers are not filtered on
    QCOMPARE(view.proxy()->rowCount(), 0);
    view.filterEdit()->clear();
    QCOMPARE(view.proxy()->rowCount(), 5);
  }

  void sortingByTestScoreIsNumeric() {
    RunsView view(path_);
    view.setLiveReloadInterval(0);
    view.table()->sortByColumn(RunsModel::TestPrimaryColumn, Qt::AscendingOrder);
    // Text order would put -0.2000 before -0.5000; the run without a score goes last.
    QCOMPARE(proxyRunIds(*view.proxy()), (QVector<qint64>{b2_, b1_, a2_, a1_, bFailed_}));
    view.table()->sortByColumn(RunsModel::RunColumn, Qt::DescendingOrder);
    QCOMPARE(proxyRunIds(*view.proxy()), (QVector<qint64>{bFailed_, b2_, b1_, a2_, a1_}));
  }

  void selectingTwoRowsEmitsBothIdsAndEnablesCompare() {
    RunsView view(path_);
    view.setLiveReloadInterval(0);
    QSignalSpy spy(&view, &RunsView::selectionChanged);
    QVERIFY(!view.compareButton()->isEnabled());

    select(view, {a1_, a2_});  // one experiment: nothing to compare
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).value<QList<qint64>>(), (QList<qint64>{a1_, a2_}));
    QVERIFY(!view.compareButton()->isEnabled());
    QVERIFY(view.compareConfigs() == nullptr);

    select(view, {a1_, b1_});
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).value<QList<qint64>>(), (QList<qint64>{a1_, b1_}));
    QVERIFY(view.compareButton()->isEnabled());
    ConfigDiffDialog* dialog = view.compareConfigs();
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->rows(), twb::diffTexts(kYamlA, kYamlB));
    dialog->close();
  }

  void reloadKeepsSelectionAndShowsNewAndLiveRuns() {
    RunsView view(path_);
    view.setLiveReloadInterval(0);
    select(view, {a1_, b1_});
    QSignalSpy spy(&view, &RunsView::selectionChanged);

    RunStore writer(path_);  // the worker's own connection
    const qint64 live = writer.addRun(expA_, "transfer", "xnli_de", 2);
    writer.setRunStatus(live, QStringLiteral("running"));
    const qint64 stage = writer.addStage(expA_, live, 2, QStringLiteral("target"));
    addSeries(writer, stage, QStringLiteral("train_loss"), {2.0, 1.5});
    view.reload();
    RunsModel& model = *view.model();
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(model.hasLiveRuns());
    QCOMPARE(view.selectedRunIds(), (QList<qint64>{a1_, b1_}));
    QCOMPARE(spy.count(), 0);
    const int r = model.rowOfRun(live);
    QCOMPARE(sortValue(model, r, RunsModel::TrainLossLastColumn), 1.5);
    QCOMPARE(model.index(r, RunsModel::StepsColumn).data().toLongLong(), 2);

    addSeries(writer, stage, QStringLiteral("train_loss"), {2.0, 1.5, 1.2});  // steps 1-3 again
    writer.setRunStatus(live, QStringLiteral("cancelled"));
    view.reload();
    QCOMPARE(sortValue(model, r, RunsModel::TrainLossLastColumn), 1.2);
    QCOMPARE(model.index(r, RunsModel::StatusColumn).data().toString(),
             QStringLiteral("cancelled"));
    QVERIFY(!model.hasLiveRuns());
    QCOMPARE(view.selectedRunIds(), (QList<qint64>{a1_, b1_}));
  }

  void tagsAreEditableAndPersistPerDatabase() {
    {
      RunsModel model(path_);
      const QModelIndex tag = model.index(model.rowOfRun(a2_), RunsModel::TagColumn);
      QVERIFY(model.flags(tag) & Qt::ItemIsEditable);
      QVERIFY(!(model.flags(model.index(0, RunsModel::ArmColumn)) & Qt::ItemIsEditable));
      QVERIFY(model.setData(tag, QStringLiteral("  best-lr  ")));
      QCOMPARE(tag.data().toString(), QStringLiteral("best-lr"));
    }
    RunsView view(path_);  // a new model reads the tag back
    view.setLiveReloadInterval(0);
    view.filterEdit()->setText(QStringLiteral("best-lr"));
    QCOMPARE(proxyRunIds(*view.proxy()), QVector<qint64>{a2_});
    QVERIFY(QSettings().contains(twb::RunTags::groupOf(path_) + QStringLiteral("/%1").arg(a2_)));

    RunsModel other(dir_.filePath("other.sqlite"));  // another database has its own tags
    QVERIFY(twb::RunTags::groupOf(path_) != twb::RunTags::groupOf(dir_.filePath("other.sqlite")));
    QVERIFY(other.tagOf(a2_).isEmpty());
  }

  void configDiffGivesHandWrittenRows() {
    const QVector<DiffRow> expected = {
        {1, 1, DiffKind::Same},  {2, 2, DiffKind::Changed}, {3, 3, DiffKind::Same},
        {0, 4, DiffKind::Added}, {4, 5, DiffKind::Same},    {5, 0, DiffKind::Removed},
    };
    QCOMPARE(twb::diffTexts(kYamlA, kYamlB), expected);

    // Reversed, additions become removals.
    const QVector<DiffRow> reversed = {
        {1, 1, DiffKind::Same},    {2, 2, DiffKind::Changed}, {3, 3, DiffKind::Same},
        {4, 0, DiffKind::Removed}, {5, 4, DiffKind::Same},    {0, 5, DiffKind::Added},
    };
    QCOMPARE(twb::diffTexts(kYamlB, kYamlA), reversed);

    // Two changed lines in one hunk pair up; CRLF and a missing final newline do not matter.
    const QVector<DiffRow> pairs = {{1, 1, DiffKind::Changed},
                                    {2, 2, DiffKind::Changed},
                                    {0, 3, DiffKind::Added},
                                    {3, 4, DiffKind::Same}};
    QCOMPARE(twb::diffTexts("a: 1\r\nb: 2\r\nc: 3\r\n", "a: 9\nb: 8\nx: 0\nc: 3"), pairs);

    QCOMPARE(twb::diffTexts("", "a\nb\n"),
             (QVector<DiffRow>{{0, 1, DiffKind::Added}, {0, 2, DiffKind::Added}}));
    QCOMPARE(twb::diffTexts(kYamlA, kYamlA).size(), 5);
    for (const DiffRow& row : twb::diffTexts(kYamlA, kYamlA)) QVERIFY(row.kind == DiffKind::Same);
  }

  void dialogHidesEqualLinesWithDifferencesOnly() {
    ConfigDiffDialog dialog(QStringLiteral("alpha"), kYamlA, QStringLiteral("beta"), kYamlB);
    QCOMPARE(dialog.table()->rowCount(), 6);
    QCOMPARE(dialog.visibleRowCount(), 6);
    QCOMPARE(dialog.table()->item(1, 1)->text(), QStringLiteral("lr: 0.001"));
    QCOMPARE(dialog.table()->item(1, 3)->text(), QStringLiteral("lr: 0.002"));
    QVERIFY(dialog.table()->item(1, 1)->background().color() !=
            dialog.table()->item(0, 1)->background().color());

    dialog.differencesOnlyBox()->setChecked(true);
    QVERIFY(dialog.differencesOnly());
    QCOMPARE(dialog.visibleRowCount(), 3);
    QVERIFY(dialog.table()->isRowHidden(0));
    QVERIFY(!dialog.table()->isRowHidden(1));
    dialog.setDifferencesOnly(false);
    QVERIFY(!dialog.differencesOnlyBox()->isChecked());
    QCOMPARE(dialog.visibleRowCount(), 6);
  }
};

QTEST_MAIN(TestRunsView)
#include "test_runs_view.moc"
