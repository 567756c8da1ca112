// CmdReport: `twb report EXPERIMENT`: Δ per language against each distance from English.
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cmath>

#include "Commands.h"
#include "ExperimentLookup.h"
#ifdef TWB_REPORT_PLOTS
#include "ReportPlots.h"
#endif
#include "common/InputError.h"
#include "data/Catalog.h"
#include "experiment/LanguageReport.h"

namespace twb::cli {
namespace {

QString number(double value, int decimals = 3) {
  return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', decimals);
}

QString signedNumber(double value) {
  return std::isnan(value)
             ? QStringLiteral("-")
             : (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 3);
}

QJsonValue jsonNumber(double value) { return std::isnan(value) ? QJsonValue() : QJsonValue(value); }

QJsonObject correlationJson(const CorrelationResult& c) {
  return {{QStringLiteral("r"), jsonNumber(c.r)},
          {QStringLiteral("p"), jsonNumber(c.p)},
          {QStringLiteral("n"), c.n}};
}

QJsonObject toJson(const LanguageReport& report) {
  QJsonArray languages;
  for (const LanguagePoint& p : report.points) {
    QJsonObject distances;
    for (const auto& [id, value] : p.distance)
      distances[id] =
          QJsonObject{{QStringLiteral("value"), jsonNumber(value)},
                      {QStringLiteral("compared"), p.compared.count(id) ? p.compared.at(id) : 0}};
    languages.append(QJsonObject{{QStringLiteral("target"), p.target},
                                 {QStringLiteral("language"), p.language},
                                 {QStringLiteral("name"), p.name},
                                 {QStringLiteral("metric"), p.gain.metric},
                                 {QStringLiteral("baseline"), p.gain.baseline.mean},
                                 {QStringLiteral("transfer"), p.gain.transfer.mean},
                                 {QStringLiteral("delta"), p.gain.delta.mean},
                                 {QStringLiteral("delta_sd"), p.gain.delta.sd},
                                 {QStringLiteral("seeds"), p.gain.delta.n},
                                 {QStringLiteral("gap"), jsonNumber(p.gap)},
                                 {QStringLiteral("distances"), distances}});
  }
  QJsonArray correlations;
  for (const DistanceCorrelation& c : report.correlations)
    correlations.append(QJsonObject{{QStringLiteral("metric"), c.metric},
                                    {QStringLiteral("measure"), c.measure},
                                    {QStringLiteral("distance"), c.distance},
                                    {QStringLiteral("stands_for"), c.standsFor},
                                    {QStringLiteral("pearson"), correlationJson(c.pearson)},
                                    {QStringLiteral("spearman"), correlationJson(c.spearman)}});
  return {{QStringLiteral("experiment"), report.experiment},
          {QStringLiteral("experiment_id"), report.experimentId},
          {QStringLiteral("pivot"), report.pivot},
          {QStringLiteral("languages"), languages},
          {QStringLiteral("correlations"), correlations},
          {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)}};
}

void printReport(QTextStream& out, const LanguageReport& report) {
  out << report.experiment << " (experiment " << report.experimentId << "): transfer gain per "
      << "language and distance from English\n\n";
  out << QStringLiteral("language").leftJustified(10) << QStringLiteral("name").leftJustified(18)
      << QStringLiteral("baseline").rightJustified(9)
      << QStringLiteral("transfer").rightJustified(9) << QStringLiteral("delta").rightJustified(8)
      << QStringLiteral("gap").rightJustified(8);
  for (const QString& id : report.distanceIds) out << id.left(11).rightJustified(12);
  out << "\n";
  for (const LanguagePoint& p : report.points) {
    out << p.language.leftJustified(10) << p.name.left(17).leftJustified(18)
        << number(p.gain.baseline.mean).rightJustified(9)
        << number(p.gain.transfer.mean).rightJustified(9)
        << signedNumber(p.gain.delta.mean).rightJustified(8) << number(p.gap).rightJustified(8);
    for (const QString& id : report.distanceIds)
      out << number(p.distance.count(id) ? p.distance.at(id) : NAN, 2).rightJustified(12);
    out << "\n";
  }
  out << "\n"
      << QStringLiteral("metric").leftJustified(10) << QStringLiteral("measure").leftJustified(8)
      << QStringLiteral("distance").leftJustified(14) << QStringLiteral("n").rightJustified(4)
      << QStringLiteral("pearson r").rightJustified(11) << QStringLiteral("p").rightJustified(8)
      << QStringLiteral("spearman").rightJustified(10) << QStringLiteral("p").rightJustified(8)
      << "  stands for\n";
  for (const DistanceCorrelation& c : report.correlations)
    out << c.metric.leftJustified(10) << c.measure.leftJustified(8) << c.distance.leftJustified(14)
        << QString::number(c.pearson.n).rightJustified(4) << number(c.pearson.r).rightJustified(11)
        << number(c.pearson.p).rightJustified(8) << number(c.spearman.r).rightJustified(10)
        << number(c.spearman.p).rightJustified(8) << "  "
        << c.standsFor.section(QLatin1Char(':'), 0, 0) << "\n";
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
                    QStringLiteral("n"), QStringLiteral("9999")});
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
    const QString dataDir = parser.value(QStringLiteral("data-dir"));
    const LanguageTable table = LanguageTable::load(dataDir);
    std::map<QString, ParallelCorpus> corpora;  // for word overlap with English
    const Catalog catalog(dataDir);
    for (const QString& corpus : parallelCorporaOf(store, id))
      if (catalog.isFetched(corpus)) corpora[corpus] = catalog.loadParallel(corpus);
    const LanguageReport result = buildLanguageReport(
        store, id, table, qMax(99, parser.value(QStringLiteral("permutations")).toInt()), corpora);
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
