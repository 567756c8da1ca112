// HubErrors: turns the Hub's refusals (gated, missing, failing) into messages a user can act on.
#pragma once

#include <QString>

#include "hub/HubHttp.h"
#include "hub/HubSettings.h"

namespace twb {

// What was asked for when the Hub said no.
struct HubRequestSubject {
  QString repo;
  QString revision;  // the revision (or commit) asked for
  QString file;      // empty for the repository listing
};

// Throws InputError for 401/403 (gated or private: what to do about the token) and 404 (naming
// the repository, revision or file), RunError for any other status.
[[noreturn]] void throwHubError(const HubReply& reply, const HubRequestSubject& subject,
                                const HubSettings& settings);

}  // namespace twb
