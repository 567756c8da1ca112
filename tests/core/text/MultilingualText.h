// MultilingualText: the sentences the tokenizer suites compare against the original tokenizers.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace twb::test {

// English, German with umlauts, French accents, Russian, Greek, Chinese, Japanese, Arabic,
// emoji, digits with commas, odd spacing and LaTeX-style quotes.
inline QStringList multilingualText() {
  return {
      QStringLiteral("The quick brown fox can't jump 32.5 feet, isn't it? They'll see; we'd go."),
      QStringLiteral("Größere Übungen für Äpfel und Öl — schön, daß es klappt!"),
      QStringLiteral("Ça coûte 1,299.99 € à Noël, déjà vu : l'été à Genève."),
      QStringLiteral("Привет, как дела? Всё хорошо."),
      QStringLiteral("Καλημέρα κόσμε, τι κάνεις;"),
      QStringLiteral("我们今天去北京大学学习中文。"),
      QStringLiteral("日本語のテキストとカタカナ、ひらがな。"),
      QStringLiteral("مرحبا بالعالم، كيف حالك؟"),
      QStringLiteral("Emoji 😀👍🏽 and flags 🇩🇪 in text ❤️"),
      QStringLiteral("Numbers 1,000,000 and 3,14 or 2,5 km, 10, 20, 30,"),
      QStringLiteral("  multiple   spaces\tand\ttabs\nand lines  "),
      QStringLiteral("``quoted'' text with ``LaTeX'' quotes"),
      QStringLiteral("UPPER CASE and MiXeD CaSe wörds, naïve café"),
  };
}

// The same sentences, repeated with counters, as a training corpus for small models.
inline QByteArray multilingualCorpus(int repeats) {
  QByteArray out;
  for (int r = 0; r < repeats; ++r)
    for (const QString& line : multilingualText())
      out += QStringLiteral("%1 %2, %3, %4,\n")
                 .arg(line.simplified())
                 .arg(r)
                 .arg(r * 10)
                 .arg(r * 100)
                 .toUtf8();
  return out;
}

}  // namespace twb::test
