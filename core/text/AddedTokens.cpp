#include "text/AddedTokens.h"

#include <QStringView>

namespace twb {
namespace {

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

}  // namespace

void AddedTokens::add(const AddedToken& token) {
  if (token.content.isEmpty()) return;
  for (AddedToken& existing : tokens_) {
    if (existing.content == token.content) {
      existing = token;
      return;
    }
  }
  tokens_.push_back(token);
}

const AddedToken* AddedTokens::byContent(const QString& content) const {
  for (const AddedToken& t : tokens_)
    if (t.content == content) return &t;
  return nullptr;
}

const AddedToken* AddedTokens::byId(int id) const {
  for (const AddedToken& t : tokens_)
    if (t.id == id) return &t;
  return nullptr;
}

const AddedToken* AddedTokens::longestAt(const QString& text, qsizetype at) const {
  const QStringView rest = QStringView(text).mid(at);
  const AddedToken* best = nullptr;
  for (const AddedToken& t : tokens_) {
    if (best && t.content.size() <= best->content.size()) continue;
    if (!rest.startsWith(t.content)) continue;
    if (t.singleWord) {
      const qsizetype end = at + t.content.size();
      if ((at > 0 && isWordChar(text[at - 1])) || (end < text.size() && isWordChar(text[end])))
        continue;
    }
    best = &t;
  }
  return best;
}

std::vector<TextSegment> AddedTokens::split(const QString& text, bool keepWhitespace) const {
  std::vector<TextSegment> out;
  const auto plain = [&out](QString s) {
    if (!s.isEmpty()) out.push_back({std::move(s), -1});
  };
  qsizetype plainStart = 0;
  qsizetype i = 0;
  while (i < text.size()) {
    const AddedToken* match = tokens_.empty() ? nullptr : longestAt(text, i);
    if (!match) {
      ++i;
      continue;
    }
    qsizetype before = i;
    if (match->lstrip && !keepWhitespace)
      while (before > plainStart && text[before - 1].isSpace()) --before;
    plain(text.mid(plainStart, before - plainStart));
    out.push_back({match->content, match->id});
    i += match->content.size();
    if (match->rstrip && !keepWhitespace)
      while (i < text.size() && text[i].isSpace()) ++i;
    plainStart = i;
  }
  plain(text.mid(plainStart));
  return out;
}

}  // namespace twb
