#include "runs/ConfigDiffDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace twb {
namespace {

enum Column { LeftNumber, LeftText, RightNumber, RightText, ColumnCount };

// Light backgrounds with dark text, readable in light and dark themes alike.
const QColor kChanged(0xff, 0xf0, 0xb3);
const QColor kRemoved(0xff, 0xd7, 0xd5);
const QColor kAdded(0xd3, 0xf9, 0xd8);
const QColor kAbsent(0xee, 0xee, 0xee);
const QColor kInk(0x20, 0x20, 0x20);

QTableWidgetItem* item(const QString& text, const QColor& background = QColor()) {
  auto* cell = new QTableWidgetItem(text);
  cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  if (background.isValid()) {
    cell->setBackground(background);
    cell->setForeground(kInk);
  }
  return cell;
}

}  // namespace

ConfigDiffDialog::ConfigDiffDialog(const QString& leftTitle, const QString& leftText,
                                   const QString& rightTitle, const QString& rightText,
                                   QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Compare configs: %1 and %2").arg(leftTitle, rightTitle));
  table_ = new QTableWidget(this);
  table_->setColumnCount(ColumnCount);
  table_->setHorizontalHeaderLabels({QString(), leftTitle, QString(), rightTitle});
  table_->verticalHeader()->hide();
  table_->setShowGrid(false);
  table_->setWordWrap(false);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  QHeaderView* header = table_->horizontalHeader();
  header->setSectionResizeMode(LeftNumber, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(RightNumber, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(LeftText, QHeaderView::Stretch);
  header->setSectionResizeMode(RightText, QHeaderView::Stretch);

  differencesOnly_ = new QCheckBox(tr("&Differences only"), this);
  summary_ = new QLabel(this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(differencesOnly_, &QCheckBox::toggled, this, &ConfigDiffDialog::setDifferencesOnly);

  auto* top = new QHBoxLayout;
  top->addWidget(differencesOnly_);
  top->addStretch();
  top->addWidget(summary_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(table_);
  layout->addWidget(buttons);

  const QStringList left = diffLinesOf(leftText);
  const QStringList right = diffLinesOf(rightText);
  rows_ = diffLines(left, right);
  fill(left, right);
  resize(1000, 640);
}

void ConfigDiffDialog::fill(const QStringList& left, const QStringList& right) {
  table_->setRowCount(static_cast<int>(rows_.size()));
  int changed = 0, added = 0, removed = 0;
  for (int r = 0; r < rows_.size(); ++r) {
    const DiffRow& row = rows_[r];
    QColor leftColour, rightColour;
    QString marker;
    switch (row.kind) {
      case DiffKind::Same:
        break;
      case DiffKind::Changed:
        leftColour = rightColour = kChanged;
        marker = QStringLiteral("~");
        ++changed;
        break;
      case DiffKind::Removed:
        leftColour = kRemoved;
        rightColour = kAbsent;
        marker = QStringLiteral("-");
        ++removed;
        break;
      case DiffKind::Added:
        leftColour = kAbsent;
        rightColour = kAdded;
        marker = QStringLiteral("+");
        ++added;
        break;
    }
    auto number = [&](int line) {
      return line > 0 ? QStringLiteral("%1%2").arg(marker).arg(line) : marker;
    };
    table_->setItem(r, LeftNumber, item(number(row.leftLine), leftColour));
    table_->setItem(r, LeftText,
                    item(row.leftLine > 0 ? left[row.leftLine - 1] : QString(), leftColour));
    table_->setItem(r, RightNumber, item(number(row.rightLine), rightColour));
    table_->setItem(r, RightText,
                    item(row.rightLine > 0 ? right[row.rightLine - 1] : QString(), rightColour));
  }
  table_->resizeRowsToContents();
  summary_->setText(
      changed + added + removed == 0
          ? tr("The configs are identical.")
          : tr("%1 changed, %2 added, %3 removed").arg(changed).arg(added).arg(removed));
}

bool ConfigDiffDialog::differencesOnly() const { return differencesOnly_->isChecked(); }

void ConfigDiffDialog::setDifferencesOnly(bool on) {
  if (differencesOnly_->isChecked() != on) {
    differencesOnly_->setChecked(on);  // toggled() calls back with the same value
    return;
  }
  for (int r = 0; r < rows_.size(); ++r)
    table_->setRowHidden(r, on && rows_[r].kind == DiffKind::Same);
}

int ConfigDiffDialog::visibleRowCount() const {
  int visible = 0;
  for (int r = 0; r < table_->rowCount(); ++r)
    if (!table_->isRowHidden(r)) ++visible;
  return visible;
}

}  // namespace twb
