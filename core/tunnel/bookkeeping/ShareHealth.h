// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace labshare::tunnel {

enum class ShareState { Idle, Connecting, Up, Degraded, Reconnecting, Failed, Stopped };

// Whether the node's port answered the last time LabShare tried it.
enum class Reachability { Unknown, Reachable, Unreachable };

QString shareStateName(ShareState state);

// How a share is doing, as pushed by the tunnel engine. A value type: copied across threads.
struct ShareHealth {
    QString name;
    QString node;
    QString type;
    quint16 nodePort = 0;
    ShareState state = ShareState::Idle;
    QString publicHost;     // host:port students use, split
    quint16 publicPort = 0; // where it is served now
    // The share's own port (the one handed out) while the relay refuses it because an earlier session still
    // holds it: LabShare serves the share on publicPort (a stand-in the relay picked) meanwhile and keeps
    // asking for this one. 0 when not reclaiming.
    quint16 reclaimingPort = 0;
    // Once the share's own port is back in publicPort: the stand-in it was served on meanwhile, which keeps
    // working until the share stops, so nobody who copied it loses access. 0 when there was none.
    quint16 alsoPort = 0;
    QString url; // http(s)://… for web shares, empty otherwise
    int rttMs = -1;
    int openConnections = 0;
    quint64 totalConnections = 0;
    quint64 refusedConnections = 0; // closed by LabShare's limits: a source not allowed, a cap reached, silence
    quint64 bytesToNode = 0;
    quint64 bytesFromNode = 0;
    qint64 upSinceMs = 0; // epoch ms when the share last came up, 0 when not up
    QString lastError;
    Reachability target = Reachability::Unknown;
    bool relayConnected = false; // the relay session is up (always, for the LAN relay)

    QString publicAddress() const;         // "host:port", empty until known
    QString addressOf(quint16 port) const; // "publicHost:port", empty for port 0 or no host
};

// The state a share is in, from what its relay session and forward report (a pure function, so
// the rules can be tested on their own).
enum class SessionPhase { Idle, Connecting, Ready, Lost, Fatal, Stopped };
enum class ForwardPhase { Pending, Bound, Refused };
ShareState deriveShareState(SessionPhase session, ForwardPhase forward, Reachability target);

} // namespace labshare::tunnel

Q_DECLARE_METATYPE(labshare::tunnel::ShareHealth)
