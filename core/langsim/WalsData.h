// WalsData: the WALS languages and feature values read from an R data set (qlcMatrix's wals.rda:
// a list of two data frames, `data` with one factor per feature and `meta` with name, genus,
// family, latitude and longitude, both with WALS codes as row names).
#pragma once

#include <QMap>
#include <QString>
#include <QVector>

#include "langsim/RdaReader.h"

namespace twb {

struct WalsLanguage {
  QString code;  // WALS code: "eng", "ger", "mnd"
  QString name;  // "English"
  QString genus;
  QString family;
  QString iso3;  // from an ISO column when the data have one; else empty
  double latitude;
  double longitude;
  QMap<QString, QString> features;  // feature id ("81A") -> value label ("2 SVO"); no NAs
};

struct WalsData {
  QVector<WalsLanguage> languages;
  QMap<QString, QString> featureNames;  // "81A" -> "Order of Subject Object and Verb"
};

// Finds the feature frame (columns named like "X81A.Order.of...") and the metadata frame
// among the objects, directly or inside a list. Throws InputError when either is missing.
WalsData walsFromR(const RNamedObjects& objects, const QString& what);

// readRdaFile + walsFromR.
WalsData readWalsRda(const QString& path);

// "X81A.Order.of.Subject..Object.and.Verb" -> {"81A", "Order of Subject Object and Verb"};
// an empty id when the name is not a feature column.
std::pair<QString, QString> walsFeatureColumn(const QString& columnName);

}  // namespace twb
