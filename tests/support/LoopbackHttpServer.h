// LoopbackHttpServer: a small HTTP/1.1 server on 127.0.0.1, in a thread of its own, for tests of
// network clients: fixed answers per path, byte ranges, a token check and broken transfers.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QThread>
#include <memory>

namespace twb::test {

struct HttpAnswer {
  int status = 200;
  QList<QPair<QByteArray, QByteArray>> headers;  // Content-Length is added
  QByteArray body;
  // When set, a request whose Authorization header differs gets 401.
  QByteArray requiredAuthorization;
  bool acceptsRanges = true;  // false: a Range header is ignored (the whole body, 200)
};

struct HttpRequest {
  QByteArray method;
  QByteArray path;                        // as sent, query included
  QHash<QByteArray, QByteArray> headers;  // lower-case names
};

struct LoopbackServerState;

class LoopbackHttpServer {
 public:
  LoopbackHttpServer();  // listens on a free port
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  QString url() const;  // "http://127.0.0.1:PORT"

  // What GET and HEAD of path (without query) answer; other paths get 404. A 200 answer honours
  // "Range: bytes=N-" with 206 (or 416 past the end) unless it does not accept ranges.
  void answer(const QByteArray& path, const HttpAnswer& answer);

  // The next GET of path sends its headers and `bytes` bytes of body, then closes the
  // connection (close = true) or stalls with it open.
  void breakOnce(const QByteArray& path, qint64 bytes, bool close);

  QList<HttpRequest> requests() const;  // in order of arrival
  void clearRequests();

 private:
  std::shared_ptr<LoopbackServerState> state_;  // shared with the server thread
  QThread thread_;
};

}  // namespace twb::test
