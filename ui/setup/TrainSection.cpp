#include "setup/TrainSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "common/InputError.h"
#include "config/ExperimentSchema.h"
#include "config/ExperimentWriter.h"
#include "setup/SetupValues.h"

namespace twb {
namespace {

// A spin box for an integer key: the schema's minimum and help, a cap of the form's own.
QSpinBox* spinBox(QWidget* parent, const QString& name, const QString& key, int cap) {
  const SchemaKey& rule = schemaKey(key);
  auto* spin = new QSpinBox(parent);
  spin->setObjectName(name);
  spin->setRange(int(rule.minimum), int(std::min(rule.maximum, double(cap))));
  spin->setToolTip(rule.help);
  return spin;
}

double learningRate(const QString& text) {
  return parseNumberText(schemaKey(QStringLiteral("train.lr")), text);
}

}  // namespace

TrainSection::TrainSection(QWidget* parent) : QGroupBox(tr("Seeds and training"), parent) {
  auto* form = new QFormLayout(this);
  seeds_ = new QLineEdit(this);
  seeds_->setObjectName(QStringLiteral("seeds"));
  seeds_->setPlaceholderText(QStringLiteral("1, 2, 3"));
  seeds_->setToolTip(schemaKey(QStringLiteral("protocol.seeds")).help);
  form->addRow(tr("S&eeds:"), seeds_);

  lr_ = new QLineEdit(this);
  lr_->setObjectName(QStringLiteral("lr"));
  const SchemaKey& lr = schemaKey(QStringLiteral("train.lr"));
  lr_->setPlaceholderText(shortestNumber(lr.fallback.toDouble()));
  lr_->setToolTip(lr.help);
  form->addRow(tr("Le&arning rate:"), lr_);

  batchSize_ =
      spinBox(this, QStringLiteral("batchSize"), QStringLiteral("train.batch_size"), 65536);
  form->addRow(tr("&Batch size:"), batchSize_);
  maxLen_ = spinBox(this, QStringLiteral("maxLen"), QStringLiteral("train.max_len"), 65536);
  maxLen_->setSuffix(tr(" tokens"));
  form->addRow(tr("Max length:"), maxLen_);
  epochs_ = spinBox(this, QStringLiteral("epochs"), QStringLiteral("train.epochs"), 100000);
  form->addRow(tr("Ep&ochs:"), epochs_);
  earlyStopping_ = spinBox(this, QStringLiteral("earlyStopping"),
                           QStringLiteral("train.early_stopping"), 100000);
  earlyStopping_->setSpecialValueText(tr("off"));
  form->addRow(tr("Early stopping (evaluations to &wait):"), earlyStopping_);

  // What auto resolved to on the machine that runs it is stored with the experiment (Runs).
  const SchemaKey& precision = schemaKey(QStringLiteral("train.precision"));
  precision_ = new QComboBox(this);
  precision_->setObjectName(QStringLiteral("precision"));
  precision_->addItems(precision.allowedChoices());
  precision_->setToolTip(precision.help);
  form->addRow(tr("Preci&sion:"), precision_);
  bucketing_ = new QCheckBox(tr("Batc&h texts of similar length"), this);
  bucketing_->setObjectName(QStringLiteral("bucketing"));
  bucketing_->setToolTip(schemaKey(QStringLiteral("train.bucketing")).help);
  form->addRow(tr("Bucketing:"), bucketing_);

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
  connect(precision_, &QComboBox::currentIndexChanged, this, &TrainSection::changed);
  connect(bucketing_, &QCheckBox::toggled, this, &TrainSection::changed);
  load(ExperimentSpec());
}

void TrainSection::load(const ExperimentSpec& spec) {
  const QSignalBlocker b1(seeds_), b2(lr_), b3(batchSize_), b4(maxLen_), b5(epochs_),
      b6(earlyStopping_), b7(precision_), b8(bucketing_);
  seeds_->setText(formatSeeds(spec.protocol.seeds));
  lr_->setText(shortestNumber(spec.train.lr));
  batchSize_->setValue(spec.train.batchSize);
  maxLen_->setValue(spec.train.maxLen);
  epochs_->setValue(spec.train.epochs);
  earlyStopping_->setValue(spec.train.earlyStopping);
  precision_->setCurrentText(spec.train.precision);
  bucketing_->setChecked(spec.train.bucketing);
  validate();
}

void TrainSection::store(ExperimentSpec& spec) const {
  spec.protocol.seeds = parseSeeds(seeds_->text());
  spec.train.lr = learningRate(lr_->text());
  spec.train.batchSize = batchSize_->value();
  spec.train.maxLen = maxLen_->value();
  spec.train.epochs = epochs_->value();
  spec.train.earlyStopping = earlyStopping_->value();
  spec.train.precision = precision_->currentText();
  spec.train.bucketing = bucketing_->isChecked();
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
  check(lr_, [](const QString& text) { learningRate(text); });
  problem_->setText(problems.join(QLatin1Char('\n')));
  problem_->setVisible(!problems.isEmpty());
}

}  // namespace twb
