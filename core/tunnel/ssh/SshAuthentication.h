// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/ssh/SshConnection.h"

#include <libssh/libssh.h>

namespace labshare::tunnel {

// Logs in to a connected relay with the profile's method: the agent, a key file (passphrase from
// `secrets`), or a password / the sign-in token sent as password and keyboard-interactive answer.
// Default tries the agent, then the key files, like ssh. Secrets never reach an error text or log.
Result<bool> authenticate(ssh_session session, const RelayProfile& profile, const SecretProvider& secrets,
                          const QString& user);

} // namespace labshare::tunnel
