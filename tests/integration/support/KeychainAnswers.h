// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <optional>

namespace labshare::testsupport {

// The answers a SecretStore call got, once the event loop has delivered them.
struct SecretAnswer {
    std::optional<secrets::SecretReply> reply;
    int calls = 0;

    secrets::SecretCallback callback();
};

// What LabShare's keychain entry `key` holds now, read with a new KeychainStore as another run of the
// app would (waits at most 15 s; an empty Failed reply when no answer came).
secrets::SecretReply readKeychain(const QString& key);
// The refresh token in the remembered sign-in at `key` (the entry also holds the identity); empty when none.
QByteArray readRefreshToken(const QString& key);
// Deletes LabShare's keychain entry `key` (e.g. a student's gate ticket); true once the keychain answered.
[[nodiscard]] bool removeFromKeychain(const QString& key);

} // namespace labshare::testsupport
