// SentencePieceTokenizer: trains and loads sentencepiece models through the plugin.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "text/SentencePieceModel.h"
#include "text/Tokenizer.h"

namespace twb {

struct SentencePieceTraining {
  QString inputFile;    // one sentence per line, UTF-8
  QString modelPrefix;  // writes prefix.model and prefix.vocab
  int vocabSize = 4000;
  QString modelType = QStringLiteral("unigram");  // unigram | bpe
  double characterCoverage = 0.9995;
  int seed = 1;  // sentencepiece's sampling is seeded through the input order; kept for logs
  // Trainer flags that place the special pieces. Empty: the workbench's layout below. Set it to
  // train a model laid out like another one (e.g. "--unk_id=0 --bos_id=1 --eos_id=2
  // --pad_id=-1" for XLM-R's); load() still reads the workbench's five specials by piece.
  QString specialPieceFlags;
  QString extraFlags;  // further trainer flags, e.g. "--split_by_number=false"; none by default
};

// Special pieces of models the workbench trains: ids 0..4 are <pad>, <unk>, <cls>, <sep>,
// <mask>, whatever the model family, so that one tokenizer serves all three.
class SentencePieceTokenizer : public Tokenizer {
 public:
  // Throws InputError naming the file when it cannot be loaded, RunError when the plugin
  // cannot be found or loaded.
  static std::unique_ptr<SentencePieceTokenizer> load(const QString& modelPath);
  // Trains a model and returns the path of the .model file. Throws RunError on failure.
  static QString train(const SentencePieceTraining& options);

  ~SentencePieceTokenizer() override;
  std::vector<int> encode(const QString& text) const override;
  QString decode(const std::vector<int>& ids) const override;
  QString piece(int id) const override;
  int vocabSize() const override;
  SpecialIds specials() const override;
  QString modelPath() const { return model_->path(); }

 private:
  explicit SentencePieceTokenizer(std::unique_ptr<SentencePieceModel> model);
  std::unique_ptr<SentencePieceModel> model_;
  SpecialIds specials_;
};

}  // namespace twb
