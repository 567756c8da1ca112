// Example and Dataset: labelled text (or text pairs) as read from a file, before tokenization.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <cmath>

namespace twb {

struct Example {
  QString text;
  QString pair;        // second text of a pair task; empty otherwise
  int label = -1;      // index into Dataset::labels; -1 for regression or raw text
  double score = NAN;  // similarity score for regression tasks
};

struct Dataset {
  QString name;
  QString source;      // where it came from: a file path or a catalog description
  QString language;    // ISO 639-1, when known
  QStringList labels;  // label names, index = Example::label; empty for regression / raw text
  QVector<Example> examples;

  bool isRegression() const { return labels.isEmpty(); }
  bool hasPairs() const { return !examples.isEmpty() && !examples.front().pair.isEmpty(); }
};

// A deterministic seeded split of one dataset.
struct Split {
  QVector<Example> train;
  QVector<Example> dev;
  QVector<Example> test;
};

}  // namespace twb
