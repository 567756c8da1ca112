#include "text/HfSentencePieceTokenizer.h"

namespace twb {
namespace {

constexpr int kFairseqOffset = 1;  // XLM-R: sentencepiece id + 1
constexpr int kFairseqUnk = 3;
const QChar kSpaceMark(0x2581);  // "▁", sentencepiece's space

}  // namespace

std::unique_ptr<HfSentencePieceTokenizer> HfSentencePieceTokenizer::loadXlmRoberta(
    const QString& modelPath, const SpecialTokenSet& specials) {
  return std::unique_ptr<HfSentencePieceTokenizer>(new HfSentencePieceTokenizer(
      Scheme::XlmRoberta, SentencePieceModel::load(modelPath), specials, {}));
}

std::unique_ptr<HfSentencePieceTokenizer> HfSentencePieceTokenizer::loadXlnet(
    const QString& modelPath, const XlnetTextOptions& text, const SpecialTokenSet& specials) {
  return std::unique_ptr<HfSentencePieceTokenizer>(new HfSentencePieceTokenizer(
      Scheme::Xlnet, SentencePieceModel::load(modelPath), specials, text));
}

HfSentencePieceTokenizer::HfSentencePieceTokenizer(Scheme scheme,
                                                   std::unique_ptr<SentencePieceModel> model,
                                                   const SpecialTokenSet& specials,
                                                   const XlnetTextOptions& text)
    : scheme_(scheme), model_(std::move(model)), text_(text) {
  if (scheme_ == Scheme::XlmRoberta) {
    // fairseq's dictionary puts these four first; <mask> comes after the last piece.
    const AddedToken* fixed[] = {&specials.cls, &specials.pad, &specials.sep, &specials.unk};
    for (int id = 0; id < 4; ++id) {
      AddedToken t = *fixed[id];
      t.id = id;
      added_.add(t);
    }
    AddedToken mask = specials.mask;
    mask.id = model_->size() + kFairseqOffset;
    added_.add(mask);
  } else {
    for (AddedToken t : specials.all()) {
      t.id = model_->pieceToId(t.content);
      if (t.id >= 0) added_.add(t);
    }
  }
  specials_.pad = idOf(specials.pad.content);
  specials_.unk = idOf(specials.unk.content);
  specials_.cls = idOf(specials.cls.content);
  specials_.sep = idOf(specials.sep.content);
  specials_.mask = idOf(specials.mask.content);
}

int HfSentencePieceTokenizer::idOf(const QString& piece) const {
  if (const AddedToken* t = added_.byContent(piece)) return t->id;
  int id = model_->pieceToId(piece);
  if (id < 0) id = model_->unkId();  // sentencepiece's PieceToId answers unk for the unknown
  if (scheme_ == Scheme::Xlnet) return id;
  // Hugging Face's XLM-R maps sentencepiece's id 0 (its <unk>) to fairseq's <unk>.
  return id > 0 ? id + kFairseqOffset : kFairseqUnk;
}

QString HfSentencePieceTokenizer::lowercaseOutsideSpecials(const QString& text) const {
  // XLNet's do_lower_case lower-cases the text around the special tokens before splitting.
  QString out;
  for (const TextSegment& s : added_.split(text, /*keepWhitespace=*/true))
    out += s.id >= 0 ? s.text : s.text.toLower();
  return out;
}

QStringList HfSentencePieceTokenizer::piecesOf(const QString& plainText) const {
  if (scheme_ == Scheme::XlmRoberta) return model_->encodePieces(plainText);
  QStringList out;
  for (const QString& piece : model_->encodePieces(xlnetPreprocess(plainText, text_))) {
    const auto cps = piece.toUcs4();
    const qsizetype n = cps.size();
    if (n < 2 || cps[n - 1] != U',' || !isPythonDigit(cps[n - 2])) {
      out << piece;
      continue;
    }
    // "▁1990," -> "▁1990" ","; the number is re-encoded without the space marks.
    QString number = QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData()), n - 1);
    number.remove(kSpaceMark);
    QStringList parts = model_->encodePieces(number);
    if (!piece.startsWith(kSpaceMark) && !parts.isEmpty() && parts[0].startsWith(kSpaceMark)) {
      if (parts[0].size() == 1) {
        parts.removeFirst();
      } else {
        parts[0].remove(0, 1);
      }
    }
    out << parts << QStringLiteral(",");
  }
  return out;
}

QStringList HfSentencePieceTokenizer::tokenize(const QString& text) const {
  const QString input =
      scheme_ == Scheme::Xlnet && text_.lowercase ? lowercaseOutsideSpecials(text) : text;
  QStringList tokens;
  for (const TextSegment& segment : added_.split(input)) {
    if (segment.id >= 0) {
      tokens << segment.text;
    } else {
      tokens << piecesOf(segment.text);
    }
  }
  return tokens;
}

std::vector<int> HfSentencePieceTokenizer::encode(const QString& text) const {
  std::vector<int> ids;
  for (const QString& token : tokenize(text)) ids.push_back(idOf(token));
  return ids;
}

QString HfSentencePieceTokenizer::decode(const std::vector<int>& ids) const {
  QStringList parts;
  QString run;
  const auto flush = [&] {
    const QString words = run.replace(kSpaceMark, QLatin1Char(' ')).trimmed();
    if (!words.isEmpty()) parts << words;
    run.clear();
  };
  for (const int id : ids) {
    if (const AddedToken* t = added_.byId(id)) {
      flush();
      parts << t->content;
    } else {
      run += piece(id);
    }
  }
  flush();
  return parts.join(QLatin1Char(' '));
}

QString HfSentencePieceTokenizer::piece(int id) const {
  if (const AddedToken* t = added_.byId(id)) return t->content;
  if (scheme_ == Scheme::Xlnet) return model_->idToPiece(id);
  return id > kFairseqUnk ? model_->idToPiece(id - kFairseqOffset) : QString();
}

int HfSentencePieceTokenizer::vocabSize() const {
  return scheme_ == Scheme::Xlnet ? model_->size() : model_->size() + kFairseqOffset + 1;
}

}  // namespace twb
