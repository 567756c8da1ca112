#include "data/UdhrReader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <cmath>

#include "common/InputError.h"
#include "data/LanguageCodes.h"
#include "data/TextFile.h"
#include "data/VersionChoice.h"

namespace twb {
namespace {

constexpr int kWhereasClauses = 7;
constexpr double kWhereasCorrelation = 0.9;
constexpr int kMinArticleParagraphs = 25;
constexpr double kMinLengthCorrelation = 0.5;

void note(QStringList* notes, const QString& line) {
  if (notes) *notes << line;
}

// Pearson's r; 0 when it is undefined (fewer than three points, or no variance).
double correlation(const QVector<double>& x, const QVector<double>& y) {
  const qsizetype n = x.size();
  if (n < 3 || y.size() != n) return 0;
  double meanX = 0;
  double meanY = 0;
  for (qsizetype i = 0; i < n; ++i) {
    meanX += x[i] / static_cast<double>(n);
    meanY += y[i] / static_cast<double>(n);
  }
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (qsizetype i = 0; i < n; ++i) {
    sxy += (x[i] - meanX) * (y[i] - meanY);
    sxx += (x[i] - meanX) * (x[i] - meanX);
    syy += (y[i] - meanY) * (y[i] - meanY);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

struct Candidate {
  UdhrDocument document;
  UdhrAlignment alignment;
  int year = 0;  // deu_1996 -> 1996
};

// Where two scripts tie, the one the language's CLDR locale and GTK translation use (Latin for
// Azerbaijani, Bosnian, Malay and Uzbek), so the corpora agree on what "az", "bs", "ms" and
// "uz" are.
bool preferredScript(const QString& code) {
  return code == QLatin1String("azj_latn") || code == QLatin1String("bos_latn") ||
         code == QLatin1String("mly_latn") || code == QLatin1String("uzn_latn");
}

bool better(const Candidate& a, const Candidate& b) {
  const UdhrAlignment& x = a.alignment;
  const UdhrAlignment& y = b.alignment;
  if (x.articleParagraphs != y.articleParagraphs) return x.articleParagraphs > y.articleParagraphs;
  if (a.year != b.year) return a.year > b.year;
  const QString& p = a.document.code;
  const QString& q = b.document.code;
  if (preferredScript(p) != preferredScript(q)) return preferredScript(p);
  const bool aPlain = p == a.document.iso6393;
  const bool bPlain = q == b.document.iso6393;
  if (aPlain != bPlain) return aPlain;
  if (x.items.size() != y.items.size()) return x.items.size() > y.items.size();
  if (p.size() != q.size()) return p.size() < q.size();
  return p < q;
}

int yearOf(const QString& code) {
  static const QRegularExpression year(QStringLiteral("_(\\d{4})$"));
  return year.match(code).captured(1).toInt();
}

QString describe(const Candidate& candidate) {
  return QStringLiteral("%1 paragraphs").arg(candidate.alignment.items.size());
}

}  // namespace

bool UdhrAlignment::usable() const {
  return articleParagraphs >= kMinArticleParagraphs && lengthCorrelation >= kMinLengthCorrelation;
}

QString udhrKey(int article, int paragraph) {
  return QStringLiteral("%1.%2")
      .arg(article, 2, 10, QLatin1Char('0'))
      .arg(paragraph, 2, 10, QLatin1Char('0'));
}

UdhrAlignment alignUdhr(const UdhrDocument& english, const UdhrDocument& version) {
  UdhrAlignment result;
  QVector<double> englishLengths;
  QVector<double> versionLengths;
  for (const auto& [number, paragraphs] : english.articles) {
    const auto found = version.articles.find(number);
    if (found == version.articles.end() || found->second.size() != paragraphs.size()) continue;
    for (qsizetype i = 0; i < paragraphs.size(); ++i) {
      result.items[udhrKey(number, static_cast<int>(i + 1))] = found->second[i];
      englishLengths << static_cast<double>(paragraphs[i].size());
      versionLengths << static_cast<double>(found->second[i].size());
    }
  }
  result.articleParagraphs = static_cast<int>(englishLengths.size());
  result.lengthCorrelation = correlation(englishLengths, versionLengths);

  if (english.preamble.size() >= kWhereasClauses && version.preamble.size() >= kWhereasClauses) {
    QVector<double> englishClauses;
    QVector<double> versionClauses;
    for (int i = 0; i < kWhereasClauses; ++i) {
      englishClauses << static_cast<double>(english.preamble[i].size());
      versionClauses << static_cast<double>(version.preamble[i].size());
    }
    result.whereasClauses = correlation(englishClauses, versionClauses) >= kWhereasCorrelation;
    if (result.whereasClauses)
      for (int i = 0; i < kWhereasClauses; ++i)
        result.items[udhrKey(0, i + 1)] = version.preamble[i];
  }
  return result;
}

ParallelCorpus readUdhr(const QString& packageRoot, QStringList* notes) {
  const QDir folder(QDir(packageRoot).filePath(QStringLiteral("declaration")));
  const QString englishPath = folder.filePath(QStringLiteral("eng.html"));
  if (!QFileInfo::exists(englishPath))
    throw RunError(
        QStringLiteral("%1: not found (has the package changed?)").arg(englishPath).toStdString());
  QHash<QString, UdhrInfo> index;
  const QString indexPath = QDir(packageRoot).filePath(QStringLiteral("index.js"));
  if (QFileInfo::exists(indexPath))
    index = parseUdhrIndex(readUtf8File(indexPath));
  else
    note(notes, QStringLiteral("index.js not found: no names or coordinates"));
  const UdhrDocument english = parseUdhrHtml(readUtf8File(englishPath), QStringLiteral("eng"));
  const int englishParagraphs = alignUdhr(english, english).articleParagraphs;

  std::map<QString, Candidate> chosen;  // language -> its version
  const QStringList files = folder.entryList({QStringLiteral("*.html")}, QDir::Files, QDir::Name);
  for (const QString& file : files) {
    Candidate candidate;
    const QString fileCode = QFileInfo(file).completeBaseName();
    try {
      candidate.document = parseUdhrHtml(readUtf8File(folder.filePath(file)), fileCode);
    } catch (const InputError& error) {
      note(notes, QStringLiteral("%1: left out: %2").arg(fileCode, error.message()));
      continue;
    }
    UdhrDocument& document = candidate.document;
    if (document.iso6393.isEmpty()) document.iso6393 = index.value(document.code).iso6393;
    const QString code = languageCode(document.iso6393);
    if (code.isEmpty()) {
      note(notes, QStringLiteral("%1: no language code (%2)")
                      .arg(document.code,
                           document.iso6393.isEmpty() ? QStringLiteral("none") : document.iso6393));
      continue;
    }
    if (code == QLatin1String("en") && document.code != english.code) {
      note(notes, QStringLiteral("%1: another English version").arg(document.code));
      continue;
    }
    candidate.alignment = alignUdhr(english, document);
    candidate.year = yearOf(document.code);
    if (!candidate.alignment.usable()) {
      note(notes, QStringLiteral("%1: does not align with English (%2 of %3 article paragraphs, "
                                 "length correlation %4)")
                      .arg(document.code)
                      .arg(candidate.alignment.articleParagraphs)
                      .arg(englishParagraphs)
                      .arg(candidate.alignment.lengthCorrelation, 0, 'f', 2));
      continue;
    }
    keepBestVersion(
        chosen, code, std::move(candidate), better,
        [](const Candidate& v) { return v.document.code; },
        [](const Candidate& v) { return describe(v); }, notes);
  }

  ParallelCorpus corpus;
  for (const auto& [code, candidate] : chosen) {
    for (const auto& [key, text] : candidate.alignment.items)
      addParallelText(corpus, code, key, text);
    const UdhrInfo info = index.value(candidate.document.code);
    const QString name = languageName(code);
    if (!name.isEmpty() || !info.name.isEmpty())
      corpus.names[code] = name.isEmpty() ? info.name : name;
    if (info.coordinates) corpus.coordinates[code] = *info.coordinates;
  }
  return corpus;
}

}  // namespace twb
