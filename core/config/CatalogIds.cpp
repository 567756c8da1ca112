#include "config/CatalogIds.h"

namespace twb {

QStringList catalogDatasetIds() {
  return {QStringLiteral("movies-sentences"),
          QStringLiteral("movies-reviews"),
          QStringLiteral("uci-imdb"),
          QStringLiteral("uci-yelp"),
          QStringLiteral("uci-amazon"),
          QStringLiteral("uncertainty"),
          QStringLiteral("spam-apache"),
          QStringLiteral("reviews-fr"),
          QStringLiteral("reviews-nl"),
          QStringLiteral("reviews-de"),
          QStringLiteral("udhr"),
          QStringLiteral("cldr-names"),
          QStringLiteral("gtk-strings")};
}

}  // namespace twb
