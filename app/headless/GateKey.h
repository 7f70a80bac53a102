// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "gate/TlsIdentity.h"

#include <functional>

class QObject;

namespace labshare::secrets {
class SecretStore;
}

namespace labshare::app {

// The installation's gate key: read from the keychain, or made once and kept there. Students pin
// its fingerprint, so a key that changed would look like someone in between: without a keychain
// there is no gate (an error, never a key made afresh at every start).
void loadGateKey(secrets::SecretStore& store, QObject* context,
                 std::function<void(const Result<gate::TlsIdentity>&)> done);

// Where the gate's ticket hashes are kept (the app's data directory).
QString gateTicketsPath();

// The student's side: the keychain entry of the ticket from the gate with `fingerprint`, and the
// setting that remembers which gate key an address had.
QString gateTicketKey(const QString& fingerprint);
QString knownGateKey(const QString& hostPort);
// Forgets every ticket `labshare connect` kept (the gates whose keys it remembered); `done` gets how many.
void forgetGateTickets(secrets::SecretStore& store, std::function<void(int forgotten)> done);

} // namespace labshare::app
