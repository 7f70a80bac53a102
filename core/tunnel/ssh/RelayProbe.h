// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/SshChoices.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <thread>

namespace labshare::tunnel {

// "Test connection" for a relay: connects and logs in the way a relay session does (same
// openSshConnection), publishes nothing, disconnects, and reports by a queued signal. libssh runs on
// the probe's own thread, never on the caller's. A host key known_hosts does not have is reported
// with its fingerprint and not recorded: trusting it is the user's decision, taken when sharing.
class RelayProbe : public QObject {
    Q_OBJECT

public:
    explicit RelayProbe(QObject* parent = nullptr);
    ~RelayProbe() override; // gives up a probe in progress (its socket is shut down) and waits for the thread

    // Starts a probe; one at a time (false while one runs). `secrets` answers a password or key passphrase.
    bool start(const RelayProfile& profile, SecretProvider secrets = {});
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    // ok: reached, host key known, logged in. fingerprint: the relay's host key ("SHA256:…") when it
    // was seen. message: what happened, for the user.
    void finished(bool ok, const QString& fingerprint, const QString& message);
    // Just before finished(): the relay refused the log-in (a wrong password or passphrase, or none given).
    void loginRefused();

private:
    void run(RelayProfile profile, SecretProvider secrets);
    void cancel();

    std::thread m_thread;
    std::atomic<bool> m_running{false};
    Waker m_stop;
    QMutex m_fdMutex;
    std::atomic<int> m_connectingFd{-1};
};

} // namespace labshare::tunnel
