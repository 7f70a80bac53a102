// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopGate.h"

#include "DesktopLogging.h"
#include "GateKey.h"
#include "GateSignIns.h"
#include "auth/AuthSession.h"
#include "tunnel/TunnelEngine.h"

#include <optional>

namespace labshare::app {

DesktopGate::DesktopGate(auth::AuthSession& session, secrets::SecretStore& store, QNetworkAccessManager& network,
                         QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_network(network) {}

DesktopGate::~DesktopGate() = default;

QString DesktopGate::fingerprint() const {
    return m_setup ? m_setup->identity.fingerprint() : QString();
}

void DesktopGate::prepare() {
    if (m_state == State::Unprepared || m_state == State::Failed)
        start();
}

void DesktopGate::providerChanged() {
    if (m_state != State::Unprepared)
        start();
}

void DesktopGate::start() {
    const quint64 generation = ++m_generation;
    m_state = State::Preparing;
    m_problem.clear();
    Q_EMIT stateChanged(m_state);
    if (!m_session.config().isComplete()) {
        fail(tr("no identity provider is set (Account → Identity provider…)"));
        return;
    }
    // Both answers arrive as callbacks, in either order; the later one finishes.
    struct Pending {
        std::optional<Result<gate::TlsIdentity>> key;
        std::optional<Result<auth::IssuerMetadata>> issuer;
        auth::ClientCredentials client;
    };
    auto pending = std::make_shared<Pending>();
    const auto maybeFinish = [this, generation, pending] {
        if (generation == m_generation && pending->key && pending->issuer)
            finish(*pending->key, *pending->issuer, pending->client);
    };
    loadGateKey(m_store, this, [pending, maybeFinish](const Result<gate::TlsIdentity>& key) {
        pending->key = key;
        maybeFinish();
    });
    QPointer<DesktopGate> guard(this);
    m_session.withClient([guard, pending, maybeFinish](const Result<auth::IssuerMetadata>& issuer,
                                                       const auth::ClientCredentials& client) {
        if (!guard)
            return;
        pending->issuer = issuer;
        pending->client = client;
        maybeFinish();
    });
}

void DesktopGate::finish(const Result<gate::TlsIdentity>& key, const Result<auth::IssuerMetadata>& issuer,
                         const auth::ClientCredentials& client) {
    if (!key) {
        fail(key.error().message);
        return;
    }
    if (!issuer) {
        fail(issuer.error().message);
        return;
    }
    if (issuer->deviceAuthorizationEndpoint.isEmpty()) {
        fail(tr("%1 offers no device sign-in, which the gate needs to sign students in")
                 .arg(m_session.config().issuer.toString()));
        return;
    }
    if (!m_tickets) { // one book for the whole run: a new provider does not sign students out
        m_tickets = std::make_shared<gate::TicketBook>(gateTicketsPath());
        if (const Result<bool> loaded = m_tickets->load(); !loaded)
            qCWarning(lcDesktop) << "gate tickets:" << loaded.error().message;
    }
    m_setup = std::make_shared<const gate::GateSetup>(
        gate::GateSetup{*key, m_tickets, m_session.account().identity.displayName()});
    m_issuer = *issuer;
    m_client = client;
    m_state = State::Ready;
    qCInfo(lcDesktop) << "the gate is ready, key" << fingerprint();
    equip();
    Q_EMIT stateChanged(m_state);
}

void DesktopGate::fail(const QString& problem) {
    m_state = State::Failed;
    m_problem = problem;
    m_setup.reset();
    qCInfo(lcDesktop) << "no gate:" << problem;
    equip();
    Q_EMIT stateChanged(m_state);
}

void DesktopGate::attach(tunnel::TunnelEngine* engine) {
    m_engine = engine;
    equip();
}

void DesktopGate::equip() {
    delete m_signIns.data(); // the engine's sign-ins for the provider before
    if (!m_engine)
        return;
    m_engine->setGate(m_setup);
    if (!m_setup)
        return;
    auto* signIns = new GateSignIns(m_network, m_issuer, m_client, m_engine);
    signIns->attach(*m_engine);
    m_signIns = signIns;
}

void DesktopGate::signOut(const QString& identity) {
    if (!m_tickets)
        return;
    if (identity.isEmpty())
        m_tickets->revokeAll();
    else
        m_tickets->revoke(identity);
}

} // namespace labshare::app
