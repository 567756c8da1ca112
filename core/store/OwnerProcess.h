// OwnerProcess: names the process that runs an experiment and tells later whether it still lives.
#pragma once

#include <QDateTime>
#include <QString>

namespace twb {

// This process as "host<TAB>pid<TAB>boot id<TAB>start time": on one machine the pair
// (boot id, start time) tells a live owner from a later process that reuses its pid.
QString currentOwner();
// The same text for another process of this machine; empty when it does not exist.
QString ownerOf(qint64 pid);

// True when owner (a currentOwner() text) is certainly gone: on this machine its process no
// longer exists (or is another process under the same pid); on another machine its last
// heartbeat is older than staleAfterSeconds. An empty owner (a store from before owners were
// recorded) is never called dead.
bool ownerIsDead(const QString& owner, const QDateTime& heartbeat, int staleAfterSeconds = 600);

// The host name used in owner texts and messages.
QString ownerHost(const QString& owner);
qint64 ownerPid(const QString& owner);

}  // namespace twb
