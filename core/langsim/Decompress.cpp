#include "langsim/Decompress.h"

#include <lzma.h>
#include <zlib.h>

#include <algorithm>

#include "common/InputError.h"

namespace twb {
namespace {

constexpr qsizetype kChunk = qsizetype(1) << 16;

[[noreturn]] void fail(const QString& what, const QString& message) {
  throw InputError(what, 0, 0, message);
}

// Grows out by one chunk and returns the free tail's start.
unsigned char* grow(QByteArray& out, qsizetype used, qint64 maxBytes, const QString& what) {
  if (used > maxBytes)
    fail(what, QStringLiteral("uncompressed data exceed %1 bytes").arg(maxBytes));
  out.resize(used + kChunk);
  return reinterpret_cast<unsigned char*>(out.data()) + used;
}

QByteArray gunzip(const QByteArray& data, const QString& what, qint64 maxBytes) {
  z_stream stream{};
  // 15 + 32: the largest window, with the gzip or zlib header detected automatically.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) fail(what, QStringLiteral("zlib would not start"));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
  stream.avail_in = static_cast<uInt>(data.size());
  QByteArray out;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = grow(out, static_cast<qsizetype>(stream.total_out), maxBytes, what);
    stream.avail_out = static_cast<uInt>(kChunk);
    status = inflate(&stream, Z_NO_FLUSH);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) status = Z_DATA_ERROR;  // truncated
    if (status != Z_OK && status != Z_STREAM_END) {
      const QString reason = stream.msg ? QString::fromLatin1(stream.msg) : QStringLiteral("?");
      inflateEnd(&stream);
      fail(what, QStringLiteral("corrupt gzip data (%1)").arg(reason));
    }
  }
  inflateEnd(&stream);
  if (qint64(stream.total_out) > maxBytes)
    fail(what, QStringLiteral("uncompressed data exceed %1 bytes").arg(maxBytes));
  out.resize(static_cast<qsizetype>(stream.total_out));
  return out;
}

QByteArray unxz(const QByteArray& data, const QString& what, qint64 maxBytes) {
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
    fail(what, QStringLiteral("liblzma would not start"));
  stream.next_in = reinterpret_cast<const uint8_t*>(data.constData());
  stream.avail_in = static_cast<size_t>(data.size());
  QByteArray out;
  lzma_ret status = LZMA_OK;
  while (status != LZMA_STREAM_END) {
    stream.next_out = grow(out, static_cast<qsizetype>(stream.total_out), maxBytes, what);
    stream.avail_out = static_cast<size_t>(kChunk);
    status = lzma_code(&stream, stream.avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
    if (status != LZMA_OK && status != LZMA_STREAM_END) {
      lzma_end(&stream);
      fail(what, QStringLiteral("corrupt xz data (liblzma error %1)").arg(int(status)));
    }
  }
  lzma_end(&stream);
  if (qint64(stream.total_out) > maxBytes)
    fail(what, QStringLiteral("uncompressed data exceed %1 bytes").arg(maxBytes));
  out.resize(static_cast<qsizetype>(stream.total_out));
  return out;
}

}  // namespace

Compression detectCompression(const QByteArray& data) {
  if (data.startsWith("\x1f\x8b")) return Compression::Gzip;
  if (data.startsWith("BZh")) return Compression::Bzip2;
  if (data.startsWith(QByteArray("\xfd"
                                 "7zXZ\0",
                                 6)))
    return Compression::Xz;
  return Compression::None;
}

QByteArray decompress(const QByteArray& data, const QString& what, qint64 maxBytes) {
  switch (detectCompression(data)) {
    case Compression::Gzip:
      return gunzip(data, what, maxBytes);
    case Compression::Xz:
      return unxz(data, what, maxBytes);
    case Compression::Bzip2:
      fail(what, QStringLiteral("bzip2-compressed data are not supported; save with "
                                "compress = \"xz\" or \"gzip\""));
    case Compression::None:
      break;
  }
  return data;
}

}  // namespace twb
