// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "secrets/SecretBytes.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/ssh/SshChoices.h"

#include <libssh/libssh.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace labshare::tunnel {

struct SshSessionFree {
    void operator()(ssh_session session) const;
};
using SshSessionPtr = std::unique_ptr<ssh_session_struct, SshSessionFree>;

struct SshConnectOptions {
    HostKeyPolicy hostKeys = HostKeyPolicy::Refuse;
    QString trustedFingerprint; // a fingerprint the user accepted for this run ("SHA256:…")
    SecretProvider secrets;
    int stopFd = -1;                      // readable = give up (stop requested)
    std::atomic<int>* socketFd = nullptr; // receives the socket, so another thread can shut it down to cancel
};

struct SshConnection {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::SshConnection)

public:
    SshSessionPtr session;
    QString fingerprint; // the relay's host key, "SHA256:…"
    QString user;        // who we logged in as
};

// Opens an authenticated SSH session to the relay: ~/.ssh/config applied (with ~ = QDir::homePath()),
// TCP (through the HTTP CONNECT proxy when the profile has one) with TCP_NODELAY, host key checked
// against known_hosts, then agent / key / password / token authentication. Blocking: worker thread only.
Result<SshConnection> openSshConnection(const RelayProfile& profile, const SshConnectOptions& options);

// The server's host key of a connected session as "SHA256:…" (empty when it has none).
QString hostKeyFingerprint(ssh_session session);

// Routes libssh's log into the labshare.core.libssh category at debug level (kept in the log ring, shown
// on stderr only when asked for: LogBuffer::setRingOnly), on the calling thread (libssh's log settings are
// per thread): call it on every thread before its first libssh call.
void installSshLogging();

} // namespace labshare::tunnel
