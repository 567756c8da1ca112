#include "data/CatalogRecipes.h"

namespace twb {
namespace {

const QString kPatternFolder = QStringLiteral("usr/share/doc/python3-pattern/test/corpora/");
const QString kPersonalUse =
    QStringLiteral("personal use only: fetched on your machine, never redistributed");

PackageSource pattern() { return {PackageSource::Kind::Deb, QStringLiteral("python3-pattern")}; }
PackageSource sentiment() { return {PackageSource::Kind::Npm, QStringLiteral("sentiment@5.0.2")}; }

QHash<QString, QString> polarity() {
  return {{QStringLiteral("1"), QStringLiteral("positive")},
          {QStringLiteral("-1"), QStringLiteral("negative")}};
}

QStringList negativePositive() { return {QStringLiteral("negative"), QStringLiteral("positive")}; }

CatalogRecipe patternEntry(const QString& id, const QString& title, const QString& task,
                           const QString& domain, const QString& language, int examples,
                           const QString& file, const QString& description) {
  CatalogRecipe recipe;
  recipe.entry = {id,       title,        task,      domain,     {language}, negativePositive(),
                  examples, kPersonalUse, QString(), description};
  recipe.conversion.package = pattern();
  recipe.conversion.file = kPatternFolder + file;
  recipe.conversion.labelNames = polarity();
  recipe.entry.origin =
      QStringLiteral("Debian package python3-pattern, file %1").arg(recipe.conversion.file);
  return recipe;
}

// examples, negative, positive: the counts once repeated sentences are dropped.
CatalogRecipe uciEntry(const QString& id, const QString& site, const QString& domain,
                       const QString& file, int examples, int negative, int positive) {
  CatalogRecipe recipe;
  recipe.entry = {id,
                  QStringLiteral("UCI sentiment sentences: %1 reviews").arg(site),
                  QStringLiteral("sentiment"),
                  domain,
                  {QStringLiteral("en")},
                  negativePositive(),
                  examples,
                  QStringLiteral("CC BY 4.0"),
                  QString(),
                  QStringLiteral("UCI Sentiment Labelled Sentences (Kotzias et al., 2015): %1 "
                                 "distinct %2 review sentences of 1,000, %3 positive and %4 "
                                 "negative; a domain-adaptation target (%5).")
                      .arg(examples)
                      .arg(site)
                      .arg(positive)
                      .arg(negative)
                      .arg(domain)};
  recipe.conversion.package = sentiment();
  recipe.conversion.file = QStringLiteral("package/test/fixtures/") + file;
  recipe.conversion.format = ConversionRecipe::Format::TextClassJson;
  recipe.conversion.labelNames = {{QStringLiteral("0"), QStringLiteral("negative")},
                                  {QStringLiteral("1"), QStringLiteral("positive")}};
  recipe.entry.origin = QStringLiteral(
                            "npm package sentiment@5.0.2, file %1; UCI Machine "
                            "Learning Repository, Sentiment Labelled Sentences")
                            .arg(recipe.conversion.file);
  return recipe;
}

// Expected counts are after conversion, which drops repeated texts (the count of 1,000, 1,500,
// ... in a description is the file's); see `twb datasets show ID` for how many were dropped.
QVector<CatalogRecipe> build() {
  QVector<CatalogRecipe> recipes;
  // The package README swaps the two Pang & Lee descriptions; the counts tell them apart.
  recipes << patternEntry(
      QStringLiteral("movies-sentences"), QStringLiteral("Pang & Lee movie-review sentences"),
      QStringLiteral("sentiment"), QStringLiteral("movies"), QStringLiteral("en"), 4000,
      QStringLiteral("polarity-en-pang&lee2.csv"),
      QStringLiteral("4,000 sentences from movie reviews (sentence polarity dataset v1.0), 2,000 "
                     "positive and 2,000 negative: an English intermediate task."));
  recipes << patternEntry(
      QStringLiteral("movies-reviews"), QStringLiteral("Pang & Lee full movie reviews"),
      QStringLiteral("sentiment"), QStringLiteral("movies"), QStringLiteral("en"), 1500,
      QStringLiteral("polarity-en-pang&lee1.csv"),
      QStringLiteral("1,500 full movie reviews (polarity dataset v2.0), 750 positive and 750 "
                     "negative, about 745 words each: the closest to IMDB here."));
  recipes << uciEntry(QStringLiteral("uci-imdb"), QStringLiteral("IMDB movie"),
                      QStringLiteral("movies"), QStringLiteral("imdb.json"), 997, 499, 498);
  recipes << uciEntry(QStringLiteral("uci-yelp"), QStringLiteral("Yelp restaurant"),
                      QStringLiteral("restaurants"), QStringLiteral("yelp.json"), 996, 497, 499);
  recipes << uciEntry(QStringLiteral("uci-amazon"), QStringLiteral("Amazon product"),
                      QStringLiteral("products"), QStringLiteral("amazon.json"), 990, 497, 493);

  CatalogRecipe uncertainty = patternEntry(
      QStringLiteral("uncertainty"), QStringLiteral("CoNLL-2010 Wikipedia uncertainty detection"),
      QStringLiteral("classification"), QStringLiteral("encyclopedia"), QStringLiteral("en"), 2957,
      QStringLiteral("uncertainty-conll2010.csv"),
      QStringLiteral("2,957 distinct Wikipedia sentences of 3,000, 1,462 certain and 1,495 "
                     "uncertain (hedged), from the CoNLL-2010 shared task: a text classification "
                     "task that is not sentiment."));
  uncertainty.entry.labels = QStringList{QStringLiteral("certain"), QStringLiteral("uncertain")};
  uncertainty.conversion.labelNames = {{QStringLiteral("1"), QStringLiteral("certain")},
                                       {QStringLiteral("-1"), QStringLiteral("uncertain")}};
  uncertainty.conversion.unescapeHtml = true;
  recipes << uncertainty;

  CatalogRecipe spam = patternEntry(
      QStringLiteral("spam-apache"), QStringLiteral("Apache SpamAssassin e-mails"),
      QStringLiteral("classification"), QStringLiteral("e-mail"), QStringLiteral("en"), 228,
      QStringLiteral("spam-apache.csv"),
      QStringLiteral("228 distinct e-mails of 250 from the SpamAssassin public corpus, 103 spam "
                     "and 125 ham (mostly technical): small."));
  spam.entry.labels = QStringList{QStringLiteral("ham"), QStringLiteral("spam")};
  spam.conversion.labelNames = {{QStringLiteral("1"), QStringLiteral("ham")},
                                {QStringLiteral("-1"), QStringLiteral("spam")}};
  recipes << spam;

  CatalogRecipe french = patternEntry(
      QStringLiteral("reviews-fr"), QStringLiteral("French Amazon.fr book reviews"),
      QStringLiteral("sentiment"), QStringLiteral("books"), QStringLiteral("fr"), 1284,
      QStringLiteral("polarity-fr-amazon.csv"),
      QStringLiteral("1,284 distinct French book reviews of 1,500 from Amazon.fr, 733 positive "
                     "and 551 negative: a cross-lingual target."));
  french.conversion.textField = 0;  // this file puts the text first
  french.conversion.labelField = 1;
  recipes << french;

  CatalogRecipe dutch = patternEntry(
      QStringLiteral("reviews-nl"), QStringLiteral("Dutch bol.com book reviews"),
      QStringLiteral("sentiment"), QStringLiteral("books"), QStringLiteral("nl"), 2987,
      QStringLiteral("polarity-nl-bol.com.csv"),
      QStringLiteral("2,987 distinct Dutch book reviews of 3,000 from bol.com, 1,500 positive and "
                     "1,487 negative: a cross-lingual target."));
  dutch.conversion.unescapeHtml = true;
  recipes << dutch;

  recipes << patternEntry(
      QStringLiteral("reviews-de"), QStringLiteral("German Amazon.de book reviews"),
      QStringLiteral("sentiment"), QStringLiteral("books"), QStringLiteral("de"), 155,
      QStringLiteral("polarity-de-amazon.csv"),
      QStringLiteral("155 distinct German book reviews of 200 from Amazon.de, 97 positive and 58 "
                     "negative: a tiny cross-lingual target."));
  recipes << parallelRecipes();
  return recipes;
}

}  // namespace

QString PackageSource::describe() const {
  return (kind == Kind::Deb ? QStringLiteral("Debian package ") : QStringLiteral("npm package ")) +
         name;
}

const QVector<CatalogRecipe>& catalogRecipes() {
  static const QVector<CatalogRecipe> recipes = build();
  return recipes;
}

const CatalogRecipe* findRecipe(const QString& id) {
  for (const CatalogRecipe& recipe : catalogRecipes())
    if (recipe.entry.id == id) return &recipe;
  return nullptr;
}

}  // namespace twb
