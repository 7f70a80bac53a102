// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace labshare::testsupport {

struct SocketOwner {
    QString process; // the command name, as ss prints it ("sshd")
    qint64 pid = 0;
};

struct SocketEntry {
    QString state; // LISTEN, ESTAB, TIME-WAIT, ...
    QString localAddress;
    quint16 localPort = 0;
    QString peerAddress;
    quint16 peerPort = 0;
    QList<SocketOwner> owners; // empty for sockets no process holds (TIME-WAIT) or we may not see
};

// A snapshot of the machine's TCP sockets with their owning processes, from `ss -Htanp` (iproute2):
// the ground truth for "who listens on this port" and "who holds this connection".
class SocketTable {
public:
    // Takes the snapshot; false (see errorString) when ss is missing or fails.
    [[nodiscard]] bool capture();
    QString errorString() const { return m_error; }

    QList<SocketEntry> listenersOn(quint16 port) const;
    // Established connections whose peer (remote end) is `port`, seen from the connecting side.
    QList<SocketEntry> connectionsTo(quint16 port) const;
    QString text() const { return m_text; }

    static QList<SocketEntry> parse(const QString& ssOutput);

private:
    QList<SocketEntry> m_entries;
    QString m_text;
    QString m_error;
};

} // namespace labshare::testsupport
