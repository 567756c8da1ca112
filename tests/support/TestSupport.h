// TestSupport: small helpers the suites share for writing their own fixtures.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace twb::test {

// Writes bytes to dir/name (creating sub-folders) and returns the absolute path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

// A learnable sentiment TSV (columns sentence, polarity = pos / neg, alternating): each
// sentence mixes sentiment words, the domain's own words and filler, drawn with the seed.
QByteArray sentimentTsv(int n, const QStringList& domainWords, quint64 seed);

}  // namespace twb::test
