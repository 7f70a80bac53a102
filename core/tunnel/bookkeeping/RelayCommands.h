// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateEvents.h"
#include "tunnel/bookkeeping/ForwardSpec.h"
#include "tunnel/net/Socket.h"

#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace labshare::tunnel {

struct RelayCommand {
    enum class Kind { Add, Remove, TrustHostKey, RetryLogin, GateAnswer, SetGate, Stop };
    Kind kind = Kind::Add;
    ForwardSpec spec;
    QString text;                                     // share name for Remove, fingerprint for TrustHostKey
    gate::SignInAnswer gate;                          // GateAnswer
    std::shared_ptr<const gate::GateSetup> gateSetup; // SetGate (null: gated shares admit nobody)

    static RelayCommand of(Kind kind) {
        RelayCommand c;
        c.kind = kind;
        return c;
    }
    static RelayCommand add(const ForwardSpec& spec) {
        RelayCommand c = of(Kind::Add);
        c.spec = spec;
        return c;
    }
    static RelayCommand withText(Kind kind, const QString& text) {
        RelayCommand c = of(kind);
        c.text = text;
        return c;
    }
    static RelayCommand answer(const gate::SignInAnswer& answer) {
        RelayCommand c = of(Kind::GateAnswer);
        c.gate = answer;
        return c;
    }
    static RelayCommand setGate(std::shared_ptr<const gate::GateSetup> setup) {
        RelayCommand c = of(Kind::SetGate);
        c.gateSetup = std::move(setup);
        return c;
    }
};

// The mailbox between the engine's thread and a relay worker: a locked queue plus a waker that
// interrupts the worker's poll, and the socket of a connect in progress, so that stopping never
// waits for a TCP or SSH timeout.
class RelayCommands {
public:
    void post(RelayCommand command);
    std::vector<RelayCommand> take();
    int wakeFd() const { return m_waker.fd(); }
    // Readable once stop is posted and from then on: what a connect in progress gives up on (any other
    // command waits for the worker's next turn).
    int stopFd() const { return m_stopWaker.fd(); }
    void drainWake() const { m_waker.drain(); }
    bool stopping() const { return m_stopping.load(); }
    std::atomic<int>& connectingFd() { return m_connectingFd; }
    void clearConnectingFd(); // under the lock, so post() never shuts down a reused descriptor

private:
    QMutex m_mutex;
    std::vector<RelayCommand> m_queue;
    Waker m_waker;
    Waker m_stopWaker; // never drained: stopping is final
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_connectingFd{-1};
};

} // namespace labshare::tunnel
