// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/GateDesk.h"

#include "common/Logging.h"

#include <QCoreApplication>

#include <algorithm>
#include <poll.h>

namespace labshare::tunnel {

GateDesk::GateDesk(RelayListener& listener, int silentLimitMs)
    : m_listener(listener)
    , m_silentLimitMs(silentLimitMs) {}

GateDesk::~GateDesk() = default;

void GateDesk::setSetup(std::shared_ptr<const gate::GateSetup> setup) {
    m_setup = std::move(setup);
    m_shares.clear(); // who shares may have changed; connections at a gate keep theirs
}

void GateDesk::accept(Socket client, TrackedShare& share, const QString& from, qint64 nowMs, ConnectionQuota::Slot slot,
                      quint16 fromPort) {
    if (!m_setup) {
        // Closing the client: nobody can be admitted without an identity provider.
        if (m_listener.connection) {
            ConnectionRecord r = ShareBook::recordFor(share, from, fromPort);
            r.id = ConnectionRecord::nextId();
            r.startedMs = r.endedMs = nowMs;
            r.end = ConnectionEnd::Refused;
            m_listener.connection(r);
        }
        return;
    }
    auto& gated = m_shares[&share];
    if (!gated)
        gated = std::make_shared<const gate::GatedShare>(
            gate::GatedShare{share.spec.name, m_setup->sharedBy, gate::AllowList(share.spec.allowed)});
    std::unique_ptr<gate::Gatekeeper> keeper;
    if (share.spec.type == QLatin1String("http")) // browsers: the sign-in page, tickets as cookies
        keeper = std::make_unique<gate::HttpGate>(*gated, *m_setup->tickets, m_browserSignIns, from, nowMs);
    else
        keeper = std::make_unique<gate::GateSession>(*gated, *m_setup->tickets, m_setup->identity, nowMs);
    m_entries.push_back(
        {m_setup,
         gated,
         std::make_unique<GatedSplice>(
             std::move(client), std::move(keeper), share.spec.targetHost, share.spec.targetPort, share.counters, nowMs,
             m_silentLimitMs, ShareBook::recordFor(share, from, fromPort),
             m_listener.connection ? ConnectionTrace::Reporter(m_listener.connection) : ConnectionTrace::Reporter()),
         &share,
         0,
         {},
         from,
         std::move(slot)});
}

void GateDesk::setEndOnClose(ConnectionEnd how) {
    for (Entry& e : m_entries)
        e.splice->trace().setEndOnClose(how);
}

void GateDesk::forget(const TrackedShare& share) {
    std::erase_if(m_entries, [this, &share](const Entry& e) { return e.share == &share && drop(e); });
    m_shares.erase(&share);
}

void GateDesk::clear() {
    for (const Entry& e : m_entries)
        drop(e);
    m_entries.clear();
    m_shares.clear();
}

int GateDesk::signInsUnderWayFrom(const QString& from) const {
    const auto connections = std::count_if(m_entries.cbegin(), m_entries.cend(), [&from](const Entry& e) {
        return e.from == from && e.signInId != 0 && e.admitted.isEmpty() && !e.splice->isFinished();
    });
    return int(connections) + m_browserSignIns.underWayFrom(from);
}

bool GateDesk::drop(const Entry& e) {
    if (!e.admitted.isEmpty())
        tell({e.share->spec.name, gate::GateVerdict::Kind::Ended, e.admitted, {}});
    else if (e.signInId != 0 && m_listener.gateSignInDropped)
        m_listener.gateSignInDropped(e.signInId); // the student left: stop polling for them
    return true;
}

std::size_t GateDesk::appendFds(std::vector<pollfd>& fds) const {
    for (const Entry& e : m_entries) {
        fds.push_back({e.splice->clientFd(), e.splice->clientEvents(), 0});
        fds.push_back({e.splice->nodeFd(), e.splice->nodeEvents(), 0});
    }
    return m_entries.size();
}

void GateDesk::onEvents(const pollfd* fds, std::size_t polled, ShareBook& book, SessionPhase phase) {
    // A connection accepted after appendFds (while the poll's other events were handled) is appended to
    // m_entries and has no fds in this poll.
    for (std::size_t i = 0; i < polled && i < m_entries.size(); ++i) {
        GatedSplice& splice = *m_entries[i].splice;
        if (const short node = fds[2 * i + 1].revents) {
            splice.onNodeEvents(node);
            if (splice.connectError() != 0)
                book.nodeAnswered(*m_entries[i].share, splice.connectError(), phase);
        }
        if (const short client = fds[2 * i].revents)
            splice.onClientEvents(client);
    }
    report();
}

void GateDesk::answer(const gate::SignInAnswer& answer) {
    if (m_browserSignIns.answer(answer, QDateTime::currentMSecsSinceEpoch()))
        return; // the browser hears it at its next reload
    for (Entry& e : m_entries) {
        if (e.signInId != answer.id)
            continue;
        gate::Gatekeeper& session = e.splice->gate();
        if (answer.code)
            session.signInStarted(*answer.code, QDateTime::currentMSecsSinceEpoch());
        else if (answer.identity)
            session.signInFinished(*answer.identity);
        else
            session.signInFinished(makeError(ErrorCode::AuthFailed, answer.error));
        e.splice->pump();
    }
    report();
}

void GateDesk::tick(qint64 nowMs) {
    for (Entry& e : m_entries)
        e.splice->tick(nowMs);
    m_browserSignIns.expire(nowMs, [this](quint64 id) {
        if (m_listener.gateSignInDropped)
            m_listener.gateSignInDropped(id);
    });
    report();
}

void GateDesk::tell(const gate::GateVerdict& verdict) {
    if (m_listener.gateVerdict)
        m_listener.gateVerdict(verdict);
}

void GateDesk::report() {
    for (const auto& [id, share] : m_browserSignIns.takeWanted(m_nextId))
        if (m_listener.gateSignInWanted)
            m_listener.gateSignInWanted(id, share);
    for (Entry& e : m_entries) {
        gate::Gatekeeper& session = e.splice->gate();
        if (session.signInWanted() && e.signInId == 0) {
            if (signInsUnderWayFrom(e.from) >= gate::BrowserSignIns::kMaxPerAddress) {
                // Anyone who reaches the share could otherwise make LabShare ask the provider for codes without end.
                session.signInFinished(
                    makeError(ErrorCode::AuthFailed,
                              QCoreApplication::translate("labshare::tunnel::GateDesk",
                                                          "%1 sign-ins are under way from %2 already; finish one first")
                                  .arg(gate::BrowserSignIns::kMaxPerAddress)
                                  .arg(e.from)));
                e.splice->pump();
            } else {
                e.signInId = m_nextId++;
                if (m_listener.gateSignInWanted)
                    m_listener.gateSignInWanted(e.signInId, e.share->spec.name);
            }
        }
        if (std::optional<gate::GateVerdict> verdict = e.splice->takeVerdict()) {
            qCInfo(lcGate) << verdict->reason;
            if (verdict->admitted())
                e.admitted = verdict->identity;
            tell(*verdict);
        }
    }
    std::erase_if(m_entries, [this](const Entry& e) { return e.splice->isFinished() && drop(e); });
}

} // namespace labshare::tunnel
