#include "text/ByteLevelBpeTokenizer.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <algorithm>
#include <utility>

#include "common/InputError.h"
#include "text/ByteLevel.h"
#include "text/HfJson.h"

namespace twb {
namespace {

QHash<QString, int> readVocabJson(const QString& path) {
  const QJsonObject object = hfjson::readObject(path);
  if (object.isEmpty()) throw InputError(path, 0, 0, QStringLiteral("vocabulary is empty"));
  QHash<QString, int> vocab;
  vocab.reserve(object.size());
  for (auto it = object.begin(); it != object.end(); ++it)
    vocab.insert(it.key(), hfjson::id(it.value(), path, it.key()));
  return vocab;
}

std::vector<BpeMerge> readMergesTxt(const QString& path) {
  QFile file(path);
  if (!QFileInfo(path).isFile()) throw InputError(path, 0, 0, QStringLiteral("no such file"));
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: ") + file.errorString());
  QStringDecoder decoder(QStringDecoder::Utf8);
  const QString text = decoder.decode(file.readAll());
  if (decoder.hasError()) throw InputError(path, 0, 0, QStringLiteral("not valid UTF-8"));
  std::vector<BpeMerge> merges;
  const QStringList lines = text.split(QLatin1Char('\n'));
  for (int i = 0; i < lines.size(); ++i) {
    QString line = lines[i];
    if (line.endsWith(QLatin1Char('\r'))) line.chop(1);
    if (i == 0 && line.startsWith(QChar(0xFEFF))) line.remove(0, 1);
    if (line.isEmpty() || (i == 0 && line.startsWith(QLatin1String("#version")))) continue;
    const QStringList parts = line.split(QLatin1Char(' '));
    if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
      throw InputError(
          path, i + 1, 0,
          QStringLiteral("expected two tokens separated by one space, got '%1'").arg(line));
    merges.emplace_back(parts[0], parts[1]);
  }
  return merges;
}

}  // namespace

std::unique_ptr<ByteLevelBpeTokenizer> ByteLevelBpeTokenizer::fromFiles(
    const QString& vocabJson, const QString& mergesTxt, const ByteLevelBpeOptions& options) {
  QHash<QString, int> vocab = readVocabJson(vocabJson);
  return fromModel(std::move(vocab), readMergesTxt(mergesTxt), options);
}

std::unique_ptr<ByteLevelBpeTokenizer> ByteLevelBpeTokenizer::fromModel(
    QHash<QString, int> vocab, const std::vector<BpeMerge>& merges,
    const ByteLevelBpeOptions& options) {
  return std::unique_ptr<ByteLevelBpeTokenizer>(
      new ByteLevelBpeTokenizer(std::move(vocab), merges, options));
}

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(QHash<QString, int> vocab,
                                             const std::vector<BpeMerge>& merges,
                                             const ByteLevelBpeOptions& options)
    : bpe_(std::move(vocab), merges, /*unkId=*/-1), options_(options) {
  const QHash<QString, int>& v = bpe_.vocab();
  for (const AddedToken& t : options.added) added_.add(t);
  // A special listed among the added tokens keeps their flags; otherwise the vocabulary has it.
  for (AddedToken t : options.specials.all()) {
    if (added_.byContent(t.content)) continue;
    t.id = v.value(t.content, -1);
    if (t.id >= 0) added_.add(t);
  }
  int size = 0;
  for (auto it = v.begin(); it != v.end(); ++it) size = std::max(size, it.value() + 1);
  for (const AddedToken& t : added_.tokens()) size = std::max(size, t.id + 1);
  pieces_.resize(size);
  for (auto it = v.begin(); it != v.end(); ++it) pieces_[it.value()] = it.key();
  for (const AddedToken& t : added_.tokens()) pieces_[t.id] = t.content;
  // Unknown bytes cannot occur (every byte has a piece), so <unk> only names the special.
  specials_.pad = idOf(options.specials.pad.content);
  specials_.unk = idOf(options.specials.unk.content);
  specials_.cls = idOf(options.specials.cls.content);
  specials_.sep = idOf(options.specials.sep.content);
  specials_.mask = idOf(options.specials.mask.content);
}

int ByteLevelBpeTokenizer::idOf(const QString& piece) const {
  if (const AddedToken* t = added_.byContent(piece)) return t->id;
  return bpe_.vocab().value(piece, -1);
}

std::vector<int> ByteLevelBpeTokenizer::encode(const QString& text) const {
  std::vector<int> ids;
  for (const TextSegment& segment : added_.split(text)) {
    if (segment.id >= 0) {
      ids.push_back(segment.id);
      continue;
    }
    QString part = segment.text;
    if (options_.addPrefixSpace && !part.startsWith(QLatin1Char(' '))) part.prepend(' ');
    const QStringList words = options_.useRegex ? bytelevel::preTokenize(part) : QStringList{part};
    for (const QString& word : words) bpe_.encodeWord(bytelevel::encode(word), ids);
  }
  return ids;
}

QString ByteLevelBpeTokenizer::decode(const std::vector<int>& ids) const {
  QString out;
  QString bytes;
  for (const int id : ids) {
    if (const AddedToken* t = added_.byId(id)) {
      out += bytelevel::decode(std::exchange(bytes, QString())) + t->content;
    } else {
      bytes += piece(id);
    }
  }
  return out + bytelevel::decode(bytes);
}

QString ByteLevelBpeTokenizer::piece(int id) const {
  return id >= 0 && id < pieces_.size() ? pieces_[id] : QString();
}

int ByteLevelBpeTokenizer::vocabSize() const { return static_cast<int>(pieces_.size()); }

QStringList ByteLevelBpeTokenizer::tokenize(const QString& text) const {
  QStringList out;
  for (const int id : encode(text)) out << piece(id);
  return out;
}

}  // namespace twb
