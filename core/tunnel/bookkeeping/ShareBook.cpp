// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ShareBook.h"

#include <QCoreApplication>
#include <QDateTime>

namespace labshare::tunnel {

ShareBook::ShareBook(RelayListener& listener, const QString& relayId, int healthIntervalMs, int probeIntervalMs)
    : m_listener(listener)
    , m_ledger(relayId)
    , m_healthIntervalMs(healthIntervalMs)
    , m_probeIntervalMs(probeIntervalMs) {}

TrackedShare* ShareBook::find(const QString& name) {
    for (auto& s : m_shares)
        if (s->spec.name == name)
            return s.get();
    return nullptr;
}

TrackedShare& ShareBook::add(const ForwardSpec& spec) {
    auto s = std::make_unique<TrackedShare>();
    s->spec = spec;
    s->health.name = spec.name;
    s->health.node = spec.node;
    s->health.type = spec.type;
    s->health.nodePort = spec.targetPort;
    s->reported.state = ShareState::Stopped; // so that the first update is always reported
    s->boundPort = spec.remotePort ? spec.remotePort : m_ledger.portFor(spec.name);
    s->remembered = spec.remotePort == 0 && s->boundPort != 0;
    m_shares.push_back(std::move(s));
    return *m_shares.back();
}

void ShareBook::bound(TrackedShare& share, quint16 port) {
    share.phase = ForwardPhase::Bound;
    share.boundPort = port;
    share.remembered = false;
    share.backoff.reset();
    share.health.lastError.clear();
    m_ledger.record(share.spec.name, port);
}

int ShareBook::refused(TrackedShare& share) {
    constexpr int kRememberedAttempts = 6; // about half a minute of back-off
    share.phase = ForwardPhase::Refused;
    if (share.standInPhase == ForwardPhase::Refused)
        share.standInPhase = ForwardPhase::Pending; // asked for again along with the port itself
    if (!m_standIns && share.remembered && share.backoff.attempts() >= kRememberedAttempts) {
        share.health.lastError =
            tr("port %1, which this share had before, is taken; asking the relay for another").arg(share.boundPort);
        share.boundPort = 0;
        share.remembered = false;
        share.backoff.reset();
        share.retryAtMs = 0;
        return 0;
    }
    const int delay = share.backoff.nextDelayMs();
    share.retryAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    return delay;
}

bool ShareBook::wantsStandIn(const TrackedShare& share) const {
    if (!m_standIns || share.standInPhase != ForwardPhase::Pending)
        return false;
    // Needed while a port of the share's own is refused; kept once it was handed out (asked for again after a
    // reconnect).
    const bool ownPortHeld = share.phase == ForwardPhase::Refused && share.ownPort() != 0;
    return ownPortHeld || share.standInPort != 0;
}

void ShareBook::standInBound(TrackedShare& share, quint16 port) {
    share.standInPhase = ForwardPhase::Bound;
    share.standInPort = port;
}

void ShareBook::standInRefused(TrackedShare& share) {
    if (share.standInPort != 0) {
        share.standInPort = 0; // taken by someone else meanwhile: any other will do, if one is still needed
        return;
    }
    share.standInPhase = ForwardPhase::Refused; // asked for again with the share's own port (refused())
}

void ShareBook::remove(TrackedShare& share) {
    share.health.state = ShareState::Stopped;
    share.health.upSinceMs = 0;
    if (m_listener.shareChanged)
        m_listener.shareChanged(share.health);
    std::erase_if(m_shares, [&share](const auto& p) { return p.get() == &share; });
}

void ShareBook::update(TrackedShare& s, SessionPhase phase) {
    ShareHealth& h = s.health;
    const bool ownBound = s.phase == ForwardPhase::Bound;
    const bool standInBound = s.standInPhase == ForwardPhase::Bound;
    h.state = deriveShareState(phase, standInBound ? ForwardPhase::Bound : s.phase, h.target);
    if (standInBound && !ownBound)
        h.publicPort = s.standInPort; // the share's own port is set where the relay grants it
    h.reclaimingPort = standInBound && !ownBound ? s.ownPort() : 0;
    h.alsoPort = ownBound && standInBound ? s.standInPort : 0;
    h.relayConnected = phase == SessionPhase::Ready;
    if (h.state != ShareState::Up && h.state != ShareState::Degraded)
        h.upSinceMs = 0;
    else if (h.upSinceMs == 0)
        h.upSinceMs = QDateTime::currentMSecsSinceEpoch();
    h.rttMs = m_rttMs;
    h.openConnections = s.counters.open;
    h.totalConnections = s.counters.total;
    h.refusedConnections = s.counters.refused;
    h.bytesToNode = s.counters.toNode;
    h.bytesFromNode = s.counters.fromNode;
    const ShareHealth& r = s.reported;
    if (r.state != h.state || r.publicHost != h.publicHost || r.publicPort != h.publicPort || r.url != h.url ||
        r.lastError != h.lastError || r.target != h.target || r.reclaimingPort != h.reclaimingPort ||
        r.alsoPort != h.alsoPort) {
        s.reported = h;
        if (m_listener.shareChanged)
            m_listener.shareChanged(h);
    }
}

void ShareBook::updateAll(SessionPhase phase) {
    for (auto& s : m_shares)
        update(*s, phase);
}

void ShareBook::setError(const QString& message) {
    for (auto& s : m_shares)
        s->health.lastError = message;
}

void ShareBook::startDueProbes(qint64 now) {
    for (auto& s : m_shares) {
        const bool served = s->phase == ForwardPhase::Bound || s->standInPhase == ForwardPhase::Bound;
        if (!served || s->probe.isValid() || s->nextProbeMs > now)
            continue;
        s->nextProbeMs = now + m_probeIntervalMs;
        Result<Socket> probe = Socket::connectTo(s->spec.targetHost, s->spec.targetPort);
        if (probe) {
            s->probe = std::move(probe).value();
        } else {
            s->health.target = Reachability::Unreachable;
            s->health.lastError = probe.error().message;
        }
    }
}

void ShareBook::appendProbeFds(std::vector<pollfd>& fds) const {
    for (const auto& s : m_shares)
        fds.push_back({s->probe.isValid() ? s->probe.fd() : -1, POLLOUT, 0});
}

QString ShareBook::unreachableText(const TrackedShare& s) {
    return tr("node %1 does not answer on %2 port %3").arg(s.spec.node, s.spec.targetHost).arg(s.spec.targetPort);
}

void ShareBook::nodeAnswered(TrackedShare& s, int error, SessionPhase phase) {
    s.health.target = error == 0 ? Reachability::Reachable : Reachability::Unreachable;
    if (error != 0)
        s.health.lastError = unreachableText(s) + QStringLiteral(": ") + errnoText(error);
    else if (s.health.lastError.startsWith(unreachableText(s)))
        s.health.lastError.clear();
    update(s, phase);
}

void ShareBook::onProbeEvents(const pollfd* fds, SessionPhase phase) {
    for (std::size_t i = 0; i < m_shares.size(); ++i) {
        TrackedShare& s = *m_shares[i];
        if (!fds[i].revents || !s.probe.isValid())
            continue;
        const int error = s.probe.finishConnect();
        s.probe.close();
        nodeAnswered(s, error, phase);
    }
}

ConnectionRecord ShareBook::recordFor(const TrackedShare& share, const QString& address, quint16 port) {
    ConnectionRecord r;
    r.share = share.spec.name;
    r.peerAddress = address;
    r.peerPort = port;
    return r;
}

ConnectionTrace::Reporter ShareBook::reporter() const {
    if (!m_listener.connection)
        return {};
    return [this](const ConnectionRecord& r) {
        m_listener.connection(r);
    };
}

void ShareBook::reportEnded(const TrackedShare& share, const QString& address, quint16 port, ConnectionEnd how) {
    if (!m_listener.connection)
        return;
    ConnectionRecord r = recordFor(share, address, port);
    r.id = ConnectionRecord::nextId();
    r.startedMs = QDateTime::currentMSecsSinceEpoch();
    r.endedMs = r.startedMs;
    r.end = how;
    m_listener.connection(r);
}

void ShareBook::tick(qint64 now, SessionPhase phase) {
    if (now < m_nextHealthMs)
        return;
    m_nextHealthMs = now + m_healthIntervalMs;
    QList<ShareHealth> all;
    for (auto& s : m_shares) {
        update(*s, phase);
        all.append(s->health);
    }
    if (m_listener.healthTick)
        m_listener.healthTick(all);
}

} // namespace labshare::tunnel
