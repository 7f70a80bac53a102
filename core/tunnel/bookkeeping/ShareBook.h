// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "tunnel/bookkeeping/Backoff.h"
#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/bookkeeping/ForwardLedger.h"
#include "tunnel/bookkeeping/RelayBackend.h"
#include "tunnel/bookkeeping/ShareCounters.h"
#include "tunnel/net/Socket.h"

#include <memory>
#include <poll.h>
#include <vector>

namespace labshare::tunnel {

// One published port as a relay backend tracks it.
struct TrackedShare {
    ForwardSpec spec;
    ShareHealth health;
    ShareHealth reported; // what the listener last heard
    ForwardPhase phase = ForwardPhase::Pending;
    quint16 boundPort = 0;   // asked for again after a reconnect, so the public address stays
    bool remembered = false; // boundPort comes from an earlier run of LabShare (the ledger)
    // While the relay refuses boundPort (an earlier session of ours may still hold it), a stand-in the relay
    // picks serves the share at once and boundPort is asked for again with back-off; once it is back, both
    // stay until the share stops, so nobody who copied either loses access (ShareBook::setStandIns).
    quint16 standInPort = 0; // 0: any, when it is asked for
    ForwardPhase standInPhase = ForwardPhase::Pending;
    // The port the share asks the relay for: the one it had, else the one its spec names; 0: any.
    quint16 ownPort() const { return boundPort ? boundPort : spec.remotePort; }
    qint64 retryAtMs = 0;
    Backoff backoff{1000, 10000}; // a port held elsewhere is asked for again at least every 10 s
    ShareCounters counters;
    Socket probe; // a connect in progress to see whether the node's port answers
    qint64 nextProbeMs = 0;
};

// The shares of one relay backend, on its worker thread: their health, the reports to the
// listener (on change, and a figure tick about once a second) and the node-port probes. Shared by
// the SSH relay and the LAN relay so both report alike.
class ShareBook {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::ShareBook)

public:
    ShareBook(RelayListener& listener, const QString& relayId, int healthIntervalMs, int probeIntervalMs);

    std::vector<std::unique_ptr<TrackedShare>>& shares() { return m_shares; }
    TrackedShare* find(const QString& name);
    TrackedShare& add(const ForwardSpec& spec);
    void remove(TrackedShare& share); // reported as stopped; the ledger keeps its port for a later publish

    // Whether a share whose port the relay refuses is served on a stand-in meanwhile (relays that listen
    // where they are asked: OpenSSH). Without stand-ins, a port remembered from an earlier run is given up
    // after a while and any port asked for instead.
    void setStandIns(bool on) { m_standIns = on; }
    // The relay listens for `share` on `port` now: remember it for the next run.
    void bound(TrackedShare& share, quint16 port);
    // The relay refused the port: retry it (an earlier session may still hold it). Returns the delay.
    int refused(TrackedShare& share);
    // The share's stand-in: whether one is to be asked for now, and the relay's answer to it.
    bool wantsStandIn(const TrackedShare& share) const;
    void standInBound(TrackedShare& share, quint16 port);
    void standInRefused(TrackedShare& share);

    void update(TrackedShare& share, SessionPhase phase);
    void updateAll(SessionPhase phase);
    void setRtt(int rttMs) { m_rttMs = rttMs; } // of the relay session; -1 unknown
    void setError(const QString& message);

    // Probes: poll entries for probes in flight, then their results.
    void startDueProbes(qint64 now);
    void appendProbeFds(std::vector<pollfd>& fds) const;
    void onProbeEvents(const pollfd* fds, SessionPhase phase); // fds: the entries appendProbeFds added
    void tick(qint64 now, SessionPhase phase);                 // pushes figures when due
    // Connection records: what a connection to `share` from address:port starts with, the reporter its
    // trace hands them to, and one that ended before any pump took it (refused at once, node unreachable).
    static ConnectionRecord recordFor(const TrackedShare& share, const QString& address, quint16 port);
    ConnectionTrace::Reporter reporter() const;
    void reportEnded(const TrackedShare& share, const QString& address, quint16 port, ConnectionEnd how);

    // A connection to the node (a probe, or a user's) succeeded (error 0) or failed with `error`.
    void nodeAnswered(TrackedShare& share, int error, SessionPhase phase);

private:
    static QString unreachableText(const TrackedShare& share);

    RelayListener& m_listener;
    ForwardLedger m_ledger;
    int m_healthIntervalMs;
    int m_probeIntervalMs;
    qint64 m_nextHealthMs = 0;
    int m_rttMs = -1;
    bool m_standIns = false;
    std::vector<std::unique_ptr<TrackedShare>> m_shares;
};

} // namespace labshare::tunnel
