#include "support/LoopbackHttpServer.h"

#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <stdexcept>

namespace twb::test {

struct LoopbackServerState {
  mutable QMutex mutex;
  QHash<QByteArray, HttpAnswer> answers;
  QHash<QByteArray, QPair<qint64, bool>> breaks;  // path -> (bytes, close)
  QList<HttpRequest> requests;
  QObject* context = nullptr;  // lives in the server thread; owns the server and its sockets
  quint16 port = 0;
};

namespace {

QByteArray reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 307:
      return "Temporary Redirect";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 416:
      return "Range Not Satisfiable";
    default:
      return "Status";
  }
}

// Parses the request line and headers (the part before the blank line).
HttpRequest parseRequest(const QByteArray& head) {
  HttpRequest request;
  const QList<QByteArray> lines = head.split('\n');
  const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
  request.method = first.value(0);
  request.path = first.value(1);
  for (int i = 1; i < lines.size(); ++i) {
    const int colon = lines[i].indexOf(':');
    if (colon > 0)
      request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                             lines[i].mid(colon + 1).trimmed());
  }
  return request;
}

// Applies "Range: bytes=N-" to a 200 answer.
void applyRange(const HttpRequest& request, HttpAnswer& answer) {
  const QByteArray range = request.headers.value("range");
  if (answer.status != 200 || !answer.acceptsRanges || !range.startsWith("bytes=") ||
      !range.endsWith('-'))
    return;
  const qint64 size = answer.body.size();
  const qint64 from = range.mid(6, range.size() - 7).toLongLong();
  if (from >= size) {
    answer.status = 416;
    answer.headers.append({"Content-Range", "bytes */" + QByteArray::number(size)});
    answer.body.clear();
    return;
  }
  answer.status = 206;
  answer.headers.append({"Content-Range", "bytes " + QByteArray::number(from) + "-" +
                                              QByteArray::number(size - 1) + "/" +
                                              QByteArray::number(size)});
  answer.body = answer.body.mid(from);
}

void respond(QTcpSocket* socket, const HttpRequest& request, LoopbackServerState& state) {
  const QByteArray path = request.path.left(
      request.path.indexOf('?') < 0 ? request.path.size() : request.path.indexOf('?'));
  HttpAnswer answer;
  qint64 breakAfter = -1;
  bool closeAtBreak = true;
  {
    QMutexLocker locker(&state.mutex);
    state.requests.append(request);
    if (state.answers.contains(path)) {
      answer = state.answers.value(path);
    } else {
      answer.status = 404;
      answer.body = "{\"error\":\"not found\"}";
    }
    if (request.method == "GET" && state.breaks.contains(path)) {
      const auto cut = state.breaks.take(path);
      breakAfter = cut.first;
      closeAtBreak = cut.second;
    }
  }
  if (!answer.requiredAuthorization.isEmpty() &&
      request.headers.value("authorization") != answer.requiredAuthorization) {
    answer = HttpAnswer{401, {}, "{\"error\":\"Access to this repository is restricted\"}", {}};
    breakAfter = -1;
  }
  applyRange(request, answer);
  QByteArray head =
      "HTTP/1.1 " + QByteArray::number(answer.status) + " " + reason(answer.status) + "\r\n";
  for (const auto& [name, value] : answer.headers) head += name + ": " + value + "\r\n";
  head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
  head += "Connection: close\r\n\r\n";
  socket->write(head);
  if (request.method == "HEAD") {
    socket->disconnectFromHost();
    return;
  }
  if (breakAfter >= 0) {
    socket->write(answer.body.left(breakAfter));
    if (closeAtBreak) socket->disconnectFromHost();  // after the bytes written so far
    return;                                          // else: stall until the client gives up
  }
  socket->write(answer.body);
  socket->disconnectFromHost();
}

}  // namespace

LoopbackHttpServer::LoopbackHttpServer() : state_(std::make_shared<LoopbackServerState>()) {
  thread_.start();
  state_->context = new QObject;
  state_->context->moveToThread(&thread_);
  QObject::connect(&thread_, &QThread::finished, state_->context, &QObject::deleteLater);
  const std::shared_ptr<LoopbackServerState> state = state_;
  QMetaObject::invokeMethod(
      state->context,
      [state] {
        auto* server = new QTcpServer(state->context);
        if (!server->listen(QHostAddress::LocalHost, 0)) return;
        state->port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [server, state] {
          while (QTcpSocket* socket = server->nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer, state] {
              *buffer += socket->readAll();
              const qsizetype end = buffer->indexOf("\r\n\r\n");
              if (end < 0) return;
              const HttpRequest request = parseRequest(buffer->left(end));
              buffer->clear();
              respond(socket, request, *state);
            });
          }
        });
      },
      Qt::BlockingQueuedConnection);
  if (state_->port == 0) throw std::runtime_error("the loopback HTTP server cannot listen");
}

LoopbackHttpServer::~LoopbackHttpServer() {
  thread_.quit();
  thread_.wait();
}

QString LoopbackHttpServer::url() const {
  return QStringLiteral("http://127.0.0.1:%1").arg(state_->port);
}

void LoopbackHttpServer::answer(const QByteArray& path, const HttpAnswer& answer) {
  QMutexLocker locker(&state_->mutex);
  state_->answers.insert(path, answer);
}

void LoopbackHttpServer::breakOnce(const QByteArray& path, qint64 bytes, bool close) {
  QMutexLocker locker(&state_->mutex);
  state_->breaks.insert(path, {bytes, close});
}

QList<HttpRequest> LoopbackHttpServer::requests() const {
  QMutexLocker locker(&state_->mutex);
  return state_->requests;
}

void LoopbackHttpServer::clearRequests() {
  QMutexLocker locker(&state_->mutex);
  state_->requests.clear();
}

}  // namespace twb::test
