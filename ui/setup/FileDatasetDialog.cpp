#include "setup/FileDatasetDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <exception>

#include "data/RawTable.h"
#include "plugin/PluginRegistry.h"

namespace twb {
namespace {

// The format the loader reads the file in by its suffix; tsv for a suffix it does not know.
QString formatOf(const QString& path) {
  const QString format = datasetFormatFromSuffix(path);
  return format.isEmpty() ? QStringLiteral("tsv") : format;
}

QComboBox* columnCombo(QWidget* parent, const QString& name) {
  auto* combo = new QComboBox(parent);
  combo->setEditable(true);
  combo->setInsertPolicy(QComboBox::NoInsert);
  combo->setObjectName(name);
  return combo;
}

// Fills combo with columns and selects preferred when present, else fallback.
void offer(QComboBox* combo, const QStringList& columns, const QString& preferred,
           const QString& fallback) {
  const QString typed = combo->currentText();
  combo->clear();
  combo->addItems(columns);
  const QString pick = columns.contains(preferred) ? preferred : fallback;
  combo->setCurrentText(typed.isEmpty() || !columns.isEmpty() ? pick : typed);
}

}  // namespace

QStringList fileColumns(const QString& path, const QString& format) {
  // Only a regular file is opened: a FIFO would block the window until someone writes to it.
  const QFileInfo info(path);
  if (!info.isFile()) return {};
  QFile file(info.canonicalFilePath());
  if (!file.open(QIODevice::ReadOnly)) return {};
  QString first;
  while (!file.atEnd() && first.trimmed().isEmpty())
    first = QString::fromUtf8(file.readLine(1 << 20));
  if (first.trimmed().isEmpty()) return {};
  try {
    if (format == QLatin1String("jsonl")) return readJsonl(first, path).columns;
    if (format == QLatin1String("csv")) return readCsv(first, path).columns;
    return readTsv(first, path).columns;
  } catch (const std::exception&) {
    return {};
  }
}

FileDatasetDialog::FileDatasetDialog(const QString& path, QWidget* parent)
    : QDialog(parent), path_(QFileInfo(path).absoluteFilePath()) {
  setWindowTitle(tr("Add a dataset file"));
  auto* form = new QFormLayout;
  auto* file = new QLabel(QDir::toNativeSeparators(path_), this);
  file->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(tr("File:"), file);

  format_ = new QComboBox(this);
  format_->setObjectName(QStringLiteral("format"));
  format_->addItems({QStringLiteral("tsv"), QStringLiteral("csv"), QStringLiteral("jsonl")});
  format_->setCurrentText(formatOf(path_));
  form->addRow(tr("&Format:"), format_);

  task_ = new QComboBox(this);
  task_->setObjectName(QStringLiteral("task"));
  task_->addItems(supervisedTaskNames());
  form->addRow(tr("T&ask:"), task_);

  text_ = columnCombo(this, QStringLiteral("textColumn"));
  form->addRow(tr("&Text column:"), text_);
  pair_ = columnCombo(this, QStringLiteral("pairColumn"));
  pair_->setToolTip(tr("A second text, for pairs (leave empty for single texts)"));
  form->addRow(tr("&Pair column:"), pair_);
  label_ = columnCombo(this, QStringLiteral("labelColumn"));
  labelCaption_ = new QLabel(tr("&Label column:"), this);
  labelCaption_->setBuddy(label_);
  form->addRow(labelCaption_, label_);

  domain_ = new QLineEdit(QFileInfo(path_).completeBaseName(), this);
  domain_->setObjectName(QStringLiteral("domain"));
  form->addRow(tr("&Domain:"), domain_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  readColumns();
  connect(format_, &QComboBox::currentTextChanged, this, &FileDatasetDialog::readColumns);
  connect(task_, &QComboBox::currentTextChanged, this, [this](const QString& task) {
    const QString preferred =
        taskPredictsScores(task) ? QStringLiteral("score") : QStringLiteral("label");
    if (label_->findText(preferred) >= 0) label_->setCurrentText(preferred);
    updateState();
  });
  for (QComboBox* combo : {text_, label_})
    connect(combo, &QComboBox::currentTextChanged, this, &FileDatasetDialog::updateState);
  updateState();
}

void FileDatasetDialog::readColumns() {
  const QStringList columns = fileColumns(path_, format_->currentText());
  const bool similarity = taskPredictsScores(task_->currentText());
  offer(text_, columns, QStringLiteral("text"),
        columns.isEmpty() ? QStringLiteral("text") : columns.first());
  const QString labelName = similarity ? QStringLiteral("score") : QStringLiteral("label");
  offer(label_, columns, labelName, columns.size() > 1 ? columns.last() : labelName);
  pair_->clear();
  pair_->addItem(QString());
  pair_->addItems(columns);
  pair_->setCurrentText(columns.contains(QStringLiteral("text_pair")) ? QStringLiteral("text_pair")
                                                                      : QString());
}

void FileDatasetDialog::updateState() {
  const bool similarity = taskPredictsScores(task_->currentText());
  labelCaption_->setText(similarity ? tr("&Score column:") : tr("&Label column:"));
  ok_->setEnabled(!text_->currentText().trimmed().isEmpty() &&
                  !label_->currentText().trimmed().isEmpty());
}

TargetSpec FileDatasetDialog::target() const {
  TargetSpec target;
  target.dataset.path = path_;
  target.dataset.format = format_->currentText();
  target.dataset.textColumn = text_->currentText().trimmed();
  target.dataset.pairColumn = pair_->currentText().trimmed();
  if (taskPredictsScores(task_->currentText()))
    target.dataset.scoreColumn = label_->currentText().trimmed();
  else
    target.dataset.labelColumn = label_->currentText().trimmed();
  target.task = task_->currentText();
  target.domain = domain_->text().trimmed();
  return target;
}

}  // namespace twb
