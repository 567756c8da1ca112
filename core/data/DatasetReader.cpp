#include "data/DatasetReader.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <cmath>

#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "data/LabelOrder.h"
#include "data/RawTable.h"
#include "data/TextFile.h"
#include "plugin/PluginRegistry.h"

namespace twb {
namespace {

QString formatOf(const DatasetRef& ref) {
  if (!ref.format.isEmpty()) return ref.format.toLower();
  const QString suffix = QFileInfo(ref.path).suffix().toLower();
  if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
    return QStringLiteral("tsv");
  if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
    return QStringLiteral("jsonl");
  return suffix;
}

// A plugin's table as the readers' raw rows; each row's origin, when given, is named in errors.
RawTable pluginTable(const sdk::DataSource& source, const QString& path) {
  sdk::Table table;
  QString error;
  bool read = false;
  try {
    read = source.read(path, &table, &error);
  } catch (const std::exception& e) {
    error = QStringLiteral("it threw: %1").arg(QString::fromUtf8(e.what()));
  } catch (...) {
    error = QStringLiteral("it threw an exception that is not a std::exception");
  }
  if (!read)
    throw InputError(
        path, 0, 0,
        QStringLiteral("data source '%1' cannot read it: %2")
            .arg(source.name(), error.isEmpty() ? QStringLiteral("(no reason given)") : error));
  if (table.rows.isEmpty())
    throw InputError(path, 0, 0,
                     QStringLiteral("the dataset is empty: data source '%1' found no examples here")
                         .arg(source.name()));
  RawTable raw;
  raw.columns = table.columns;
  for (qsizetype i = 0; i < table.rows.size(); ++i) {
    const QStringList& cells = table.rows[i];
    if (cells.size() != table.columns.size())
      throw InputError(path, 0, 0,
                       QStringLiteral("data source '%1' gave row %2 (%3) %4 values for %5 columns")
                           .arg(source.name())
                           .arg(i + 1)
                           .arg(i < table.origins.size() ? table.origins[i] : QStringLiteral("?"))
                           .arg(cells.size())
                           .arg(table.columns.size()));
    RawRow row;
    row.line = static_cast<int>(i + 1);
    if (i < table.origins.size()) row.origin = table.origins[i];
    for (const QString& cell : cells) row.values << cell;
    raw.rows << row;
  }
  return raw;
}

RawTable readTable(const DatasetRef& ref) {
  const QString format = formatOf(ref);
  if (const sdk::DataSource* source = PluginRegistry::instance().dataSource(format))
    return pluginTable(*source, ref.path);
  if (!vocab::fileFormats().contains(format))
    throw InputError(ref.path, 0, 0,
                     QStringLiteral("unknown format '%1': expected %2, or a data source plugin's "
                                    "(twb plugins)")
                         .arg(format, vocab::fileFormats().join(QStringLiteral(", "))));
  const QString text = readUtf8File(ref.path, QStringLiteral("a dataset"));
  if (format == QLatin1String("tsv")) return readTsv(text, ref.path);
  if (format == QLatin1String("csv")) return readCsv(text, ref.path);
  return readJsonl(text, ref.path);
}

// Finds a column by name, or fails listing the columns there are.
int column(const RawTable& table, const QString& name, const QString& role, const QString& file) {
  const qsizetype index = table.columns.indexOf(name);
  if (index >= 0) return static_cast<int>(index);
  throw InputError(file, 0, 0,
                   QStringLiteral("no %1 column '%2'; the columns are: %3")
                       .arg(role, name,
                            table.columns.isEmpty() ? QStringLiteral("(none)")
                                                    : table.columns.join(QStringLiteral(", "))));
}

// An error on one row: at its line, or at the origin a data source plugin gave it
// ("reviews/neg/3.txt").
InputError rowError(const QString& file, const RawRow& row, const QString& message) {
  if (!row.origin.isEmpty()) return InputError(QDir(file).filePath(row.origin), 0, 0, message);
  return InputError(file, row.line, 0, message);
}

QString cell(const RawRow& row, int column, const QString& name, const QString& file) {
  if (column < row.values.size() && row.values[column].has_value()) return *row.values[column];
  throw rowError(file, row, QStringLiteral("no value for '%1'").arg(name));
}

// Refuses a labelled or scored dataset nothing can be learnt from, naming the file: too few rows
// for a train, dev and test part, one class, a label per row, or one constant score.
void requireLearnable(const Dataset& data, const QStringList& rawLabels, const QString& file,
                      const QString& column) {
  const qsizetype rows = data.examples.size();
  if (rows < 3)
    throw InputError(file, 0, 0,
                     QStringLiteral("only %1 row%2 after the header: a train, a dev and a test "
                                    "part need at least 3")
                         .arg(rows)
                         .arg(rows == 1 ? QString() : QStringLiteral("s")));
  if (data.isRegression()) {
    const double first = data.examples.front().score;
    for (const Example& example : data.examples)
      if (example.score != first) return;
    throw InputError(file, 0, 0,
                     QStringLiteral("every score in column '%1' is %2: a constant score cannot "
                                    "be learnt and its Pearson correlation is undefined")
                         .arg(column)
                         .arg(first));
  }
  QHash<QString, qsizetype> counts;
  for (const QString& label : rawLabels) ++counts[label];
  if (counts.size() == 1)
    throw InputError(file, 0, 0,
                     QStringLiteral("every row has the label '%1' (column '%2'): a classifier "
                                    "needs at least two classes")
                         .arg(rawLabels.front(), column));
  if (counts.size() == rows)
    throw InputError(file, 0, 0,
                     QStringLiteral("each of the %1 rows has a label of its own in column '%2': "
                                    "no class has two examples, so nothing can be learnt and "
                                    "accuracy is meaningless (is '%2' an id column?)")
                         .arg(rows)
                         .arg(column));
}

}  // namespace

Dataset readDataset(const DatasetRef& ref, const QString& task, DatasetCheck check) {
  const bool labelled = taskPredictsLabels(task);
  const bool scored = taskPredictsScores(task);
  if (!labelled && !scored && task != QLatin1String("text"))
    throw InputError(QStringLiteral("unknown task '%1' for dataset %2").arg(task, ref.name()));
  const QString file = ref.path;
  const RawTable table = readTable(ref);
  if (table.rows.isEmpty())
    throw InputError(file, 0, 0, QStringLiteral("the dataset is empty: no rows after the header"));

  const int textColumn = column(table, ref.textColumn, QStringLiteral("text"), file);
  const int pairColumn =
      ref.pairColumn.isEmpty() ? -1 : column(table, ref.pairColumn, QStringLiteral("pair"), file);
  const QString scoreName = ref.scoreColumn.isEmpty() ? QStringLiteral("score") : ref.scoreColumn;
  const int labelColumn =
      labelled ? column(table, ref.labelColumn, QStringLiteral("label"), file) : -1;
  const int scoreColumn = scored ? column(table, scoreName, QStringLiteral("score"), file) : -1;

  Dataset data;
  data.name = ref.name();
  data.source = file;
  data.language = ref.language;
  QStringList rawLabels;  // per example, resolved to indices once the label set is known
  for (const RawRow& row : table.rows) {
    Example example;
    example.text = cell(row, textColumn, ref.textColumn, file);
    if (pairColumn >= 0) example.pair = cell(row, pairColumn, ref.pairColumn, file);
    if (labelColumn >= 0) {
      const QString label = cell(row, labelColumn, ref.labelColumn, file).trimmed();
      if (label.isEmpty()) throw rowError(file, row, QStringLiteral("empty label"));
      if (!ref.labels.isEmpty() && !ref.labels.contains(label))
        throw rowError(file, row,
                       QStringLiteral("label '%1' is not one of the declared labels: %2")
                           .arg(label, ref.labels.join(QStringLiteral(", "))));
      rawLabels << label;
    }
    if (scoreColumn >= 0) {
      const QString text = cell(row, scoreColumn, scoreName, file).trimmed();
      bool ok = false;
      example.score = text.toDouble(&ok);
      if (!ok || !std::isfinite(example.score))
        throw rowError(file, row, QStringLiteral("score '%1' is not a number").arg(text));
    }
    data.examples << example;
  }

  if (labelled) {
    if (!ref.labels.isEmpty()) {
      data.labels = ref.labels;
    } else {
      QStringList distinct = rawLabels;
      distinct.removeDuplicates();
      data.labels = sortedLabels(distinct);
    }
    QHash<QString, int> index;
    for (int i = 0; i < data.labels.size(); ++i) index.insert(data.labels[i], i);
    for (qsizetype i = 0; i < data.examples.size(); ++i)
      data.examples[i].label = index.value(rawLabels[i]);
  }
  if ((labelled || scored) && check == DatasetCheck::Learnable)
    requireLearnable(data, rawLabels, file, labelled ? ref.labelColumn : scoreName);
  return data;
}

QVector<QPair<QString, QString>> readAlignedPairs(const DatasetRef& ref,
                                                  const QString& englishColumn,
                                                  const QString& translationColumn) {
  const QString file = ref.path;
  const RawTable table = readTable(ref);
  const auto find = [&](const QString& name, const QString& role) {
    const qsizetype index = table.columns.indexOf(name);
    if (index >= 0) return static_cast<int>(index);
    throw InputError(file, 0, 0,
                     QStringLiteral("no column '%1' (%2); the columns are: %3")
                         .arg(name, role,
                              table.columns.isEmpty() ? QStringLiteral("(none)")
                                                      : table.columns.join(QStringLiteral(", "))));
  };
  const int english = find(englishColumn, QStringLiteral("the English text; `text:` names it"));
  const int translation = find(
      translationColumn,
      QStringLiteral("the translation; `text_pair:` names it, else the target's language does"));
  QVector<QPair<QString, QString>> pairs;
  for (const RawRow& row : table.rows) {
    const auto text = [&row](int column) {
      return column < row.values.size() && row.values[column] ? row.values[column]->trimmed()
                                                              : QString();
    };
    const QString first = text(english), second = text(translation);
    if (!first.isEmpty() && !second.isEmpty()) pairs.push_back({first, second});
  }
  if (pairs.isEmpty())
    throw InputError(file, 0, 0,
                     QStringLiteral("no row has both an '%1' and a '%2' text")
                         .arg(englishColumn, translationColumn));
  return pairs;
}

}  // namespace twb
