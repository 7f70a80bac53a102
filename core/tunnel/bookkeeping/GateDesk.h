// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/BrowserSignIns.h"
#include "gate/GateEvents.h"
#include "gate/GateSession.h"
#include "gate/HttpGate.h"
#include "tunnel/bookkeeping/ConnectionQuota.h"
#include "tunnel/bookkeeping/RelayBackend.h"
#include "tunnel/bookkeeping/ShareBook.h"
#include "tunnel/net/GatedSplice.h"

#include <map>
#include <memory>
#include <vector>

struct pollfd;

namespace labshare::tunnel {

// The gated connections of one relay backend, on its worker thread: a GatedSplice for each
// connection to a share with an allow-list (a LAN client's socket, or the local end of a socket pair
// whose other end an SSH relay's forwarded channel feeds), the sign-ins they ask for (through the listener, to
// the thread that talks to the identity provider) and the answers back, and every verdict reported.
// Without a setup (no identity provider configured) a gated share admits nobody. A new setup applies
// to connections from then on; those at a gate already finish with the one they started with.
class GateDesk {
public:
    // `silentLimitMs`: how long a client may stay silent after connecting before it is closed.
    explicit GateDesk(RelayListener& listener, int silentLimitMs = GatedSplice::kSilentLimitMs);
    ~GateDesk();

    void setSetup(std::shared_ptr<const gate::GateSetup> setup);
    bool isReady() const { return m_setup != nullptr; }
    // `from`: the client's address as the relay tells it (HTTP shares bind browser tickets to it). `slot`: its
    // place in the relay's connection quota, held until it ends.
    // `fromPort`: the client's port, where the relay tells it (0: not).
    void accept(Socket client, TrackedShare& share, const QString& from, qint64 nowMs, ConnectionQuota::Slot slot = {},
                quint16 fromPort = 0);
    // How connections still at a gate end if they are closed from now on (the relay was lost).
    void setEndOnClose(ConnectionEnd how);
    void forget(const TrackedShare& share); // the share stops: its connections close
    void clear();

    // Two fds per connection (client, node); returns how many connections they cover.
    std::size_t appendFds(std::vector<pollfd>& fds) const;
    // The events of the first `polled` connections, those appendFds covered: connections accepted since
    // (while the poll's other events were handled) have no fds in `fds` yet.
    void onEvents(const pollfd* fds, std::size_t polled, ShareBook& book, SessionPhase phase);
    void answer(const gate::SignInAnswer& answer);
    void tick(qint64 nowMs);

private:
    struct Entry {
        std::shared_ptr<const gate::GateSetup> setup; // what its session refers to
        std::shared_ptr<const gate::GatedShare> gated;
        std::unique_ptr<GatedSplice> splice;
        TrackedShare* share = nullptr;
        quint64 signInId = 0; // 0: no sign-in asked for
        QString admitted;     // who, once the gate let them in
        QString from;         // the client's address, as the relay told it
        ConnectionQuota::Slot slot;
    };
    void report(); // sign-ins to ask for, verdicts to tell, finished connections to drop
    void tell(const gate::GateVerdict& verdict);
    bool drop(const Entry& e); // tells who left or which sign-in is no longer wanted; true
    int signInsUnderWayFrom(const QString& from) const;

    std::shared_ptr<const gate::GateSetup> m_setup;
    RelayListener& m_listener;
    int m_silentLimitMs;
    std::map<const TrackedShare*, std::shared_ptr<const gate::GatedShare>> m_shares;
    std::vector<Entry> m_entries;
    gate::BrowserSignIns m_browserSignIns; // outlive connections: a browser signs in across reloads
    quint64 m_nextId = 1;
};

} // namespace labshare::tunnel
