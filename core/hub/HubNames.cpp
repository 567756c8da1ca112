#include "hub/HubNames.h"

#include <QRegularExpression>
#include <QStringList>

#include "common/InputError.h"

namespace twb {
namespace {

bool isNamePart(const QString& part) {
  static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._-]+$"));
  return allowed.match(part).hasMatch() && !part.contains(QLatin1String("--")) &&
         !part.contains(QLatin1String("..")) && !part.startsWith(QLatin1Char('-')) &&
         !part.startsWith(QLatin1Char('.')) && !part.endsWith(QLatin1Char('-')) &&
         !part.endsWith(QLatin1Char('.'));
}

}  // namespace

void checkRepoId(const QString& repo) {
  const QStringList parts = repo.split(QLatin1Char('/'));
  bool ok = repo.size() <= 96 && parts.size() <= 2;
  for (const QString& part : parts) ok = ok && isNamePart(part);
  if (!ok)
    throw InputError(QStringLiteral("'%1' is not a Hugging Face model id: expected org/name or "
                                    "name, made of letters, digits, '.', '_' and '-'")
                         .arg(repo));
}

void checkRevision(const QString& revision) {
  static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._/-]+$"));
  bool ok = revision.size() <= 256 && allowed.match(revision).hasMatch();
  for (const QString& part : revision.split(QLatin1Char('/')))
    ok = ok && !part.isEmpty() && part != QLatin1String(".") && part != QLatin1String("..");
  if (!ok)
    throw InputError(QStringLiteral("'%1' is not a revision: expected a branch, a tag or a commit "
                                    "hash such as main, v1.0 or refs/pr/1")
                         .arg(revision));
}

bool isCommitHash(const QString& text) {
  static const QRegularExpression hash(QStringLiteral("^[0-9a-f]{40}$"));
  return hash.match(text).hasMatch();
}

bool isSafeRelativePath(const QString& path) {
  if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
    return false;
  for (const QChar c : path)
    if (c.category() == QChar::Other_Control) return false;
  for (const QString& part : path.split(QLatin1Char('/')))
    if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")) return false;
  return true;
}

QUrl hubUrl(const QString& endpoint, const QStringList& segments) {
  const QUrl base(endpoint, QUrl::StrictMode);
  if (!base.isValid() || base.host().isEmpty() ||
      (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http")))
    throw InputError(
        QStringLiteral("the Hub endpoint '%1' (HF_ENDPOINT) is not an http(s) URL").arg(endpoint));
  QByteArray encoded = endpoint.toUtf8();
  for (const QString& segment : segments) encoded += '/' + QUrl::toPercentEncoding(segment);
  return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

QString repoFolderName(const QString& repo) {
  return QStringLiteral("models--") + QString(repo).replace(QLatin1Char('/'), QLatin1String("--"));
}

}  // namespace twb
