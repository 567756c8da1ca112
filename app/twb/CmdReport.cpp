// CmdReport: `twb report EXPERIMENT`: Δ per language against each distance from English.
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cmath>

#include "CliFormat.h"
#include "Commands.h"
#include "ExperimentLookup.h"
#ifdef TWB_REPORT_PLOTS
#include "ReportPlots.h"
#endif
#include "common/InputError.h"
#include "experiment/LanguageReport.h"

namespace twb::cli {
namespace {

// The tests Holm adjusts over: every coefficient that has a p.
int holmTests(const LanguageReport& report) {
  int tests = 0;
  for (const DistanceCorrelation& c : report.correlations)
    tests += int(!std::isnan(c.pearson.p)) + int(!std::isnan(c.spearman.p));
  return tests;
}

QJsonObject correlationJson(const CorrelationResult& c, double holm) {
  return {{QStringLiteral("r"), jsonNumber(c.r)},
          {QStringLiteral("ci95"), jsonInterval(c.ci95)},
          {QStringLiteral("p"), jsonNumber(c.p)},
          {QStringLiteral("p_holm"), jsonNumber(holm)},
          {QStringLiteral("exact"), c.exact},
          {QStringLiteral("permutations"), c.permutations},
          {QStringLiteral("n"), c.n}};
}

QJsonObject olsJson(const stats::OlsResult& ols, const QStringList& controls) {
  if (!ols.valid()) return {};
  QJsonArray terms;
  const QStringList names =
      QStringList{QStringLiteral("intercept"), QStringLiteral("distance")} + controls;
  for (size_t i = 0; i < ols.coefficients.size(); ++i)
    terms.append(QJsonObject{{QStringLiteral("term"), names.value(int(i))},
                             {QStringLiteral("coefficient"), ols.coefficients[i]},
                             {QStringLiteral("se"), jsonNumber(ols.standardErrors[i])},
                             {QStringLiteral("p"), jsonNumber(ols.p[i])}});
  return {{QStringLiteral("n"), ols.n},
          {QStringLiteral("r2"), jsonNumber(ols.r2)},
          {QStringLiteral("terms"), terms}};
}

QJsonObject toJson(const LanguageReport& report) {
  QJsonArray languages;
  for (const LanguagePoint& p : report.points) {
    QJsonObject distances;
    for (const auto& [id, value] : p.distance)
      distances[id] =
          QJsonObject{{QStringLiteral("value"), jsonNumber(value)},
                      {QStringLiteral("compared"), p.compared.count(id) ? p.compared.at(id) : 0},
                      {QStringLiteral("raw"), jsonNumber(p.raw.count(id) ? p.raw.at(id) : NAN)}};
    languages.append(QJsonObject{{QStringLiteral("group"), p.group},
                                 {QStringLiteral("task"), p.task},
                                 {QStringLiteral("metric"), p.metric},
                                 {QStringLiteral("targets"), QJsonArray::fromStringList(p.targets)},
                                 {QStringLiteral("language"), p.language},
                                 {QStringLiteral("name"), p.name},
                                 {QStringLiteral("baseline"), summaryJson(p.baseline)},
                                 {QStringLiteral("transfer"), summaryJson(p.transfer)},
                                 {QStringLiteral("delta"), summaryJson(p.delta)},
                                 {QStringLiteral("gap"), jsonNumber(p.gap)},
                                 {QStringLiteral("chance"), jsonNumber(p.chance)},
                                 {QStringLiteral("pool"), p.pool},
                                 {QStringLiteral("at_chance"), p.atChance},
                                 {QStringLiteral("pretraining_share"), jsonNumber(p.pretrainShare)},
                                 {QStringLiteral("distances"), distances}});
  }
  QJsonArray correlations;
  for (const DistanceCorrelation& c : report.correlations)
    correlations.append(QJsonObject{
        {QStringLiteral("group"), c.group},
        {QStringLiteral("metric"), c.metric},
        {QStringLiteral("measure"), c.measure},
        {QStringLiteral("distance"), c.distance},
        {QStringLiteral("stands_for"), c.standsFor},
        {QStringLiteral("pearson"), correlationJson(c.pearson, c.pearsonHolm)},
        {QStringLiteral("spearman"), correlationJson(c.spearman, c.spearmanHolm)},
        {QStringLiteral("at_chance"), c.atChance},
        {QStringLiteral("partial"),
         QJsonObject{{QStringLiteral("r"), jsonNumber(c.partialR)},
                     {QStringLiteral("n"), c.partialN},
                     {QStringLiteral("controls"), QJsonArray::fromStringList(c.controls)}}},
        {QStringLiteral("ols"), olsJson(c.ols, c.controls)}});
  return {{QStringLiteral("experiment"), report.experiment},
          {QStringLiteral("experiment_id"), report.experimentId},
          {QStringLiteral("pivot"), report.pivot},
          {QStringLiteral("permutations"), report.permutations},
          {QStringLiteral("holm_tests"), holmTests(report)},
          {QStringLiteral("languages"), languages},
          {QStringLiteral("correlations"), correlations},
          {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)}};
}

void printReport(QTextStream& out, const LanguageReport& report) {
  out << report.experiment << " (experiment " << report.experimentId << "): transfer gain per "
      << "language and distance from English, one point per language and task\n\n";
  QList<QStringList> rows;
  QStringList header{
      QStringLiteral("task/metric"), QStringLiteral("language"), QStringLiteral("name"),
      QStringLiteral("seeds"),       QStringLiteral("baseline"), QStringLiteral("transfer"),
      QStringLiteral("delta"),       QStringLiteral("95% CI"),   QStringLiteral("chance"),
      QStringLiteral("gap"),         QStringLiteral("share")};
  for (const QString& id : report.distanceIds) header << id;
  rows << header;
  for (const LanguagePoint& p : report.points) {
    QStringList row{
        p.group,
        p.language,
        p.name.left(16),
        QString::number(p.delta.n),
        fixed(p.baseline.mean),
        fixed(p.transfer.mean),
        signedFixed(p.delta.mean),
        intervalText(p.delta.ci95),
        std::isnan(p.chance) ? QStringLiteral("-") : fixed(p.chance) + (p.atChance ? "*" : ""),
        fixed(p.gap),
        fixed(p.pretrainShare, 4)};
    for (const QString& id : report.distanceIds)
      row << fixed(p.distance.count(id) ? p.distance.at(id) : NAN, 2);
    rows << row;
  }
  printTable(out, rows);
  out << "\nseeds: paired seeds; 95% CI: t interval of delta over seeds; chance: the score of "
         "a guess (* = neither arm beats it, exact binomial test, 5%); share: of the "
         "pretraining text\n";
  for (const QString& id : report.distanceIds)
    out << "  " << id << ": " << report.standsFor.value(id) << "\n";

  if (!report.correlations.isEmpty()) {
    out << "\ncorrelations over languages (n); p by permutation ("
        << QStringLiteral("exact when n! <= %1, else %2 seeded permutations")
               .arg(kMaxExactPermutations)
               .arg(report.permutations)
        << "); p Holm: adjusted across the " << holmTests(report)
        << " tests below that have a p; r CI: bootstrap over languages; '-': undefined (a "
           "constant side)\n";
    QList<QStringList> table{
        {QStringLiteral("task/metric"), QStringLiteral("measure"), QStringLiteral("distance"),
         QStringLiteral("n"), QStringLiteral("pearson r"), QStringLiteral("95% CI"),
         QStringLiteral("p"), QStringLiteral("p Holm"), QStringLiteral("spearman"),
         QStringLiteral("95% CI"), QStringLiteral("p"), QStringLiteral("p Holm"),
         QStringLiteral("partial r")}};
    for (const DistanceCorrelation& c : report.correlations)
      table << QStringList{c.group,
                           c.measure,
                           c.distance,
                           QString::number(c.pearson.n),
                           signedFixed(c.pearson.r),
                           intervalText(c.pearson.ci95, 2),
                           pText(c.pearson.p),
                           pText(c.pearsonHolm),
                           signedFixed(c.spearman.r),
                           intervalText(c.spearman.ci95, 2),
                           pText(c.spearman.p),
                           pText(c.spearmanHolm),
                           signedFixed(c.partialR)};
    printTable(out, table);
    QStringList controls;
    for (const DistanceCorrelation& c : report.correlations)
      for (const QString& control : c.controls)
        if (!controls.contains(control)) controls << control;
    out << "partial r: Pearson controlling for "
        << (controls.isEmpty() ? QStringLiteral("nothing (no confounder varies or is known)")
                               : controls.join(QStringLiteral(" and ")))
        << "\n";
    for (const DistanceCorrelation& c : report.correlations) {
      if (c.measure != QLatin1String("delta") || !c.ols.valid()) continue;
      QString line = QStringLiteral("  OLS %1: delta = %2")
                         .arg(c.distance)
                         .arg(signedFixed(c.ols.coefficients[0]));
      const QStringList names = QStringList{c.distance} + c.controls;
      for (size_t i = 1; i < c.ols.coefficients.size(); ++i)
        line += QStringLiteral(" %1 %2 (se %3, p %4)")
                    .arg(signedFixed(c.ols.coefficients[i]), names.value(int(i) - 1),
                         fixed(c.ols.standardErrors[i]), pText(c.ols.p[i]));
      out << line << QStringLiteral("; n = %1, R2 = %2\n").arg(c.ols.n).arg(fixed(c.ols.r2));
    }
  }
  for (const QString& note : report.notes) out << "note: " << note << "\n";
}

}  // namespace

int report(const QStringList& args) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("experiment"), QStringLiteral("id or name"));
  parser.addOption(
      {QStringLiteral("db"), QStringLiteral("SQLite run store"), QStringLiteral("path")});
  parser.addOption({QStringLiteral("data-dir"),
                    QStringLiteral("where `twb langs fetch` wrote the "
                                   "language table"),
                    QStringLiteral("dir")});
  parser.addOption({QStringLiteral("json"), QStringLiteral("print one JSON object")});
  parser.addOption({QStringLiteral("plots"),
                    QStringLiteral("write PNG plots of Δ against each "
                                   "distance into this folder"),
                    QStringLiteral("dir")});
  parser.addOption({QStringLiteral("permutations"), QStringLiteral("for the p-values"),
                    QStringLiteral("n"), QString::number(kPermutations)});
  QTextStream err(stderr);
  if (!parser.parse(QStringList{QStringLiteral("twb report")} + args) ||
      parser.positionalArguments().size() != 1) {
    err << "twb report: "
        << (parser.errorText().isEmpty() ? QStringLiteral("give one experiment id or name")
                                         : parser.errorText())
        << "\n";
    return kBadInput;
  }
  try {
    const QString dbPath = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                              : RunStore::defaultPath();
    if (!QFileInfo::exists(dbPath))
      throw InputError(dbPath, 0, 0, QStringLiteral("no such run store"));
    RunStore store(dbPath);
    const qint64 id = resolveExperiment(store, parser.positionalArguments().front());
    const LanguageReport result =
        buildLanguageReport(store, id, parser.value(QStringLiteral("data-dir")),
                            qMax(99, parser.value(QStringLiteral("permutations")).toInt()));
    if (result.points.isEmpty())
      throw InputError(QStringLiteral("experiment %1 has no language targets (give targets a "
                                      "language, e.g. a retrieval target with languages: [...])")
                           .arg(id));
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
      out << QJsonDocument(toJson(result)).toJson(QJsonDocument::Compact) << "\n";
    else
      printReport(out, result);
    if (parser.isSet(QStringLiteral("plots"))) {
#ifdef TWB_REPORT_PLOTS
      const QStringList written = writeReportPlots(result, parser.value(QStringLiteral("plots")));
      for (const QString& path : written) err << "twb: wrote " << path << "\n";
#else
      err << "twb: --plots needs the build with the window (TWB_BUILD_GUI=ON)\n";
#endif
    }
  } catch (const InputError& e) {
    err << "twb: error: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    err << "twb: report failed: " << e.what() << "\n";
    return kRunFailed;
  }
  return kOk;
}

}  // namespace twb::cli
