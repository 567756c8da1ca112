// The torch-free half of safetensors: dtype sizes, header parsing and validation, header encoding.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <algorithm>
#include <limits>

#include "common/InputError.h"
#include "models/Safetensors.h"

namespace twb {
namespace {

constexpr std::int64_t kMaxHeaderBytes = 100 * 1024 * 1024;  // the reference reader's limit
const QString kMetadataKey = QStringLiteral("__metadata__");

[[noreturn]] void fail(const QString& path, const QString& what) {
  throw InputError(path, 0, 0, QStringLiteral("malformed safetensors file: %1").arg(what));
}

// A JSON number that is a non-negative integer, or -1.
std::int64_t nonNegativeInteger(const QJsonValue& value) {
  if (!value.isDouble()) return -1;
  const double d = value.toDouble();
  if (d < 0 || d > 9007199254740992.0 || d != static_cast<double>(value.toInteger())) return -1;
  return value.toInteger();
}

SafetensorsEntry parseEntry(const QString& path, const QString& name, const QJsonValue& value,
                            std::int64_t dataSize) {
  const QString where = QStringLiteral("tensor \"%1\"").arg(name);
  if (!value.isObject()) fail(path, where + QStringLiteral(" is not a JSON object"));
  const QJsonObject object = value.toObject();

  SafetensorsEntry entry;
  entry.name = name.toStdString();
  entry.dtype = object.value(QStringLiteral("dtype")).toString();
  const int elementSize = safetensorsDtypeSize(entry.dtype);
  if (elementSize == 0) {
    fail(path, where + QStringLiteral(" has unknown dtype \"%1\"").arg(entry.dtype));
  }

  const QJsonValue shape = object.value(QStringLiteral("shape"));
  if (!shape.isArray()) fail(path, where + QStringLiteral(" has no shape array"));
  std::int64_t elements = 1;
  for (const QJsonValue& dim : shape.toArray()) {
    const std::int64_t size = nonNegativeInteger(dim);
    if (size < 0)
      fail(path, where + QStringLiteral(" has a shape that is not non-negative integers"));
    entry.shape.push_back(size);
    // Saturate instead of overflowing: any product above the data size is rejected below.
    elements = (size != 0 && elements > dataSize / size) ? dataSize + 1 : elements * size;
  }

  const QJsonArray offsets = object.value(QStringLiteral("data_offsets")).toArray();
  entry.begin = offsets.size() == 2 ? nonNegativeInteger(offsets[0]) : -1;
  entry.end = offsets.size() == 2 ? nonNegativeInteger(offsets[1]) : -1;
  if (entry.begin < 0 || entry.end < 0 || entry.begin > entry.end) {
    fail(path, where + QStringLiteral(" has data_offsets that are not [begin, end]"));
  }
  if (entry.end > dataSize) {
    fail(path, where + QStringLiteral(" has data_offsets [%1, %2] out of range: the file holds "
                                      "%3 bytes of data (truncated?)")
                           .arg(entry.begin)
                           .arg(entry.end)
                           .arg(dataSize));
  }
  if (elements > dataSize || entry.end - entry.begin != elements * elementSize) {
    fail(path, where + QStringLiteral(" has %1 bytes of data, which does not fit its shape and "
                                      "dtype %2")
                           .arg(entry.end - entry.begin)
                           .arg(entry.dtype));
  }
  return entry;
}

SafetensorsMetadata parseMetadata(const QString& path, const QJsonValue& value) {
  if (!value.isObject()) fail(path, QStringLiteral("__metadata__ is not a JSON object"));
  SafetensorsMetadata metadata;
  const QJsonObject object = value.toObject();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!it.value().isString()) {
      fail(path, QStringLiteral("__metadata__ value \"%1\" is not a string").arg(it.key()));
    }
    metadata.insert(it.key(), it.value().toString());
  }
  return metadata;
}

}  // namespace

int safetensorsDtypeSize(const QString& dtype) {
  static const QMap<QString, int> sizes{{QStringLiteral("F64"), 8}, {QStringLiteral("F32"), 4},
                                        {QStringLiteral("F16"), 2}, {QStringLiteral("BF16"), 2},
                                        {QStringLiteral("I64"), 8}, {QStringLiteral("I32"), 4},
                                        {QStringLiteral("I16"), 2}, {QStringLiteral("I8"), 1},
                                        {QStringLiteral("U8"), 1},  {QStringLiteral("BOOL"), 1}};
  return sizes.value(dtype, 0);
}

SafetensorsHeader readSafetensorsHeader(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw InputError(path, 0, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
  }
  const std::int64_t fileSize = file.size();
  const QByteArray lengthBytes = file.read(8);
  if (lengthBytes.size() != 8) {
    fail(path,
         QStringLiteral("%1 bytes long, shorter than the 8-byte header length").arg(fileSize));
  }
  const quint64 headerLength = qFromLittleEndian<quint64>(lengthBytes.constData());
  if (headerLength < 2 || headerLength > static_cast<quint64>(kMaxHeaderBytes) ||
      static_cast<std::int64_t>(headerLength) > fileSize - 8) {
    fail(path, QStringLiteral("bad header length %1 for a file of %2 bytes")
                   .arg(headerLength)
                   .arg(fileSize));
  }

  SafetensorsHeader header;
  header.dataStart = 8 + static_cast<std::int64_t>(headerLength);
  header.dataSize = fileSize - header.dataStart;

  QJsonParseError error{};
  const QJsonDocument document =
      QJsonDocument::fromJson(file.read(static_cast<qint64>(headerLength)), &error);
  if (error.error != QJsonParseError::NoError) {
    fail(path, QStringLiteral("header is not valid JSON (%1 at byte %2)")
                   .arg(error.errorString())
                   .arg(8 + error.offset));
  }
  if (!document.isObject()) fail(path, QStringLiteral("header is not a JSON object"));

  const QJsonObject object = document.object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key() == kMetadataKey) {
      header.metadata = parseMetadata(path, it.value());
    } else {
      header.entries.push_back(parseEntry(path, it.key(), it.value(), header.dataSize));
    }
  }

  std::sort(header.entries.begin(), header.entries.end(),
            [](const SafetensorsEntry& a, const SafetensorsEntry& b) {
              return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
            });
  for (std::size_t i = 1; i < header.entries.size(); ++i) {
    if (header.entries[i].begin < header.entries[i - 1].end) {
      fail(path, QStringLiteral("the data of tensors \"%1\" and \"%2\" overlap")
                     .arg(QString::fromStdString(header.entries[i - 1].name),
                          QString::fromStdString(header.entries[i].name)));
    }
  }
  return header;
}

QByteArray encodeSafetensorsHeader(const std::vector<SafetensorsEntry>& entries,
                                   const SafetensorsMetadata& metadata) {
  QJsonObject object;
  for (const SafetensorsEntry& entry : entries) {
    QJsonArray shape;
    for (std::int64_t size : entry.shape) shape.append(static_cast<qint64>(size));
    object.insert(
        QString::fromStdString(entry.name),
        QJsonObject{{QStringLiteral("dtype"), entry.dtype},
                    {QStringLiteral("shape"), shape},
                    {QStringLiteral("data_offsets"), QJsonArray{static_cast<qint64>(entry.begin),
                                                                static_cast<qint64>(entry.end)}}});
  }
  if (!metadata.isEmpty()) {
    QJsonObject meta;
    for (auto it = metadata.begin(); it != metadata.end(); ++it) meta.insert(it.key(), it.value());
    object.insert(kMetadataKey, meta);
  }
  QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
  while (bytes.size() % 8 != 0) bytes.append(' ');
  return bytes;
}

}  // namespace twb
