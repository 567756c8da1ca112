// The torch half of safetensors: tensors to and from the bytes laid out by SafetensorsHeader.cpp.
#include "models/Safetensors.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>
#include <algorithm>

#include "common/InputError.h"
#include "common/TorchApi.h"

namespace twb {
namespace {

// The metadata key of the data's SHA-256 (hex), written by saveSafetensors.
constexpr char kDataDigestKey[] = "twb_data_sha256";

static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "safetensors data is little-endian");

struct DtypeName {
  torch::ScalarType type;
  const char* name;
};

constexpr DtypeName kDtypes[] = {{torch::kFloat64, "F64"}, {torch::kFloat32, "F32"},
                                 {torch::kFloat16, "F16"}, {torch::kBFloat16, "BF16"},
                                 {torch::kInt64, "I64"},   {torch::kInt32, "I32"},
                                 {torch::kInt16, "I16"},   {torch::kInt8, "I8"},
                                 {torch::kUInt8, "U8"},    {torch::kBool, "BOOL"}};

QString dtypeName(torch::ScalarType type) {
  for (const DtypeName& d : kDtypes) {
    if (d.type == type) return QLatin1String(d.name);
  }
  return QString();
}

torch::ScalarType scalarType(const QString& name) {
  for (const DtypeName& d : kDtypes) {
    if (name == QLatin1String(d.name)) return d.type;
  }
  return torch::ScalarType::Undefined;  // not reached: the header reader checked the name
}

}  // namespace

void saveSafetensors(const QString& path, const StateDict& tensors,
                     const SafetensorsMetadata& metadata) {
  std::vector<torch::Tensor> data;
  std::vector<SafetensorsEntry> entries;
  std::int64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    const QString qname = QString::fromStdString(name);
    if (!tensor.defined()) {
      throw InputError(path, 0, 0, QStringLiteral("tensor \"%1\" is undefined").arg(qname));
    }
    SafetensorsEntry entry;
    entry.name = name;
    entry.dtype = dtypeName(tensor.scalar_type());
    if (entry.dtype.isEmpty()) {
      throw InputError(
          path, 0, 0,
          QStringLiteral("tensor \"%1\" has dtype %2, which safetensors cannot hold")
              .arg(qname, QString::fromStdString(c10::toString(tensor.scalar_type()))));
    }
    torch::Tensor cpu = tensor.detach().to(torch::kCPU).contiguous();
    entry.shape = cpu.sizes().vec();
    entry.begin = offset;
    entry.end = offset + static_cast<std::int64_t>(cpu.nbytes());
    offset = entry.end;
    entries.push_back(std::move(entry));
    data.push_back(std::move(cpu));
  }

  // The data's SHA-256 in the header: a file damaged after it was written is found on load.
  QCryptographicHash digest(QCryptographicHash::Sha256);
  for (const torch::Tensor& tensor : data)
    digest.addData(QByteArrayView(static_cast<const char*>(tensor.data_ptr()),
                                  static_cast<qsizetype>(tensor.nbytes())));
  SafetensorsMetadata described = metadata;
  described.insert(QString::fromLatin1(kDataDigestKey),
                   QString::fromLatin1(digest.result().toHex()));
  const QByteArray header = encodeSafetensorsHeader(entries, described);
  char length[8];
  qToLittleEndian<quint64>(static_cast<quint64>(header.size()), length);

  // QSaveFile writes a temporary file beside the target and renames it into place on commit.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    throw RunError(
        QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
  }
  bool ok = file.write(length, 8) == 8 && file.write(header) == header.size();
  for (const torch::Tensor& tensor : data) {
    if (!ok) break;
    const auto bytes = static_cast<qint64>(tensor.nbytes());
    ok = bytes == 0 || file.write(static_cast<const char*>(tensor.data_ptr()), bytes) == bytes;
  }
  if (!ok || !file.commit()) {
    throw RunError(
        QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
  }
}

StateDict loadSafetensors(const QString& path, SafetensorsMetadata* metadata) {
  const SafetensorsHeader header = readSafetensorsHeader(path);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw InputError(path, 0, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
  }
  StateDict tensors;
  std::vector<const SafetensorsEntry*> inFileOrder;
  for (const SafetensorsEntry& entry : header.entries) inFileOrder.push_back(&entry);
  std::sort(
      inFileOrder.begin(), inFileOrder.end(),
      [](const SafetensorsEntry* a, const SafetensorsEntry* b) { return a->begin < b->begin; });
  QCryptographicHash digest(QCryptographicHash::Sha256);
  for (const SafetensorsEntry* entryAt : inFileOrder) {
    const SafetensorsEntry& entry = *entryAt;
    torch::Tensor tensor =
        torch::empty(entry.shape, torch::TensorOptions().dtype(scalarType(entry.dtype)));
    const qint64 bytes = entry.end - entry.begin;
    if (bytes > 0 && (!file.seek(header.dataStart + entry.begin) ||
                      file.read(static_cast<char*>(tensor.data_ptr()), bytes) != bytes)) {
      throw InputError(path, 0, 0,
                       QStringLiteral("cannot read the data of tensor \"%1\": %2")
                           .arg(QString::fromStdString(entry.name), file.errorString()));
    }
    digest.addData(
        QByteArrayView(static_cast<const char*>(tensor.data_ptr()), static_cast<qsizetype>(bytes)));
    tensors.emplace(entry.name, std::move(tensor));
  }
  const QString recorded = header.metadata.value(QString::fromLatin1(kDataDigestKey));
  if (!recorded.isEmpty() && recorded != QString::fromLatin1(digest.result().toHex()))
    throw InputError(path, 0, 0,
                     QStringLiteral("the tensors' data does not match the SHA-256 its header "
                                    "recorded: the file was damaged after it was written "
                                    "(delete it; a stage checkpoint is then trained again)"));
  if (metadata != nullptr) *metadata = header.metadata;
  return tensors;
}

}  // namespace twb
