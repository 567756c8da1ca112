#include "setup/TrainSection.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "common/InputError.h"
#include "config/ExperimentWriter.h"
#include "setup/SetupValues.h"

namespace twb {
namespace {

QSpinBox* spinBox(QWidget* parent, const QString& name, int minimum, int maximum) {
  auto* spin = new QSpinBox(parent);
  spin->setObjectName(name);
  spin->setRange(minimum, maximum);
  return spin;
}

}  // namespace

TrainSection::TrainSection(QWidget* parent) : QGroupBox(tr("Seeds and training budgets"), parent) {
  auto* form = new QFormLayout(this);
  seeds_ = new QLineEdit(this);
  seeds_->setObjectName(QStringLiteral("seeds"));
  seeds_->setPlaceholderText(QStringLiteral("1, 2, 3"));
  seeds_->setToolTip(tr("Every (arm, target) runs once per seed; each seed also splits the data"));
  form->addRow(tr("S&eeds:"), seeds_);

  lr_ = new QLineEdit(this);
  lr_->setObjectName(QStringLiteral("lr"));
  lr_->setPlaceholderText(QStringLiteral("1e-4"));
  form->addRow(tr("Le&arning rate:"), lr_);

  batchSize_ = spinBox(this, QStringLiteral("batchSize"), 1, 65536);
  form->addRow(tr("&Batch size:"), batchSize_);
  maxLen_ = spinBox(this, QStringLiteral("maxLen"), 8, 65536);
  maxLen_->setSuffix(tr(" tokens"));
  form->addRow(tr("Max length:"), maxLen_);
  epochs_ = spinBox(this, QStringLiteral("epochs"), 1, 100000);
  form->addRow(tr("Ep&ochs:"), epochs_);
  earlyStopping_ = spinBox(this, QStringLiteral("earlyStopping"), 0, 100000);
  earlyStopping_->setSpecialValueText(tr("off"));
  earlyStopping_->setToolTip(
      tr("Stop after this many dev evaluations without improvement, keeping the best weights"));
  form->addRow(tr("Early stopping (evaluations to &wait):"), earlyStopping_);

  problem_ = new QLabel(this);
  problem_->setObjectName(QStringLiteral("trainProblem"));
  problem_->setWordWrap(true);
  problem_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  problem_->hide();
  form->addRow(problem_);

  for (QLineEdit* edit : {seeds_, lr_})
    connect(edit, &QLineEdit::textChanged, this, [this] {
      validate();
      Q_EMIT changed();
    });
  for (QSpinBox* spin : {batchSize_, maxLen_, epochs_, earlyStopping_})
    connect(spin, &QSpinBox::valueChanged, this, &TrainSection::changed);
  load(ExperimentSpec());
}

void TrainSection::load(const ExperimentSpec& spec) {
  const QSignalBlocker b1(seeds_), b2(lr_), b3(batchSize_), b4(maxLen_), b5(epochs_),
      b6(earlyStopping_);
  seeds_->setText(formatSeeds(spec.protocol.seeds));
  lr_->setText(shortestNumber(spec.train.lr));
  batchSize_->setValue(spec.train.batchSize);
  maxLen_->setValue(spec.train.maxLen);
  epochs_->setValue(spec.train.epochs);
  earlyStopping_->setValue(spec.train.earlyStopping);
  validate();
}

void TrainSection::store(ExperimentSpec& spec) const {
  spec.protocol.seeds = parseSeeds(seeds_->text());
  spec.train.lr = parseRate(lr_->text(), QStringLiteral("train.lr"));
  spec.train.batchSize = batchSize_->value();
  spec.train.maxLen = maxLen_->value();
  spec.train.epochs = epochs_->value();
  spec.train.earlyStopping = earlyStopping_->value();
}

// Says at once what is wrong with the free-text fields, rather than only when running.
void TrainSection::validate() {
  QStringList problems;
  const auto check = [&problems](QLineEdit* edit, const auto& parse) {
    try {
      parse(edit->text());
      edit->setStyleSheet(QString());
    } catch (const InputError& error) {
      problems << error.message();
      edit->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c0392b; }"));
    }
  };
  check(seeds_, [](const QString& text) { parseSeeds(text); });
  check(lr_, [](const QString& text) { parseRate(text, QStringLiteral("train.lr")); });
  problem_->setText(problems.join(QLatin1Char('\n')));
  problem_->setVisible(!problems.isEmpty());
}

}  // namespace twb
