// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/StudentSignIn.h"

namespace labshare::auth {

namespace {

// Only what says who someone is: no offline_access, so the provider issues no refresh token.
const QString kScope = QStringLiteral("openid email profile");

} // namespace

StudentSignIn::StudentSignIn(QNetworkAccessManager& network, IssuerMetadata issuer, ClientCredentials client,
                             QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_http(network)
    , m_issuer(std::move(issuer))
    , m_client(std::move(client)) {}

StudentSignIn::~StudentSignIn() {
    cancel();
}

void StudentSignIn::start() {
    cancel();
    m_flow = std::make_unique<DeviceAuthorization>(m_network, ClientRequest{m_issuer, m_client, kScope});
    connect(m_flow.get(), &DeviceAuthorization::codeReady, this, &StudentSignIn::codeReady);
    connect(m_flow.get(), &SignInFlow::succeeded, this, &StudentSignIn::onTokens);
    connect(m_flow.get(), &SignInFlow::failed, this, &StudentSignIn::failed);
    m_flow->start();
}

void StudentSignIn::cancel() {
    if (m_flow) {
        m_flow->cancel();
        m_flow.release()->deleteLater(); // it may be inside its own signal right now
    }
}

void StudentSignIn::onTokens(const TokenResponse& tokens) {
    if (tokens.idToken.isEmpty()) {
        Q_EMIT failed(tr("the identity provider answered without an ID token, so who signed in is unknown"));
        return;
    }
    Result<Identity> identity = readIdToken(tokens.idToken.exposed(), m_issuer.issuer, m_client.clientId);
    if (!identity) {
        Q_EMIT failed(identity.error().message);
        return;
    }
    const bool complete = !identity->email.isEmpty() && identity->emailVerification != EmailVerification::Unstated;
    if (complete || m_issuer.userinfoEndpoint.isEmpty()) {
        Q_EMIT identified(*identity);
        return;
    }
    // The ID token may carry only the subject; userinfo (for that same subject) says the rest.
    m_http.getWithBearer(m_issuer.userinfoEndpoint, tokens.accessToken, this,
                         [this, known = *identity](const HttpAnswer& answer) {
                             Q_EMIT identified(answer.succeeded() ? withUserInfo(known, answer.body) : known);
                         });
}

} // namespace labshare::auth
