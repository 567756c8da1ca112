#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <random>
#include <stdexcept>

namespace twb::test {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  const QString path = dir.filePath(name);
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    throw std::runtime_error("cannot write fixture " + path.toStdString());
  return path;
}

QByteArray sentimentTsv(int n, const QStringList& domainWords, quint64 seed) {
  const QStringList good = {"great", "lovely", "excellent", "superb", "wonderful", "fine"};
  const QStringList bad = {"awful", "terrible", "poor", "dreadful", "boring", "broken"};
  const QStringList filler = {"the", "a", "it", "was", "really", "quite", "and", "this"};
  std::mt19937_64 rng(seed);
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < n; ++i) {
    const bool positive = i % 2 == 0;
    QStringList words;
    for (int w = 0; w < 6; ++w) {
      const auto pick = [&](const QStringList& l) { return l[static_cast<int>(rng() % l.size())]; };
      const int r = static_cast<int>(rng() % 10);
      words << (r < 3 ? pick(positive ? good : bad) : r < 6 ? pick(domainWords) : pick(filler));
    }
    out += words.join(QLatin1Char(' ')).toUtf8() + "\t" + (positive ? "pos" : "neg") + "\n";
  }
  return out;
}

void writeSentimentFixtures(const QTemporaryDir& dir) {
  writeFile(dir, QStringLiteral("movies.tsv"),
            sentimentTsv(400, {"film", "actor", "plot", "scene"}, 1));
  writeFile(dir, QStringLiteral("food.tsv"),
            sentimentTsv(80, {"soup", "waiter", "pasta", "menu"}, 2));
  writeFile(dir, QStringLiteral("phones.tsv"), sentimentTsv(80, {"screen", "battery", "case"}, 3));
}

}  // namespace twb::test
