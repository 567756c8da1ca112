// HubHttp: blocking HTTP requests to the Hugging Face Hub over Qt Network. Each call runs a local
// event loop, so any thread can use it, one with no event loop of its own included.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>
#include <exception>
#include <functional>
#include <memory>

#include "common/InputError.h"
#include "hub/HubSettings.h"

class QFile;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace twb {

// Redirects followed before a request gives up (the Hub's resolve URLs redirect once or twice).
constexpr int kMaxRedirects = 10;

// What an HTTP server answered.
struct HubReply {
  int status = 0;  // HTTP status code
  QUrl url;        // the URL that gave this answer
  QUrl location;   // a redirect's target, resolved against url
  QList<QPair<QByteArray, QByteArray>> headers;
  QByteArray body;         // head(), get(): up to 64 MiB; download(): an error page's first 64 KiB
  bool tokenSent = false;  // whether an Authorization header went along

  QByteArray header(const QByteArray& name) const;  // case-insensitive; empty when absent
};

// The connection broke while a body was coming (or could not be made): worth resuming.
class HubTransferBroken : public RunError {
 public:
  using RunError::RunError;
};

class HubHttp {
 public:
  // cancelled is polled while requests run; when it answers true the request is aborted and
  // twb::Cancelled (common/TaskState.h) is thrown.
  HubHttp(HubSettings settings, std::function<bool()> cancelled);
  ~HubHttp();
  HubHttp(const HubHttp&) = delete;
  HubHttp& operator=(const HubHttp&) = delete;

  // One request; redirects are returned, not followed. Throws RunError when no answer came.
  HubReply head(const QUrl& url);
  HubReply get(const QUrl& url);

  // GETs url, following redirects, and writes the body into file: appended at offset after a
  // 206 answer to "Range: bytes={offset}-", from the start after a 200. progress gets the file's
  // size as it grows. Answers other than 200 and 206 are returned with the file untouched. Throws
  // HubTransferBroken when the connection fails, RunError when the file cannot be written.
  HubReply download(const QUrl& url, qint64 offset, QFile& file,
                    const std::function<void(qint64)>& progress);

  // Throws twb::Cancelled when the cancel callback says so.
  void checkCancelled() const;

 private:
  QNetworkRequest makeRequest(const QUrl& url, bool* tokenSent) const;
  HubReply send(const QByteArray& verb, const QUrl& url);
  // Runs an event loop until reply finishes; an exception raised inside the loop's slots is
  // kept in *raised (never thrown through Qt) and rethrown here.
  void await(QNetworkReply* reply, std::exception_ptr* raised) const;

  HubSettings settings_;
  std::function<bool()> cancelled_;
  std::unique_ptr<QNetworkAccessManager> manager_;
};

}  // namespace twb
