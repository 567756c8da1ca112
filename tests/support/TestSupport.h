// TestSupport: small helpers the suites share for writing their own fixtures.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "common/InputError.h"

namespace twb::test {

// Writes bytes to dir/name (creating sub-folders) and returns the absolute path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

// A learnable sentiment TSV (columns sentence, polarity = pos / neg, alternating): each
// sentence mixes sentiment words, the domain's own words and filler, drawn with the seed.
QByteArray sentimentTsv(int n, const QStringList& domainWords, quint64 seed);

// The domain-transfer fixture the engine suites share: movies.tsv (400 rows, the intermediate
// task), food.tsv and phones.tsv (80 rows each, two targets), written into dir.
void writeSentimentFixtures(const QTemporaryDir& dir);

// The InputError that fn throws; one saying "no InputError" when it throws none.
template <typename Fn>
InputError inputErrorOf(Fn fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e;
  }
  return InputError(QStringLiteral("no InputError"));
}

}  // namespace twb::test
