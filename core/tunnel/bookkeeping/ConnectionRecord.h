// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace labshare::tunnel {

// How a forwarded connection ended. The names connectionEndName() gives are stable: they are in
// `labshare up --json`, the connection log files and the CSV export.
enum class ConnectionEnd {
    Open,        // still running
    Student,     // the student's side closed first (or failed)
    Node,        // the node's side closed first (or failed)
    Refused,     // LabShare turned it away: the gate said no, a connection cap, a network allow= leaves out
    Unreachable, // the node did not accept the connection
    Silent,      // a gated share's client sent nothing in time
    Gate,        // the gate answered and closed it without letting it through (its sign-in page, a notice)
    Stopped,     // LabShare closed it: the share was unpublished or LabShare quit
    RelayLost,   // the SSH relay's session went away under it
    Expired,     // the share's time ran out (--for / --until)
};
// Ends that never reached the node as a student: a scan, a client that is not `labshare connect`, a refusal.
bool isTurnedAway(ConnectionEnd end);

QString connectionEndName(ConnectionEnd end); // "student", "node", "refused", …
std::optional<ConnectionEnd> connectionEndFromName(const QString& name);

// One forwarded connection as the tunnel engine reports it: when it opens (end == Open) and once
// more when it ends. A value type, copied across threads. Holds addresses and identities, never a
// secret.
struct ConnectionRecord {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::ConnectionRecord)

public:
    quint64 id = 0; // unique in this process (nextId())
    QString share;
    QString peerAddress;  // the student's address where the relay tells it; empty when not
    quint16 peerPort = 0; // 0 when the relay did not tell it
    QString identity;     // who signed in at a gated share's gate (admitted or refused); empty otherwise
    qint64 startedMs = 0; // epoch ms
    qint64 endedMs = 0;   // epoch ms; 0 while open
    quint64 bytesToNode = 0;
    quint64 bytesFromNode = 0;
    ConnectionEnd end = ConnectionEnd::Open;

    static quint64 nextId(); // thread-safe

    bool isOpen() const { return end == ConnectionEnd::Open; }
    qint64 durationMs(qint64 nowMs) const; // up to `nowMs` while open
    // "192.0.2.7:51234", "[2001:db8::7]:51234", "192.0.2.7" (no port known), "" (nothing known).
    QString peer() const;
    QString endText() const; // "closed by the student", … (translated, for the window)

    // The fields of `up --json`'s connection event and of a log file line (without "event"):
    // share, peer, identity, started (ISO 8601 UTC), duration_ms, bytes_to_node, bytes_from_node, ended_by.
    QJsonObject toJson() const;
    static std::optional<ConnectionRecord> fromJson(const QJsonObject& object);

    bool operator==(const ConnectionRecord& other) const = default;
};

} // namespace labshare::tunnel

Q_DECLARE_METATYPE(labshare::tunnel::ConnectionRecord)
