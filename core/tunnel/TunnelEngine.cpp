// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/TunnelEngine.h"
#include "tunnel/bookkeeping/InstallationId.h"
#include "tunnel/lan/LanRelay.h"
#include "tunnel/ssh/RelaySession.h"

#include <QMutexLocker>
#include <QTimer>

namespace labshare::tunnel {

void TunnelEngine::Outlet::post(std::function<void()> report) {
    const QMutexLocker lock(&m_mutex);
    if (!m_engine)
        return;
    if (m_held.isEmpty()) {
        QMetaObject::invokeMethod(m_engine, std::move(report), Qt::QueuedConnection);
        return;
    }
    TunnelEngine* engine = m_engine;
    QMetaObject::invokeMethod(
        m_engine,
        [engine, held = std::exchange(m_held, {}), report = std::move(report)] {
            Q_EMIT engine->connectionsChanged(held);
            report();
        },
        Qt::QueuedConnection);
}

void TunnelEngine::Outlet::postConnection(const ConnectionRecord& record) {
    const QMutexLocker lock(&m_mutex);
    if (!m_engine)
        return;
    m_held.append(record);
    if (m_held.size() > 1)
        return; // a delivery is on its way
    TunnelEngine* engine = m_engine;
    QMetaObject::invokeMethod(
        m_engine,
        [engine] {
            QTimer::singleShot(kConnectionHoldMs, engine, [engine] {
                if (const QList<ConnectionRecord> held = engine->m_outlet->takeHeld(); !held.isEmpty())
                    Q_EMIT engine->connectionsChanged(held);
            });
        },
        Qt::QueuedConnection);
}

QList<ConnectionRecord> TunnelEngine::Outlet::takeHeld() {
    const QMutexLocker lock(&m_mutex);
    return std::exchange(m_held, {});
}

void TunnelEngine::Outlet::close() {
    const QMutexLocker lock(&m_mutex);
    m_engine = nullptr;
    m_held.clear();
}

TunnelEngine::TunnelEngine(RelayProfile relay, Options options, QObject* parent)
    : QObject(parent)
    , m_relay(std::move(relay))
    , m_outlet(std::make_shared<Outlet>(this)) {
    qRegisterMetaType<ShareHealth>();
    qRegisterMetaType<QList<ShareHealth>>();
    qRegisterMetaType<gate::GateVerdict>();
    qRegisterMetaType<ConnectionRecord>();
    qRegisterMetaType<QList<ConnectionRecord>>();
    // The backend calls these on its worker thread; each hops to this object's thread, while it exists.
    auto outlet = m_outlet;
    RelayListener listener;
    listener.shareChanged = [this, outlet](const ShareHealth& h) {
        outlet->post([this, h] { Q_EMIT shareChanged(h); });
    };
    listener.healthTick = [this, outlet](const QList<ShareHealth>& all) {
        outlet->post([this, all] { Q_EMIT healthUpdated(all); });
    };
    listener.hostKeyUnknown = [this, outlet](const QString& fingerprint) {
        outlet->post([this, fingerprint] { Q_EMIT hostKeyUnknown(fingerprint); });
    };
    listener.loginRefused = [this, outlet](const QString& message) {
        outlet->post([this, message] { Q_EMIT loginRefused(message); });
    };
    listener.gateSignInWanted = [this, outlet](quint64 id, const QString& share) {
        outlet->post([this, id, share] { Q_EMIT gateSignInWanted(id, share); });
    };
    listener.gateSignInDropped = [this, outlet](quint64 id) {
        outlet->post([this, id] { Q_EMIT gateSignInDropped(id); });
    };
    listener.gateVerdict = [this, outlet](const gate::GateVerdict& verdict) {
        outlet->post([this, verdict] { Q_EMIT gateVerdict(verdict); });
    };
    listener.connection = [outlet](const ConnectionRecord& record) {
        outlet->postConnection(record);
    };
    listener.stopped = [this, outlet] {
        outlet->post([this] { Q_EMIT stopped(); });
    };
    if (m_relay.isLan()) {
        LanRelay::Options lan;
        lan.healthIntervalMs = options.healthIntervalMs;
        m_backend = std::make_unique<LanRelay>(m_relay, lan, std::move(listener));
    } else {
        RelayWorkerOptions ssh;
        ssh.hostKeys = options.hostKeys;
        ssh.secrets = std::move(options.secrets);
        ssh.healthIntervalMs = options.healthIntervalMs;
        ssh.keepaliveIntervalMs = options.keepaliveIntervalMs;
        ssh.installationId = installationId();
        m_backend = std::make_unique<RelaySession>(m_relay, std::move(ssh), std::move(listener));
    }
    m_backend->start();
}

TunnelEngine::~TunnelEngine() {
    m_outlet->close(); // a worker that outlives this object reports to nobody
    m_backend->requestStop();
    if (RelayBackend* backend = m_backend.release(); backend->release())
        delete backend; // its worker has ended; otherwise the worker deletes it when it does
}

void TunnelEngine::publish(const ForwardSpec& spec) {
    m_backend->addForward(spec);
}

void TunnelEngine::setGate(std::shared_ptr<const gate::GateSetup> setup) {
    m_backend->setGate(std::move(setup));
}

void TunnelEngine::answerGate(const gate::SignInAnswer& answer) {
    m_backend->answerGate(answer);
}

void TunnelEngine::unpublish(const QString& name) {
    m_backend->removeForward(name);
}

void TunnelEngine::trustHostKey(const QString& fingerprint) {
    m_backend->trustHostKey(fingerprint);
}

void TunnelEngine::retryLogin() {
    m_backend->retryLogin();
}

void TunnelEngine::stop() {
    m_backend->requestStop();
}

void TunnelEngine::shutdown() {
    m_backend->shutdown();
}

} // namespace labshare::tunnel
