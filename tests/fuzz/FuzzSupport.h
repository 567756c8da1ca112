// FuzzSupport: what every libFuzzer harness shares: a scratch folder for inputs that parsers read
// from files, and the line between a rejected input (expected) and a finding.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "common/InputError.h"

namespace twb::fuzz {

// This process's scratch folder, removed at a normal exit.
inline QString scratchDir() {
  static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/twb-fuzz-XXXXXX"));
  if (!dir.isValid()) std::abort();
  return dir.path();
}

// The input as bytes and as text (invalid UTF-8 becomes U+FFFD, as QString::fromUtf8 does).
inline QByteArray bytesOf(const std::uint8_t* data, std::size_t size) {
  return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}
inline QString textOf(const std::uint8_t* data, std::size_t size) {
  return QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// Writes bytes to scratchDir()/name (folders created) and returns its path.
inline QString writeScratch(const QString& name, const QByteArray& bytes) {
  const QString path = scratchDir() + QLatin1Char('/') + name;
  QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
    std::abort();
  return path;
}

// Runs a parse. InputError and RunError are the project's answer to bad input; any other
// exception escapes to std::terminate, and libFuzzer reports it with the input, as it reports a
// crash, a sanitizer finding, a hang or running out of memory.
template <typename Parse>
int parseOrReject(Parse&& parse) {
  try {
    parse();
  } catch (const InputError&) {
  } catch (const RunError&) {
  }
  return 0;
}

}  // namespace twb::fuzz
