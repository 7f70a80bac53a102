// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateEvents.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"
#include "tunnel/bookkeeping/ForwardSpec.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/bookkeeping/ShareHealth.h"
#include "tunnel/ssh/SshChoices.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>

namespace labshare::tunnel {

class RelayBackend;

// The tunnel engine as the rest of the app sees it: one relay (SSH or LAN) and its forwards on a
// worker thread of their own. Lives on the thread that creates it (the GUI thread in the app);
// every call returns at once and reports arrive as queued signals carrying value types.
class TunnelEngine : public QObject {
    Q_OBJECT

public:
    struct Options {
        HostKeyPolicy hostKeys = HostKeyPolicy::Refuse;
        SecretProvider secrets; // called on the worker thread
        int healthIntervalMs = 1000;
        int keepaliveIntervalMs = 3000;
    };

    TunnelEngine(RelayProfile relay, Options options, QObject* parent = nullptr);
    // Never waits: the worker is told to stop and ends on its own (reporting nothing any more).
    ~TunnelEngine() override;

    const RelayProfile& relay() const { return m_relay; }
    void publish(const ForwardSpec& spec);
    void unpublish(const QString& name);
    void trustHostKey(const QString& fingerprint);
    void retryLogin(); // a refused login waits for this (e.g. after signing in again)
    // What the gates of shares with an allow-list use from now on (null, the start: they admit nobody).
    void setGate(std::shared_ptr<const gate::GateSetup> setup);
    // The answer (a device code, then who signed in or why not) to gateSignInWanted(`answer.id`).
    void answerGate(const labshare::gate::SignInAnswer& answer);
    // Tears every forward down on the worker without waiting; `stopped` follows. Forwards asked for
    // afterwards are ignored.
    void stop();
    // Tears every forward down and stops the worker; waits for it (a few round trips at most; at once
    // after `stopped`). Not on the GUI thread: there, stop() and wait for `stopped`, or delete the engine.
    void shutdown();

Q_SIGNALS:
    void shareChanged(const labshare::tunnel::ShareHealth& health);
    void healthUpdated(const QList<labshare::tunnel::ShareHealth>& health);
    void hostKeyUnknown(const QString& fingerprint);
    void loginRefused(const QString& message);
    void stopped(); // the worker ended: nothing listens on the relay for these forwards any more
    // A student at a gated share wants to sign in: run a device sign-in, answer with answerGate().
    void gateSignInWanted(quint64 id, const QString& share);
    void gateSignInDropped(quint64 id); // that student left: the sign-in can end
    void gateVerdict(const labshare::gate::GateVerdict& verdict);
    // Forwarded connections that opened (record.end == Open) or ended (once more, the same id, with how), in the
    // order they did. Delivered in batches, up to kConnectionHoldMs late, but never after a report that came later.
    void connectionsChanged(const QList<labshare::tunnel::ConnectionRecord>& records);

private:
    // Where the worker's reports go: this engine until it is destroyed, then nowhere. Connection
    // reports are held for a moment and delivered together: under a stream of short connections, one
    // wake-up of this thread per batch instead of two per connection.
    class Outlet {
    public:
        explicit Outlet(TunnelEngine* engine)
            : m_engine(engine) {}
        void post(std::function<void()> report); // queued to the engine's thread, after the records held
        void postConnection(const ConnectionRecord& record);
        QList<ConnectionRecord> takeHeld();
        void close();

    private:
        QMutex m_mutex;
        TunnelEngine* m_engine;
        QList<ConnectionRecord> m_held;
    };
    static constexpr int kConnectionHoldMs = 50;

    RelayProfile m_relay;
    std::shared_ptr<Outlet> m_outlet;
    std::unique_ptr<RelayBackend> m_backend;
};

} // namespace labshare::tunnel
