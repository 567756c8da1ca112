// Safetensors: the project's own reader and writer of Hugging Face's .safetensors weight files.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

// Torch-free: the tensor type is only named here, so code without torch can include this header.
namespace at {
class Tensor;
}  // namespace at

namespace twb {

using StateDict = std::map<std::string, at::Tensor>;
using SafetensorsMetadata = QMap<QString, QString>;

// One tensor's entry in a file's JSON header; offsets are relative to the start of the data.
struct SafetensorsEntry {
  std::string name;
  QString dtype;  // "F32", "F16", "BF16", "F64", "I64", "I32", "I16", "I8", "U8", "BOOL"
  std::vector<std::int64_t> shape;
  std::int64_t begin = 0;
  std::int64_t end = 0;
};

struct SafetensorsHeader {
  std::vector<SafetensorsEntry> entries;  // in file order of their data
  SafetensorsMetadata metadata;           // the "__metadata__" object, string to string
  std::int64_t dataStart = 0;             // 8 + header length
  std::int64_t dataSize = 0;              // bytes after the header
};

// Bytes per element of a dtype name, or 0 for a name the project does not know.
int safetensorsDtypeSize(const QString& dtype);

// Reads and validates a file's header (lengths, dtypes, shapes, offsets) without its data.
// Throws InputError naming the file and what is wrong.
SafetensorsHeader readSafetensorsHeader(const QString& path);

// The header bytes for entries whose offsets are already laid out, padded with spaces to a
// multiple of 8 as the reference writer does (the 8-byte length is not included).
QByteArray encodeSafetensorsHeader(const std::vector<SafetensorsEntry>& entries,
                                   const SafetensorsMetadata& metadata);

// Writes every tensor (moved to the CPU, made contiguous) to path through a temporary file
// renamed into place. Throws RunError when the file cannot be written and InputError for a
// dtype the format has no name for.
void saveSafetensors(const QString& path, const StateDict& tensors,
                     const SafetensorsMetadata& metadata = {});

// Loads every tensor of a file onto the CPU with its stored dtype; fills metadata if given.
// Throws InputError naming the file for a malformed or truncated file.
StateDict loadSafetensors(const QString& path, SafetensorsMetadata* metadata = nullptr);

}  // namespace twb
