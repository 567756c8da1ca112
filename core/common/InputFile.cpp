// InputFile: stat before open, so a FIFO or device is refused instead of blocking or filling
// memory; reads bounded by the caller's cap.
#include "common/InputFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "common/InputError.h"

namespace twb {
namespace {

[[noreturn]] void refuseKind(const QString& path, mode_t mode, const QString& what) {
  throw InputError(path, 0, 0,
                   QStringLiteral("is %1, not a regular file (%2 must be a regular file)")
                       .arg(describeFileType(mode), what));
}

[[noreturn]] void refuseSize(const QString& path, const QString& size, qint64 cap,
                             const QString& what) {
  throw InputError(
      path, 0, 0,
      QStringLiteral("is %1, more than the %2 %3 may hold").arg(size, describeSize(cap), what));
}

QString systemError(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

struct Read {
  QByteArray bytes;
  bool tooBig = false;  // more than cap bytes: bytes is empty
  int error = 0;        // errno of a failed read
};

// Reads fd to its end, stopping as soon as it holds more than cap bytes.
Read readAll(int fd, qint64 cap, qint64 expected) {
  Read read;
  QByteArray& out = read.bytes;
  out.resize(std::min(expected, cap) + 1);  // one byte more shows a file grown meanwhile
  qint64 used = 0;
  for (;;) {
    if (used == out.size()) out.resize(std::min(std::max(used * 2, qint64{1} << 16), cap + 1));
    const ssize_t got = ::read(fd, out.data() + used, static_cast<size_t>(out.size() - used));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) read.error = errno;
    if (got <= 0) break;
    used += got;
    if (used > cap) {
      read.tooBig = true;
      used = 0;
      break;
    }
  }
  out.resize(used);
  return read;
}

}  // namespace

QString describeFileType(mode_t mode) {
  if (S_ISDIR(mode)) return QStringLiteral("a directory");
  if (S_ISFIFO(mode)) return QStringLiteral("a FIFO (named pipe)");
  if (S_ISCHR(mode)) return QStringLiteral("a character device");
  if (S_ISBLK(mode)) return QStringLiteral("a block device");
  if (S_ISSOCK(mode)) return QStringLiteral("a socket");
  return QStringLiteral("a special file");
}

QString describeSize(qint64 bytes) {
  if (bytes < 1024) return QStringLiteral("%1 bytes").arg(bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  const QString unitName = QString::fromLatin1(units[unit]);
  if (value == static_cast<double>(static_cast<qint64>(value)))
    return QStringLiteral("%1 %2").arg(static_cast<qint64>(value)).arg(unitName);
  const QString rounded = QString::number(value, 'f', value < 10 ? 2 : 1);
  // "512.0 MiB" alone would hide the byte that makes a file too big.
  if (rounded.endsWith(QLatin1String(".0")))
    return QStringLiteral("%1 %2 (%3 bytes)").arg(rounded, unitName).arg(bytes);
  return QStringLiteral("%1 %2").arg(rounded, unitName);
}

QByteArray readInputFile(const QString& path, qint64 cap, const QString& what) {
  const QByteArray name = QFile::encodeName(path);
  struct stat info {};
  if (path.isEmpty() || ::stat(name.constData(), &info) != 0) {
    const int error = path.isEmpty() ? ENOENT : errno;
    throw InputError(path, 0, 0,
                     error == ENOENT ? QStringLiteral("no such file")
                                     : QStringLiteral("cannot read: %1").arg(systemError(error)));
  }
  if (!S_ISREG(info.st_mode)) refuseKind(path, info.st_mode, what);
  if (info.st_size > cap) refuseSize(path, describeSize(info.st_size), cap, what);

  // O_NONBLOCK: should the path become a FIFO after the check, opening it does not wait.
  const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int error = errno;
    throw InputError(path, 0, 0, QStringLiteral("cannot open: %1").arg(systemError(error)));
  }
  struct stat opened {};
  if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
    ::close(fd);
    refuseKind(path, opened.st_mode, what);
  }
  Read read = readAll(fd, cap, opened.st_size);
  ::close(fd);
  if (read.error != 0)
    throw InputError(path, 0, 0, QStringLiteral("cannot read: %1").arg(systemError(read.error)));
  if (read.tooBig) refuseSize(path, QStringLiteral("over %1").arg(describeSize(cap)), cap, what);
  return std::move(read.bytes);
}

QByteArray readStandardInput(qint64 cap, const QString& what) {
  const QString name = QStringLiteral("standard input");
  Read read = readAll(STDIN_FILENO, cap, 0);
  if (read.error != 0)
    throw InputError(name, 0, 0, QStringLiteral("cannot read: %1").arg(systemError(read.error)));
  if (read.tooBig)
    throw InputError(
        name, 0, 0,
        QStringLiteral("holds more than the %1 %2 may hold").arg(describeSize(cap), what));
  return std::move(read.bytes);
}

}  // namespace twb
