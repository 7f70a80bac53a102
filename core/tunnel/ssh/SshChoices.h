// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QString>

#include <functional>
#include <optional>

// What the owner of a relay session decides for it (host keys, secrets), free of libssh so that the engine's
// callers can name it.
namespace labshare::tunnel {

// What to do with a relay host key that known_hosts does not have yet. A changed key is always refused.
enum class HostKeyPolicy { Refuse, AcceptNew };

enum class SecretKind { KeyPassphrase, Password, Token };
// Supplies a secret on the worker thread: a key passphrase, the relay password, or the sign-in token.
using SecretProvider = std::function<std::optional<secrets::SecretBytes>(SecretKind kind, const QString& what)>;

} // namespace labshare::tunnel
