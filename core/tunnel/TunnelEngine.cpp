// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/TunnelEngine.h"
#include "tunnel/bookkeeping/InstallationId.h"
#include "tunnel/lan/LanRelay.h"
#include "tunnel/ssh/RelaySession.h"

#include <QPointer>

namespace labshare::tunnel {

TunnelEngine::TunnelEngine(RelayProfile relay, Options options, QObject* parent)
    : QObject(parent)
    , m_relay(std::move(relay)) {
    qRegisterMetaType<ShareHealth>();
    qRegisterMetaType<QList<ShareHealth>>();
    qRegisterMetaType<gate::GateVerdict>();
    qRegisterMetaType<ConnectionRecord>();
    // The backend calls these on its worker thread; each hops to this object's thread.
    RelayListener listener;
    listener.shareChanged = [this](const ShareHealth& h) {
        QMetaObject::invokeMethod(
            this, [this, h] { Q_EMIT shareChanged(h); }, Qt::QueuedConnection);
    };
    listener.healthTick = [this](const QList<ShareHealth>& all) {
        QMetaObject::invokeMethod(
            this, [this, all] { Q_EMIT healthUpdated(all); }, Qt::QueuedConnection);
    };
    listener.hostKeyUnknown = [this](const QString& fingerprint) {
        QMetaObject::invokeMethod(
            this, [this, fingerprint] { Q_EMIT hostKeyUnknown(fingerprint); }, Qt::QueuedConnection);
    };
    listener.loginRefused = [this](const QString& message) {
        QMetaObject::invokeMethod(
            this, [this, message] { Q_EMIT loginRefused(message); }, Qt::QueuedConnection);
    };
    listener.gateSignInWanted = [this](quint64 id, const QString& share) {
        QMetaObject::invokeMethod(
            this, [this, id, share] { Q_EMIT gateSignInWanted(id, share); }, Qt::QueuedConnection);
    };
    listener.gateSignInDropped = [this](quint64 id) {
        QMetaObject::invokeMethod(
            this, [this, id] { Q_EMIT gateSignInDropped(id); }, Qt::QueuedConnection);
    };
    listener.gateVerdict = [this](const gate::GateVerdict& verdict) {
        QMetaObject::invokeMethod(
            this, [this, verdict] { Q_EMIT gateVerdict(verdict); }, Qt::QueuedConnection);
    };
    listener.connection = [this](const ConnectionRecord& record) {
        QMetaObject::invokeMethod(
            this, [this, record] { Q_EMIT connectionChanged(record); }, Qt::QueuedConnection);
    };
    listener.stopped = [this] {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT stopped(); }, Qt::QueuedConnection);
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
    shutdown();
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
