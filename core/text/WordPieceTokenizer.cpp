#include "text/WordPieceTokenizer.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <utility>

#include "common/InputError.h"

namespace twb {
namespace {

QStringList readVocabLines(const QString& path) {
  if (!QFileInfo(path).isFile()) {
    throw InputError(path, 0, 0, QStringLiteral("no such vocabulary file"));
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw InputError(path, 0, 0, QStringLiteral("cannot read vocabulary: ") + file.errorString());
  }
  QStringDecoder decoder(QStringDecoder::Utf8);
  QString text = decoder.decode(file.readAll());
  if (decoder.hasError()) {
    throw InputError(path, 0, 0, QStringLiteral("vocabulary is not valid UTF-8"));
  }
  if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
  QStringList lines = text.split(QLatin1Char('\n'));
  if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();  // final newline
  for (QString& line : lines) line = line.trimmed();
  return lines;
}

// Offsets of the code point boundaries of s, in UTF-16 units: size() + 1 entries.
std::vector<qsizetype> codePointBounds(const QString& s) {
  std::vector<qsizetype> bounds{0};
  for (qsizetype i = 0; i < s.size(); ++i) {
    if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) ++i;
    bounds.push_back(i + 1);
  }
  return bounds;
}

}  // namespace

std::unique_ptr<WordPieceTokenizer> WordPieceTokenizer::fromVocabFile(const QString& vocabTxt,
                                                                      bool lowercase) {
  WordPieceOptions options;
  options.normalization.lowercase = lowercase;
  return fromVocabFile(vocabTxt, options);
}

std::unique_ptr<WordPieceTokenizer> WordPieceTokenizer::fromVocabFile(
    const QString& vocabTxt, const WordPieceOptions& options) {
  return fromPieces(readVocabLines(vocabTxt), options, vocabTxt);
}

std::unique_ptr<WordPieceTokenizer> WordPieceTokenizer::fromPieces(QStringList pieces,
                                                                   const WordPieceOptions& options,
                                                                   const QString& source) {
  bool empty = true;
  for (const QString& piece : pieces) empty = empty && piece.isEmpty();
  if (empty) throw InputError(source, 0, 0, QStringLiteral("vocabulary is empty"));
  const QString unk = options.specials.unk.content;
  if (!pieces.contains(unk)) {
    throw InputError(source, 0, 0, QStringLiteral("vocabulary has no %1 token").arg(unk));
  }
  const AddedToken* unkTaken = nullptr;
  for (const AddedToken& t : options.added) {
    if (t.id < 0) continue;
    if (t.id >= pieces.size()) pieces.resize(t.id + 1);
    if (pieces[t.id] == unk && t.content != unk) unkTaken = &t;
    pieces[t.id] = t.content;
  }
  // Unknown words would have no id left.
  if (unkTaken && !pieces.contains(unk)) {
    throw InputError(source, 0, 0,
                     QStringLiteral("added token '%1' takes id %2, the id of the %3 token")
                         .arg(unkTaken->content)
                         .arg(unkTaken->id)
                         .arg(unk));
  }
  return std::unique_ptr<WordPieceTokenizer>(new WordPieceTokenizer(std::move(pieces), options));
}

namespace {

QStringList neverSplitOf(const WordPieceOptions& options) {
  QStringList tokens;
  for (const AddedToken& t : options.specials.all()) tokens << t.content;
  for (const AddedToken& t : options.added) tokens << t.content;
  return tokens;
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(QStringList pieces, const WordPieceOptions& options)
    : options_(options),
      basic_(options.normalization, neverSplitOf(options)),
      pieces_(std::move(pieces)) {
  ids_.reserve(pieces_.size());
  for (int id = 0; id < pieces_.size(); ++id) {
    if (!pieces_[id].isEmpty()) ids_.insert(pieces_[id], id);  // a repeated token: last id wins
  }
  for (const AddedToken& t : options.added)
    if (t.id >= 0) ids_.insert(t.content, t.id);
  specials_.pad = idOf(options.specials.pad.content);
  specials_.unk = idOf(options.specials.unk.content);
  specials_.cls = idOf(options.specials.cls.content);
  specials_.sep = idOf(options.specials.sep.content);
  specials_.mask = idOf(options.specials.mask.content);
}

std::vector<int> WordPieceTokenizer::encode(const QString& text) const {
  std::vector<int> ids;
  for (const QString& word : basic_.tokenize(text)) {
    if (basic_.isNeverSplit(word)) {
      ids.push_back(ids_.value(word, specials_.unk));
    } else {
      appendWordIds(word, ids);
    }
  }
  return ids;
}

void WordPieceTokenizer::appendWordIds(const QString& word, std::vector<int>& ids) const {
  const std::vector<qsizetype> bounds = codePointBounds(word);
  const size_t chars = bounds.size() - 1;
  if (chars > static_cast<size_t>(options_.maxCharsPerWord)) {
    ids.push_back(specials_.unk);
    return;
  }
  std::vector<int> pieces;
  for (size_t start = 0; start < chars;) {
    int found = -1;
    size_t end = chars;
    for (; end > start; --end) {
      QString candidate = word.mid(bounds[start], bounds[end] - bounds[start]);
      if (start > 0) candidate.prepend(options_.continuingPrefix);
      found = ids_.value(candidate, -1);
      if (found >= 0) break;
    }
    if (found < 0) {  // no piece covers this position: the whole word is unknown
      ids.push_back(specials_.unk);
      return;
    }
    pieces.push_back(found);
    start = end;
  }
  ids.insert(ids.end(), pieces.begin(), pieces.end());
}

QString WordPieceTokenizer::decode(const std::vector<int>& ids) const {
  QStringList words;
  for (const int id : ids) {
    words << (id >= 0 && id < pieces_.size() ? pieces_[id] : options_.specials.unk.content);
  }
  QString text = words.join(QLatin1Char(' '));
  if (!options_.continuingPrefix.isEmpty())
    text.replace(QLatin1Char(' ') + options_.continuingPrefix, QString());
  return text.trimmed();
}

QString WordPieceTokenizer::piece(int id) const {
  return id >= 0 && id < pieces_.size() ? pieces_[id] : QString();
}

int WordPieceTokenizer::vocabSize() const { return static_cast<int>(pieces_.size()); }
SpecialIds WordPieceTokenizer::specials() const { return specials_; }

QStringList WordPieceTokenizer::tokenize(const QString& text) const {
  QStringList pieces;
  for (const int id : encode(text)) pieces << piece(id);
  return pieces;
}

}  // namespace twb
