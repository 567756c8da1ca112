// ModelCatalog: the five pretrained encoders of the study, and model.from's forms.
#include "config/ModelCatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace twb {

const QList<CatalogModel>& modelCatalog() {
  static const QList<CatalogModel> models{
      {QStringLiteral("bert-base-uncased"), QStringLiteral("google-bert/bert-base-uncased"),
       QStringLiteral("bert"), QStringLiteral("English"), 110'000'000, 440'000'000,
       QStringLiteral("Apache-2.0"),
       QStringLiteral("BERT base, lower-cased WordPiece (30,522 tokens); 12 layers, d768")},
      {QStringLiteral("bert-base-multilingual-cased"),
       QStringLiteral("google-bert/bert-base-multilingual-cased"), QStringLiteral("bert"),
       QStringLiteral("104 languages"), 178'000'000, 714'000'000, QStringLiteral("Apache-2.0"),
       QStringLiteral("mBERT: cased WordPiece over 104 Wikipedias (119,547 tokens)")},
      {QStringLiteral("roberta-base"), QStringLiteral("FacebookAI/roberta-base"),
       QStringLiteral("roberta"), QStringLiteral("English"), 125'000'000, 499'000'000,
       QStringLiteral("MIT"), QStringLiteral("RoBERTa base, byte-level BPE (50,265 tokens)")},
      {QStringLiteral("xlm-roberta-base"), QStringLiteral("FacebookAI/xlm-roberta-base"),
       QStringLiteral("xlm-roberta"), QStringLiteral("100 languages"), 278'000'000, 1'120'000'000,
       QStringLiteral("MIT"),
       QStringLiteral("XLM-R base: RoBERTa on CommonCrawl in 100 languages, sentencepiece "
                      "(250,002 tokens)")},
      {QStringLiteral("xlnet-base-cased"), QStringLiteral("xlnet/xlnet-base-cased"),
       QStringLiteral("xlnet"), QStringLiteral("English"), 117'000'000, 467'000'000,
       QStringLiteral("MIT"),
       QStringLiteral("XLNet base: permutation LM with relative attention, sentencepiece")},
  };
  return models;
}

std::optional<CatalogModel> findCatalogModel(const QString& id) {
  for (const CatalogModel& model : modelCatalog())
    if (model.id == id || model.repo == id) return model;
  return std::nullopt;
}

ModelSource parseModelSource(const QString& from, const QString& baseDir, QString* error) {
  ModelSource source;
  const QString text = from.trimmed();
  if (text.isEmpty() || text == QLatin1String("scratch")) return source;
  if (const auto model = findCatalogModel(text)) {
    source.kind = ModelSource::Hub;
    source.repo = model->repo;
    source.revision = QStringLiteral("main");
    return source;
  }
  if (text.startsWith(QLatin1String("hf:"))) {
    static const QRegularExpression repo(
        QStringLiteral("^([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*(@[^@\\s]+)?$"));
    const QString rest = text.mid(3);
    if (!repo.match(rest).hasMatch()) {
      *error = QStringLiteral("'%1' is not a Hub model: write hf:ORG/NAME or hf:ORG/NAME@REVISION")
                   .arg(text);
      return source;
    }
    source.kind = ModelSource::Hub;
    source.repo = rest.section(QLatin1Char('@'), 0, 0);
    source.revision = rest.contains(QLatin1Char('@')) ? rest.section(QLatin1Char('@'), 1)
                                                      : QStringLiteral("main");
    return source;
  }
  const QString folder = QDir(baseDir).absoluteFilePath(QDir::fromNativeSeparators(text));
  if (!QFileInfo::exists(folder + QStringLiteral("/config.json"))) {
    QStringList ids;
    for (const CatalogModel& model : modelCatalog()) ids << model.id;
    *error = QStringLiteral(
                 "'%1' is neither scratch, a catalog model (%2), hf:ORG/NAME, nor a "
                 "checkpoint folder with a config.json (looked in %3)")
                 .arg(text, ids.join(QStringLiteral(", ")), folder);
    return source;
  }
  source.kind = ModelSource::Folder;
  source.folder = QDir::cleanPath(folder);
  return source;
}

}  // namespace twb
