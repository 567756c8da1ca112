#include "experiment/TestPredictions.h"

#include <QCryptographicHash>
#include <cmath>

namespace twb {

QString exampleHash(const QString& text, const QString& pair) {
  QByteArray bytes = text.toUtf8();
  if (!pair.isEmpty()) bytes += '\t' + pair.toUtf8();
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QVector<PredictionRecord> predictionRecords(qint64 runId, const QString& part,
                                            const QVector<Example>& examples,
                                            const std::vector<double>& gold,
                                            const std::vector<double>& predicted,
                                            const std::vector<double>& probability) {
  QVector<PredictionRecord> rows;
  const size_t count =
      std::min({static_cast<size_t>(examples.size()), gold.size(), predicted.size()});
  rows.reserve(static_cast<qsizetype>(count));
  for (size_t i = 0; i < count; ++i) {
    const Example& e = examples[static_cast<qsizetype>(i)];
    rows.push_back({runId, part, static_cast<int>(i), exampleHash(e.text, e.pair), gold[i],
                    predicted[i], i < probability.size() ? probability[i] : NAN});
  }
  return rows;
}

QVector<PredictionRecord> retrievalRecords(qint64 runId,
                                           const QVector<QPair<QString, QString>>& pairs,
                                           const std::vector<int>& pivotToTarget,
                                           const std::vector<int>& targetToPivot) {
  QVector<PredictionRecord> rows;
  for (int i = 0; i < pairs.size(); ++i) {
    const QString hash = exampleHash(pairs[i].first, pairs[i].second);
    if (static_cast<size_t>(i) < pivotToTarget.size())
      rows.push_back({runId, QStringLiteral("test"), i, hash, double(i),
                      double(pivotToTarget[size_t(i)]), NAN});
    if (static_cast<size_t>(i) < targetToPivot.size())
      rows.push_back({runId, QStringLiteral("test_reverse"), i, hash, double(i),
                      double(targetToPivot[size_t(i)]), NAN});
  }
  return rows;
}

}  // namespace twb
