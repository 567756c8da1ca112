// ParallelCorpus: the same items (paragraphs, names, UI strings) in many languages, keyed so that
// each language's text can be paired with the pivot's (English) for retrieval and similarity.
#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <map>

namespace twb {

struct ParallelCorpus {
  QString id;                                            // catalog id, e.g. "udhr"
  QString pivot = QStringLiteral("en");                  // the language items align with
  QStringList languages;                                 // codes, sorted; pivot included
  std::map<QString, std::map<QString, QString>> texts;   // language -> item key -> text
  std::map<QString, QPair<double, double>> coordinates;  // language -> (latitude, longitude)
  std::map<QString, QString> names;                      // language -> English name, if known
  std::map<QString, int> duplicatesDropped;              // language -> repeated texts left out

  // (pivot text, language text) for the keys both languages have, in key order.
  QVector<QPair<QString, QString>> aligned(const QString& language) const;
  // The number of texts in language (0 for a language the corpus does not have).
  int size(const QString& language) const;
  // The number of texts over all languages, the pivot included.
  int totalSize() const;
};

// Adds text (trimmed) under language and key; an empty text is not added. Keeps languages sorted.
void addParallelText(ParallelCorpus& corpus, const QString& language, const QString& key,
                     const QString& text);

// Within each language, keeps only the first key (in key order) of each text, so that a text
// retrieves one item; counts what was left out in duplicatesDropped.
void dropRepeatedTexts(ParallelCorpus& corpus);

}  // namespace twb
