// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateEvents.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"
#include "tunnel/bookkeeping/ForwardSpec.h"
#include "tunnel/bookkeeping/ShareHealth.h"

#include <QList>
#include <QString>

#include <functional>

namespace labshare::tunnel {

// What a backend reports, called on the backend's own worker thread: marshal before touching
// anything that belongs to another thread.
struct RelayListener {
    std::function<void(const ShareHealth&)> shareChanged;           // a share's state, address or error changed
    std::function<void(const QList<ShareHealth>&)> healthTick;      // every share's figures, about once a second
    std::function<void(const QString& fingerprint)> hostKeyUnknown; // the relay's key needs the user's decision
    std::function<void(const QString& message)> loginRefused;       // the relay refused the login: no retry until asked
    std::function<void()> stopped; // the last call: every forward is torn down and the worker is about to end
    // A connection to a gated share wants a sign-in: answer with answerGate() (the code, then who).
    std::function<void(quint64 id, const QString& share)> gateSignInWanted;
    std::function<void(quint64 id)> gateSignInDropped; // the connection asking for it is gone
    std::function<void(const gate::GateVerdict&)> gateVerdict;
    // A forwarded connection opened (end == Open) or ended (once, with its figures and how).
    std::function<void(const ConnectionRecord&)> connection;
};

// One relay and all of its forwards, on one worker thread for its whole life. Every method is
// thread-safe and returns at once, except shutdown(), which waits until every forward is torn down
// (at once when the listener already heard `stopped` after requestStop()), and so is never called on
// the GUI thread: there, requestStop() then release() let go without waiting.
class RelayBackend {
public:
    virtual ~RelayBackend() = default;

    virtual void start() = 0;
    virtual void addForward(const ForwardSpec& spec) = 0;
    virtual void removeForward(const QString& name) = 0;
    virtual void trustHostKey(const QString& fingerprint) = 0;
    virtual void retryLogin() = 0;  // after a refused login, once the user signed in again
    virtual void requestStop() = 0; // tears every forward down on the worker; the listener hears `stopped`
    // Gated shares: what their gate uses from now on (null: they admit nobody), and a sign-in
    // answer for the connection that asked.
    virtual void setGate(std::shared_ptr<const gate::GateSetup> setup) = 0;
    virtual void answerGate(const gate::SignInAnswer& answer) = 0;
    virtual void shutdown() = 0;
    // The owner lets go (after requestStop()). True: the worker has ended, delete the backend now. False:
    // the worker deletes it once it ends; until then it may still call the listener, which must cope.
    [[nodiscard]] virtual bool release() = 0;
};

} // namespace labshare::tunnel
