// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientAuthentication.h"
#include "auth/IssuerMetadata.h"
#include "auth/OidcHttp.h"
#include "auth/TokenResponse.h"

#include <QObject>

namespace labshare::auth {

// What a sign-in needs to know: the issuer's endpoints, the client, the scopes, and for the browser
// flow the loopback port (0: any free one) and how long to wait for the browser to come back.
struct ClientRequest {
    IssuerMetadata issuer;
    ClientCredentials client;
    QString scope;
    int redirectPort = 0;
    int browserTimeoutSeconds = 300;
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
    // POSTs to the token endpoint, or to an endpoint that authenticates the client the same way
    // (the device authorization endpoint, RFC 8628 §3.1).
    void postAsClient(const QUrl& endpoint, FormFields fields, AnswerCallback done);

    OidcHttp m_http;
    ClientRequest m_request;
};

} // namespace labshare::auth
