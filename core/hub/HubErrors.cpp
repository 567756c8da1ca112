#include "hub/HubErrors.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "common/InputError.h"

namespace twb {
namespace {

// The Hub explains itself in X-Error-Message, or in a JSON body {"error": ...}.
QString serverExplanation(const HubReply& reply) {
  const QByteArray header = reply.header("X-Error-Message");
  if (!header.isEmpty()) return QString::fromUtf8(header);
  const QJsonValue error =
      QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error"));
  if (error.isString()) return error.toString();
  return QString::fromUtf8(reply.body.left(200)).simplified();
}

QString tokenAdvice(const HubReply& reply, const HubRequestSubject& subject,
                    const HubSettings& settings) {
  if (reply.tokenSent)
    return QStringLiteral(
               "A token was sent but gives no access: accept the repository's conditions on "
               "%1/%2 while logged in as the token's owner, or use a token with read access.")
        .arg(settings.endpoint, subject.repo);
  return QStringLiteral(
             "No token was sent: accept the repository's conditions on %1/%2, create a read "
             "token on %1/settings/tokens and put it in the HF_TOKEN environment variable or in "
             "the file %3 (`huggingface-cli login` writes it).")
      .arg(settings.endpoint, subject.repo, settings.tokenFile);
}

}  // namespace

void throwHubError(const HubReply& reply, const HubRequestSubject& subject,
                   const HubSettings& settings) {
  const QByteArray code = reply.header("X-Error-Code");
  const QString what =
      subject.file.isEmpty()
          ? QStringLiteral("%1 at revision %2").arg(subject.repo, subject.revision)
          : QStringLiteral("%1 of %2 at %3").arg(subject.file, subject.repo, subject.revision);
  const QString explanation = serverExplanation(reply);
  const QString said =
      explanation.isEmpty() ? QString() : QStringLiteral(" (the Hub says: %1)").arg(explanation);
  if (reply.status == 401 || reply.status == 403 || code == "GatedRepo")
    throw InputError(QStringLiteral("the Hugging Face Hub refused access to %1 (HTTP %2)%3: the "
                                    "repository is gated or private, or does not exist. %4")
                         .arg(what)
                         .arg(reply.status)
                         .arg(said, tokenAdvice(reply, subject, settings)));
  if (reply.status == 404) {
    QString missing;
    if (code == "RevisionNotFound")
      missing = QStringLiteral("revision %1 not found in %2").arg(subject.revision, subject.repo);
    else if (code == "EntryNotFound" || !subject.file.isEmpty())
      missing = QStringLiteral("file %1 not found in %2 at %3")
                    .arg(subject.file, subject.repo, subject.revision);
    else
      missing = QStringLiteral("model repository %1 or its revision %2 not found on %3")
                    .arg(subject.repo, subject.revision, settings.endpoint);
    throw InputError(missing + said);
  }
  const QString hint = reply.status == 429 ? QStringLiteral(": too many requests, try again later")
                       : reply.status >= 500
                           ? QStringLiteral(": the Hub has a problem, try again later")
                           : QString();
  throw RunError(QStringLiteral("the Hugging Face Hub answered HTTP %1 for %2%3%4")
                     .arg(reply.status)
                     .arg(reply.url.toDisplayString(QUrl::RemoveQuery), hint, said)
                     .toStdString());
}

}  // namespace twb
