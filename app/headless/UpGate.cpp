// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpGate.h"

#include "Console.h"
#include "GateKey.h"
#include "tunnel/TunnelEngine.h"

#include <QEventLoop>

namespace labshare::app {

UpGate::UpGate(const auth::AuthConfig& provider)
    : m_auth(provider) {}

Result<std::unique_ptr<UpGate>> UpGate::prepare(const auth::AuthConfig& provider) {
    std::unique_ptr<UpGate> gate(new UpGate(provider));
    std::optional<Result<gate::TlsIdentity>> key;
    std::optional<Result<auth::IssuerMetadata>> issuer;
    auth::ClientCredentials client;
    QEventLoop wait; // before the verb's own event loop starts: nothing else runs yet
    const auto maybeQuit = [&] {
        if (key && issuer)
            wait.quit();
    };
    loadGateKey(gate->m_auth.store(), &wait, [&](const Result<gate::TlsIdentity>& loaded) {
        key = loaded;
        maybeQuit();
    });
    gate->m_auth.session().withClient(
        [&](const Result<auth::IssuerMetadata>& metadata, const auth::ClientCredentials& credentials) {
            issuer = metadata;
            client = credentials;
            maybeQuit();
        });
    if (!key || !issuer)
        wait.exec();
    if (!*key)
        return key->error();
    if (!*issuer)
        return issuer->error();
    if ((*issuer)->deviceAuthorizationEndpoint.isEmpty())
        return makeError(ErrorCode::BadInput,
                         tr("%1 offers no device sign-in, which the gate needs to sign students in")
                             .arg(provider.issuer.toString()));
    auto tickets = std::make_shared<gate::TicketBook>(gateTicketsPath());
    if (const Result<bool> loaded = tickets->load(); !loaded)
        printProblem(loaded.error().message);
    gate->m_setup = std::make_shared<const gate::GateSetup>(gate::GateSetup{**key, tickets, {}});
    gate->m_signIns = std::make_unique<GateSignIns>(gate->m_auth.network(), **issuer, client);
    return gate;
}

void UpGate::attach(tunnel::TunnelEngine& engine) {
    engine.setGate(m_setup);
    m_signIns->attach(engine);
}

} // namespace labshare::app
