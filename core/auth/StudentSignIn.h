// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientAuthentication.h"
#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "auth/IssuerMetadata.h"
#include "auth/OidcHttp.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace labshare::auth {

// Who a student is, for the gate of an identity-aware share: a device sign-in (RFC 8628) at the
// instructor's identity provider with the instructor's client, polled here. The student only sees
// the code and the link; their tokens go from the token endpoint straight to this object, which
// reads the identity from the ID token (issuer and audience checked: a token minted for another
// client is refused) and from userinfo, then drops every token. Nothing is stored.
class StudentSignIn : public QObject {
    Q_OBJECT

public:
    StudentSignIn(QNetworkAccessManager& network, IssuerMetadata issuer, ClientCredentials client,
                  QObject* parent = nullptr);
    ~StudentSignIn() override;

    void start();
    void cancel(); // no signal follows

Q_SIGNALS:
    void codeReady(const labshare::auth::DeviceCode& code);
    void identified(const labshare::auth::Identity& identity);
    void failed(const QString& message);

private:
    void onTokens(const TokenResponse& tokens);

    QNetworkAccessManager& m_network;
    OidcHttp m_http;
    IssuerMetadata m_issuer;
    ClientCredentials m_client;
    std::unique_ptr<DeviceAuthorization> m_flow;
};

} // namespace labshare::auth
