#include "store/OwnerProcess.h"

#include <unistd.h>

#include <QFile>
#include <QStringList>
#include <QSysInfo>

namespace twb {
namespace {

QString bootId() {
  QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromLatin1(file.readAll()).trimmed();
}

// Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot; empty when
// there is no such process.
QString startTime(qint64 pid) {
  QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QString text = QString::fromLatin1(file.readAll());
  // The command name (field 2) is in parentheses and may hold spaces: count after its end.
  const int close = text.lastIndexOf(QLatin1Char(')'));
  if (close < 0) return {};
  const QStringList fields = text.mid(close + 2).split(QLatin1Char(' '));
  return fields.size() > 19 ? fields[19] : QString();  // fields from 3 on
}

QStringList partsOf(const QString& owner) { return owner.split(QLatin1Char('\t')); }

}  // namespace

QString currentOwner() { return ownerOf(::getpid()); }

QString ownerOf(qint64 pid) {
  const QString started = startTime(pid);
  if (started.isEmpty()) return {};
  return QStringList{QSysInfo::machineHostName(), QString::number(pid), bootId(), started}.join(
      QLatin1Char('\t'));
}

QString ownerHost(const QString& owner) { return partsOf(owner).value(0); }

qint64 ownerPid(const QString& owner) { return partsOf(owner).value(1).toLongLong(); }

bool ownerIsDead(const QString& owner, const QDateTime& heartbeat, int staleAfterSeconds) {
  const QStringList parts = partsOf(owner);
  if (owner.isEmpty() || parts.size() != 4) return false;
  if (parts[0] != QSysInfo::machineHostName())
    return heartbeat.isValid() &&
           heartbeat.secsTo(QDateTime::currentDateTimeUtc()) > staleAfterSeconds;
  if (parts[2] != bootId()) return true;  // the machine restarted since
  return startTime(parts[1].toLongLong()) != parts[3];
}

}  // namespace twb
