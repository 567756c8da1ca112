#include "text/SentencePieceTokenizer.h"

#include <QThread>

#include "common/InputError.h"

namespace twb {
namespace {

// The workbench's own layout: ids 0..4 are <pad>, <unk>, <cls>, <sep>, <mask>.
const char* const kWorkbenchSpecialFlags =
    "--pad_id=0 --unk_id=1 --bos_id=-1 --eos_id=-1 --control_symbols=<cls>,<sep>,<mask>";

}  // namespace

QString SentencePieceTokenizer::train(const SentencePieceTraining& o) {
  if (o.inputFile.contains(QLatin1Char(' ')) || o.modelPrefix.contains(QLatin1Char(' ')))
    throw RunError("sentencepiece training paths must not contain spaces: " +
                   o.modelPrefix.toStdString());
  const QString specials = o.specialPieceFlags.isEmpty()
                               ? QString::fromLatin1(kWorkbenchSpecialFlags)
                               : o.specialPieceFlags;
  const QString flags =
      QStringLiteral(
          "--input=%1 --model_prefix=%2 --vocab_size=%3 --model_type=%4 --character_coverage=%5 "
          "%6 --hard_vocab_limit=false --num_threads=%7 --input_sentence_size=200000 "
          "--shuffle_input_sentence=true --minloglevel=2 %8")
          .arg(o.inputFile, o.modelPrefix)
          .arg(o.vocabSize)
          .arg(o.modelType)
          .arg(o.characterCoverage)
          .arg(specials)
          .arg(qMax(1, QThread::idealThreadCount()))
          .arg(o.extraFlags);
  SentencePieceModel::train(flags, o.inputFile);
  return o.modelPrefix + QStringLiteral(".model");
}

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::load(const QString& modelPath) {
  return std::unique_ptr<SentencePieceTokenizer>(
      new SentencePieceTokenizer(SentencePieceModel::load(modelPath)));
}

SentencePieceTokenizer::SentencePieceTokenizer(std::unique_ptr<SentencePieceModel> model)
    : model_(std::move(model)) {
  specials_.pad = model_->pieceToId(QStringLiteral("<pad>"));
  specials_.unk = model_->pieceToId(QStringLiteral("<unk>"));
  specials_.cls = model_->pieceToId(QStringLiteral("<cls>"));
  specials_.sep = model_->pieceToId(QStringLiteral("<sep>"));
  specials_.mask = model_->pieceToId(QStringLiteral("<mask>"));
}

SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::vector<int> SentencePieceTokenizer::encode(const QString& text) const {
  return model_->encodeIds(text);
}

QString SentencePieceTokenizer::decode(const std::vector<int>& ids) const {
  return model_->decodeIds(ids);
}

QString SentencePieceTokenizer::piece(int id) const { return model_->idToPiece(id); }
int SentencePieceTokenizer::vocabSize() const { return model_->size(); }
SpecialIds SentencePieceTokenizer::specials() const { return specials_; }

}  // namespace twb
