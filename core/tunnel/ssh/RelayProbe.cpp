// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/RelayProbe.h"
#include "tunnel/ssh/SshConnection.h"

#include <QMutexLocker>

#include <sys/socket.h>

namespace labshare::tunnel {

RelayProbe::RelayProbe(QObject* parent)
    : QObject(parent) {}

RelayProbe::~RelayProbe() {
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool RelayProbe::start(const RelayProfile& profile, SecretProvider secrets) {
    if (m_running.load())
        return false;
    if (m_thread.joinable())
        m_thread.join(); // the previous probe has reported and is ending
    m_running = true;
    m_thread = std::thread(
        [this, profile, secrets = std::move(secrets)]() mutable { run(std::move(profile), std::move(secrets)); });
    return true;
}

void RelayProbe::cancel() {
    QMutexLocker lock(&m_fdMutex);
    m_stop.wake();
    const int fd = m_connectingFd.load();
    if (fd >= 0)
        ::shutdown(fd, SHUT_RDWR);
}

void RelayProbe::run(RelayProfile profile, SecretProvider secrets) {
    installSshLogging();
    SshConnectOptions options;
    options.hostKeys = HostKeyPolicy::Refuse;
    options.secrets = std::move(secrets);
    options.stopFd = m_stop.fd();
    options.socketFd = &m_connectingFd;
    bool ok = false;
    bool refused = false;
    QString fingerprint;
    QString message;
    { // the session ends (disconnect, free) at the end of this block, on this thread
        Result<SshConnection> connection = openSshConnection(profile, options);
        {
            QMutexLocker lock(&m_fdMutex); // cancel() never shuts down a descriptor that is being reused
            m_connectingFd = -1;
        }
        if (connection) {
            ok = true;
            fingerprint = connection->fingerprint;
            message =
                tr("Connected to %1 and logged in as %2.")
                    .arg(profile.displayName(), connection->user.isEmpty() ? tr("the default user") : connection->user);
        } else if (connection.error().code == ErrorCode::HostKeyUnknown && !connection.error().detail.isEmpty()) {
            fingerprint = connection.error().detail;
            message = tr("Reached %1, whose host key is not known yet. Log-in is tried once you trust the key, when "
                         "you first share through this relay.")
                          .arg(profile.displayName());
        } else {
            refused = connection.error().code == ErrorCode::AuthFailed;
            message = connection.error().message;
        }
    }
    m_running = false;
    // Queued to the probe's thread; dropped if the probe is destroyed first.
    QMetaObject::invokeMethod(
        this,
        [this, ok, refused, fingerprint, message] {
            if (refused)
                Q_EMIT loginRefused();
            Q_EMIT finished(ok, fingerprint, message);
        },
        Qt::QueuedConnection);
}

} // namespace labshare::tunnel
