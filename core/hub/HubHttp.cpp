#include "hub/HubHttp.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <exception>

#include "common/TaskState.h"

namespace twb {
namespace {

constexpr int kPollMs = 50;                 // how often cancellation is asked for
constexpr int kStallTimeoutMs = 60 * 1000;  // a transfer with no byte for this long fails
constexpr qsizetype kKeptBody = qsizetype{64} * 1024;  // of an error answer, for its message
// A listing of a popular model names thousands of Spaces that use it: hundreds of KiB.
constexpr qsizetype kMaxBody = qsizetype{64} * 1024 * 1024;

int statusOf(const QNetworkReply* reply) {
  return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// A failure below HTTP (refused, reset, timed out) rather than an HTTP error status: an HTTP
// answer is there when the status is not 2xx, and a 2xx with an error broke in its body.
bool isConnectionFailure(const QNetworkReply* reply) {
  const int status = statusOf(reply);
  return reply->error() != QNetworkReply::NoError &&
         (status == 0 || (status >= 200 && status < 300));
}

HubReply describe(const QNetworkReply* reply, bool tokenSent) {
  HubReply answer;
  answer.status = statusOf(reply);
  answer.url = reply->url();
  answer.headers = reply->rawHeaderPairs();
  answer.tokenSent = tokenSent;
  const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
  if (answer.status >= 300 && answer.status < 400 && target.isValid())
    answer.location = reply->url().resolved(target);  // the Location may be relative
  return answer;
}

// The first byte of "Content-Range: bytes 100-999/1000"; -1 when the header is not like that.
qint64 rangeStart(const QByteArray& contentRange) {
  static const QRegularExpression form(QStringLiteral("^bytes\\s+(\\d+)-"));
  const auto match = form.match(QString::fromLatin1(contentRange.trimmed()));
  return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

}  // namespace

QByteArray HubReply::header(const QByteArray& name) const {
  for (const auto& [key, value] : headers)
    if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
  return QByteArray();
}

HubHttp::HubHttp(HubSettings settings, std::function<bool()> cancelled)
    : settings_(std::move(settings)),
      cancelled_(std::move(cancelled)),
      manager_(std::make_unique<QNetworkAccessManager>()) {}

HubHttp::~HubHttp() = default;

void HubHttp::checkCancelled() const {
  if (cancelled_ && cancelled_()) throw Cancelled{};
}

QNetworkRequest HubHttp::makeRequest(const QUrl& url, bool* tokenSent) const {
  QNetworkRequest request(url);
  // Redirects are followed by hand: the Hub's own answer carries the file's metadata, and the
  // token must not travel to another host (the CDN that serves large files).
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::ManualRedirectPolicy);
  request.setTransferTimeout(kStallTimeoutMs);
  request.setHeader(QNetworkRequest::UserAgentHeader,
                    QByteArray("transfer-workbench/" TWB_VERSION));
  // Byte counts and ranges must refer to the file itself, not to a compressed form of it.
  request.setRawHeader("Accept-Encoding", "identity");
  const QUrl endpoint(settings_.endpoint);
  *tokenSent = !settings_.token.isEmpty() && url.scheme() == endpoint.scheme() &&
               url.host().compare(endpoint.host(), Qt::CaseInsensitive) == 0 &&
               url.port(-1) == endpoint.port(-1);
  if (*tokenSent) request.setRawHeader("Authorization", "Bearer " + settings_.token.toUtf8());
  return request;
}

void HubHttp::await(QNetworkReply* reply, std::exception_ptr* raised) const {
  if (reply->isFinished()) return;
  QEventLoop loop;
  bool cancelled = false;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  QTimer poll;
  poll.setInterval(kPollMs);
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    // Nothing may leave a slot through Qt's event loop: an error ends the transfer and is
    // thrown after the loop, in the caller's frame.
    try {
      if (!cancelled && cancelled_ && cancelled_()) {
        cancelled = true;
        reply->abort();  // emits finished, which ends the loop
      }
    } catch (...) {
      if (raised && !*raised) *raised = std::current_exception();
      reply->abort();
    }
  });
  poll.start();
  if (!reply->isFinished()) loop.exec();
  if (raised && *raised) std::rethrow_exception(*raised);
  if (cancelled) throw Cancelled{};
}

HubReply HubHttp::send(const QByteArray& verb, const QUrl& url) {
  checkCancelled();
  bool tokenSent = false;
  const QNetworkRequest request = makeRequest(url, &tokenSent);
  std::unique_ptr<QNetworkReply> reply(verb == "HEAD" ? manager_->head(request)
                                                      : manager_->get(request));
  std::exception_ptr raised;
  await(reply.get(), &raised);
  if (isConnectionFailure(reply.get()))
    throw RunError(
        QStringLiteral("cannot reach %1: %2. Without a network, HF_HUB_OFFLINE=1 uses "
                       "the models already in the cache (%3)")
            .arg(url.toDisplayString(QUrl::RemoveQuery), reply->errorString(), settings_.cacheDir)
            .toStdString());
  HubReply answer = describe(reply.get(), tokenSent);
  answer.body = reply->read(kMaxBody);
  return answer;
}

HubReply HubHttp::head(const QUrl& url) { return send("HEAD", url); }

HubReply HubHttp::get(const QUrl& url) { return send("GET", url); }

HubReply HubHttp::download(const QUrl& start, qint64 offset, QFile& file,
                           const std::function<void(qint64)>& progress) {
  QUrl url = start;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    checkCancelled();
    bool tokenSent = false;
    QNetworkRequest request = makeRequest(url, &tokenSent);
    if (offset > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + "-");
    std::unique_ptr<QNetworkReply> reply(manager_->get(request));

    enum class Sink { Undecided, File, Kept, Restart };
    Sink sink = Sink::Undecided;
    QByteArray kept;
    QString writeError;
    // Called as bytes come; the status is known before the first byte.
    std::exception_ptr raised;  // from the progress callback, inside the event loop
    const auto drainOnce = [&] {
      if (sink == Sink::Undecided) {
        const int status = statusOf(reply.get());
        if (status == 206 && rangeStart(reply->rawHeader("Content-Range")) == offset) {
          sink = Sink::File;
          file.seek(offset);
        } else if (status == 206 || (status == 416 && offset > 0)) {
          sink = Sink::Restart;  // not the range that was asked for: start over
          reply->abort();
          return;
        } else if (status == 200) {
          sink = Sink::File;  // the whole file: what was there before goes
          file.resize(0);
          file.seek(0);
        } else {
          sink = Sink::Kept;
        }
      }
      const QByteArray chunk = reply->readAll();
      if (sink == Sink::Kept && kept.size() < kKeptBody)
        kept += chunk.left(kKeptBody - kept.size());
      if (sink != Sink::File || chunk.isEmpty() || !writeError.isEmpty()) return;
      if (file.write(chunk) != chunk.size()) {
        writeError = file.errorString();
        reply->abort();
        return;
      }
      if (progress) progress(file.pos());
    };
    const auto drain = [&] {
      if (raised) return;
      try {
        drainOnce();
      } catch (...) {
        raised = std::current_exception();
        reply->abort();
      }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, drain);
    try {
      await(reply.get(), &raised);
    } catch (const Cancelled&) {
      file.flush();  // keep what came, for a later resume
      throw;
    }
    drainOnce();
    file.flush();
    if (!writeError.isEmpty())
      throw RunError(
          QStringLiteral("cannot write %1: %2").arg(file.fileName(), writeError).toStdString());
    if (sink == Sink::Restart) {
      file.resize(0);
      offset = 0;
      continue;
    }
    if (isConnectionFailure(reply.get()))
      throw HubTransferBroken(QStringLiteral("the transfer from %1 broke: %2")
                                  .arg(url.toDisplayString(QUrl::RemoveQuery), reply->errorString())
                                  .toStdString());
    HubReply answer = describe(reply.get(), tokenSent);
    if (!answer.location.isEmpty()) {
      url = answer.location;
      continue;
    }
    answer.body = kept;
    return answer;
  }
  throw RunError(QStringLiteral("more than %1 redirects from %2")
                     .arg(kMaxRedirects)
                     .arg(start.toDisplayString(QUrl::RemoveQuery))
                     .toStdString());
}

}  // namespace twb
