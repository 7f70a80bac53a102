// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "tunnel/bookkeeping/ConnectionQuota.h"
#include "tunnel/bookkeeping/GateDesk.h"
#include "tunnel/bookkeeping/RelayBackend.h"
#include "tunnel/bookkeeping/RelayCommands.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/bookkeeping/ShareBook.h"
#include "tunnel/bookkeeping/WorkerThread.h"
#include "tunnel/net/SocketSplice.h"

#include <map>
#include <memory>
#include <vector>

namespace labshare::tunnel {

// The relay that needs no relay: for each share, a listener on one of this machine's addresses
// (the classroom network) that joins every connection to the node, or for a share with an
// allow-list, hands it to the gate first. Before either, a client from outside the profile's allow=
// networks, or over a connection cap (ConnectionQuota: per share, per source address, in all), is
// closed at once and counted as refused. Same health reports as an SSH relay; everything runs on
// this object's worker thread.
class LanRelay final : public RelayBackend {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::LanRelay)

public:
    struct Options {
        int healthIntervalMs = 1000;
        int probeIntervalMs = 10000;
        int silentGateMs = GatedSplice::kSilentLimitMs; // a gated share's client sends a byte by then, or goes
    };

    LanRelay(RelayProfile profile, Options options, RelayListener listener);
    ~LanRelay() override;

    void start() override;
    void addForward(const ForwardSpec& spec) override;
    void removeForward(const QString& name) override;
    void trustHostKey(const QString&) override {}
    void retryLogin() override {}
    void requestStop() override;
    void shutdown() override;
    [[nodiscard]] bool release() override;
    void setGate(std::shared_ptr<const gate::GateSetup> setup) override;
    void answerGate(const gate::SignInAnswer& answer) override;

private:
    struct Splice {
        std::unique_ptr<SocketSplice> splice;
        TrackedShare* share;
        ConnectionQuota::Slot slot;
    };

    void run();
    bool handleCommands();
    void listen(TrackedShare& share, qint64 now);
    void accept(TrackedShare& share, qint64 now);

    RelayProfile m_profile;
    QString m_address;
    RelayListener m_listener;
    RelayCommands m_commands;
    ShareBook m_book;
    ConnectionQuota m_quota; // before the connections that hold its slots
    std::map<TrackedShare*, Socket> m_listeners;
    std::vector<Splice> m_splices;
    GateDesk m_gates;
    WorkerThread m_thread; // detached: it deletes this object when it ends after release()
};

} // namespace labshare::tunnel
