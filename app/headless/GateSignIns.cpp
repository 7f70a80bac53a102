// SPDX-License-Identifier: GPL-3.0-or-later
#include "GateSignIns.h"

#include "auth/StudentSignIn.h"
#include "tunnel/TunnelEngine.h"

namespace labshare::app {

GateSignIns::GateSignIns(QNetworkAccessManager& network, auth::IssuerMetadata issuer, auth::ClientCredentials client,
                         QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_issuer(std::move(issuer))
    , m_client(std::move(client)) {}

GateSignIns::~GateSignIns() = default;

void GateSignIns::attach(tunnel::TunnelEngine& engine) {
    m_engine = &engine;
    connect(&engine, &tunnel::TunnelEngine::gateSignInWanted, this, [this](quint64 id) { start(id); });
    connect(&engine, &tunnel::TunnelEngine::gateSignInDropped, this, [this](quint64 id) {
        if (const auto found = m_running.find(id); found != m_running.end()) {
            found->second.release()->deleteLater(); // it may be inside its own signal right now
            m_running.erase(found);
        }
    });
}

void GateSignIns::start(quint64 id) {
    auto signIn = std::make_unique<auth::StudentSignIn>(m_network, m_issuer, m_client);
    const auto answer = [this](gate::SignInAnswer reply) {
        if (m_engine)
            m_engine->answerGate(reply);
    };
    const auto done = [this, id] {
        if (const auto found = m_running.find(id); found != m_running.end()) {
            found->second.release()->deleteLater();
            m_running.erase(found);
        }
    };
    connect(signIn.get(), &auth::StudentSignIn::codeReady, this, [answer, id](const auth::DeviceCode& code) {
        answer({id, code, std::nullopt, {}});
    });
    connect(signIn.get(), &auth::StudentSignIn::identified, this, [answer, done, id](const auth::Identity& who) {
        answer({id, std::nullopt, who, {}});
        done();
    });
    connect(signIn.get(), &auth::StudentSignIn::failed, this, [answer, done, id](const QString& message) {
        answer({id, std::nullopt, std::nullopt, message});
        done();
    });
    signIn->start();
    m_running[id] = std::move(signIn);
}

} // namespace labshare::app
