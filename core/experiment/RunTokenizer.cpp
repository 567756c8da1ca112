#include "experiment/RunTokenizer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "common/InputError.h"

namespace twb {
namespace {

void addText(QByteArray& corpus, const QString& text) {
  QString line = text;
  line.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
  corpus += line.toUtf8();
  corpus += '\n';
}

void addExamples(QByteArray& corpus, const QVector<Example>& examples) {
  for (const Example& e : examples) {
    addText(corpus, e.text);
    if (!e.pair.isEmpty()) addText(corpus, e.pair);
  }
}

}  // namespace

std::unique_ptr<SentencePieceTokenizer> runTokenizer(const ExperimentSpec& spec,
                                                     const ExperimentPlan& plan,
                                                     const QString& cacheDir, TaskState& state) {
  QByteArray corpus;
  for (const Dataset& d : plan.pretrainText) addExamples(corpus, d.examples);
  const int seed = spec.protocol.seeds.value(0, 1);
  if (plan.intermediate) addExamples(corpus, plan.intermediate->splits.at(seed).train);
  for (const PlannedTask& t : plan.targets) {
    if (t.retrieval()) {
      for (const auto& [pivot, text] : t.pairs) {
        addText(corpus, pivot);
        addText(corpus, text);
      }
      continue;
    }
    addExamples(corpus, t.splits.at(seed).train);
  }

  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(corpus);
  hash.addData(QStringLiteral("unigram/%1/v1").arg(spec.model.vocabSize).toUtf8());
  const QString key = QString::fromLatin1(hash.result().toHex().left(16));
  QDir().mkpath(cacheDir);
  const QString prefix = QDir(cacheDir).filePath(QStringLiteral("spm-") + key);
  if (QFileInfo::exists(prefix + QStringLiteral(".model"))) {
    try {
      return SentencePieceTokenizer::load(prefix + QStringLiteral(".model"));
    } catch (const std::exception& error) {
      // A cache file (cut short by a full disk, say): made again, never a dead end.
      state.log(QStringLiteral("the cached tokenizer %1 cannot be read (%2): training it again")
                    .arg(prefix + QStringLiteral(".model"), QString::fromUtf8(error.what())));
      QFile::remove(prefix + QStringLiteral(".model"));
    }
  }

  state.log(QStringLiteral("training a %1-piece sentencepiece tokenizer on %2 MB of text")
                .arg(spec.model.vocabSize)
                .arg(corpus.size() / 1e6, 0, 'f', 1));
  const QString corpusPath = prefix + QStringLiteral(".corpus.txt");
  QSaveFile file(corpusPath);
  if (!file.open(QIODevice::WriteOnly) || file.write(corpus) != corpus.size() || !file.commit())
    throw RunError("cannot write " + corpusPath.toStdString());
  // Train under a temporary prefix and rename, so a crash never leaves a half-written model.
  SentencePieceTraining options;
  options.inputFile = corpusPath;
  options.modelPrefix = prefix + QStringLiteral(".tmp");
  options.vocabSize = spec.model.vocabSize;
  SentencePieceTokenizer::train(options);
  QFile::remove(corpusPath);
  QFile::remove(prefix + QStringLiteral(".vocab"));
  QFile::rename(options.modelPrefix + QStringLiteral(".vocab"), prefix + QStringLiteral(".vocab"));
  if (!QFile::rename(options.modelPrefix + QStringLiteral(".model"),
                     prefix + QStringLiteral(".model")))
    throw RunError("cannot move the tokenizer into " + prefix.toStdString());
  return SentencePieceTokenizer::load(prefix + QStringLiteral(".model"));
}

}  // namespace twb
