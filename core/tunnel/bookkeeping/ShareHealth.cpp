// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ShareHealth.h"

namespace labshare::tunnel {

QString shareStateName(ShareState state) {
    switch (state) {
    case ShareState::Idle:
        return QStringLiteral("idle");
    case ShareState::Connecting:
        return QStringLiteral("connecting");
    case ShareState::Up:
        return QStringLiteral("up");
    case ShareState::Degraded:
        return QStringLiteral("degraded");
    case ShareState::Reconnecting:
        return QStringLiteral("reconnecting");
    case ShareState::Failed:
        return QStringLiteral("failed");
    case ShareState::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

QString ShareHealth::publicAddress() const {
    return addressOf(publicPort);
}

QString ShareHealth::addressOf(quint16 port) const {
    if (publicHost.isEmpty() || port == 0)
        return {};
    const bool ipv6 = publicHost.contains(QLatin1Char(':'));
    return (ipv6 ? QLatin1Char('[') + publicHost + QLatin1Char(']') : publicHost) + QLatin1Char(':') +
           QString::number(port);
}

ShareState deriveShareState(SessionPhase session, ForwardPhase forward, Reachability target) {
    switch (session) {
    case SessionPhase::Idle:
        return ShareState::Idle;
    case SessionPhase::Stopped:
        return ShareState::Stopped;
    case SessionPhase::Fatal:
        return ShareState::Failed;
    case SessionPhase::Lost:
        return ShareState::Reconnecting;
    case SessionPhase::Connecting:
        return ShareState::Connecting;
    case SessionPhase::Ready:
        break;
    }
    switch (forward) {
    case ForwardPhase::Pending:
        return ShareState::Connecting;
    case ForwardPhase::Refused: // the relay still holds the port, or refused it: retried with back-off
        return ShareState::Reconnecting;
    case ForwardPhase::Bound:
        break;
    }
    return target == Reachability::Unreachable ? ShareState::Degraded : ShareState::Up;
}

} // namespace labshare::tunnel
