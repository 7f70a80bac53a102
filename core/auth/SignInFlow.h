// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/IssuerMetadata.h"
#include "auth/OidcHttp.h"
#include "auth/TokenResponse.h"

#include <QObject>

namespace labshare::auth {

// What a sign-in needs to know about the client: the issuer's endpoints, our client id and scopes.
struct ClientRequest {
    IssuerMetadata issuer;
    QString clientId;
    QString scope;
};

// One interactive sign-in, ending in exactly one of succeeded() or failed(), unless cancelled.
class SignInFlow : public QObject {
    Q_OBJECT

public:
    SignInFlow(QNetworkAccessManager& network, ClientRequest request, QObject* parent = nullptr);

    virtual void start() = 0;
    virtual void cancel() = 0; // no signal follows

Q_SIGNALS:
    void succeeded(const labshare::auth::TokenResponse& tokens);
    void failed(const QString& message);

protected:
    OidcHttp m_http;
    ClientRequest m_request;
};

} // namespace labshare::auth
