#include "runs/RunsFilterProxy.h"

#include <QRegularExpression>

#include "runs/RunsModel.h"

namespace twb {

RunsFilterProxy::RunsFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(RunsModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
  setDynamicSortFilter(true);
}

void RunsFilterProxy::setFilterText(const QString& text) {
  if (text == text_) return;
  text_ = text;
  words_ = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
  invalidateFilter();
}

bool RunsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (words_.isEmpty()) return true;
  const QAbstractItemModel* source = sourceModel();
  QStringList texts;
  for (int column = 0; column < source->columnCount(sourceParent); ++column)
    if (RunsModel::isTextColumn(column))
      texts << source->data(source->index(sourceRow, column, sourceParent)).toString();
  for (const QString& word : words_) {
    bool found = false;
    for (const QString& text : texts)
      if ((found = text.contains(word, Qt::CaseInsensitive))) break;
    if (!found) return false;
  }
  return true;
}

}  // namespace twb
