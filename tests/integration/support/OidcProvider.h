// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BrowserUser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace labshare::testsupport {

// What the token endpoint handed out, or why it did not.
struct FixtureTokens {
    QByteArray accessToken, refreshToken, idToken;
    int expiresIn = 0;
    QString error; // empty on success; else "HTTP 400 authorization_pending: description" and the like
};

// A real OpenID provider on 127.0.0.1: tests/fixtures/oidc/provider.mjs (npm oidc-provider) run by node with
// one public native client, "labshare-test", PKCE S256 required, and the accounts alice/alice-pass and
// bob/bob-pass. start() arguments go to provider.mjs (--access-ttl S, --rotate-refresh no, --client-secret S,
// --large-access-tokens, ...; see tests/fixtures/oidc/README.md). The client-side helpers below wait for
// each answer (at most 10 s) by spinning the calling thread's event loop: tests only.
class OidcProvider {
public:
    OidcProvider();
    ~OidcProvider(); // SIGTERM, then SIGKILL
    OidcProvider(const OidcProvider&) = delete;
    OidcProvider& operator=(const OidcProvider&) = delete;

    // Starts the provider and waits (at most 20 s) until it says it listens. A missing node, a fixture
    // that was not installed or a provider that dies is a failure with error() saying which.
    [[nodiscard]] bool start(const QStringList& args = {});
    void stop();
    bool isRunning() const;

    QUrl issuer() const { return m_issuer; } // http://127.0.0.1:PORT
    QString clientId() const { return m_clientId; }
    // The client the helpers below act as: "labshare-test" (the default), or the fixture's "other-app", another
    // application of the same issuer whose tokens are not meant for LabShare.
    void setClientId(const QString& clientId) { m_clientId = clientId; }
    // The secret postAsClient (and so requestTokens, refresh, revoke) puts in the form as client_secret, for a
    // provider started with --client-secret; empty (the default) sends none, as the public client does.
    void setClientSecret(const QString& secret) { m_clientSecret = secret; }
    // The port signInByHand's loopback redirect URI listens on, for a provider started with
    // --exact-redirect-port; 0 (the default) takes any free one, as a native app does.
    void setCallbackPort(quint16 port) { m_callbackPort = port; }
    QString error() const { return m_error; }
    QString log() const; // the provider's stderr so far

    // The discovery document (/.well-known/openid-configuration), fetched once; empty on failure.
    QJsonObject discovery();
    // An endpoint named in the discovery document ("token_endpoint", ...); empty when there is none.
    QUrl endpoint(const QString& name);

    // A complete authorization code flow with PKCE as a native app does it: a one-shot HTTP server on
    // 127.0.0.1:0 as the redirect URI, a BrowserUser signing in as `user`, then the token request.
    [[nodiscard]] FixtureTokens
    signInByHand(const QString& user, const QString& password,
                 const QString& scope = QStringLiteral("openid email profile offline_access"));
    // POSTs `grant` (client_id, and the client secret when set, added) to the token endpoint.
    [[nodiscard]] FixtureTokens requestTokens(QUrlQuery grant);
    [[nodiscard]] FixtureTokens refresh(const QByteArray& refreshToken);
    // RFC 7009 revocation; `hint` is "access_token" or "refresh_token" (or empty). True on HTTP 200.
    [[nodiscard]] bool revoke(const QByteArray& token, const QString& hint);
    // The userinfo endpoint's answer for `accessToken`; empty (and error() set) when it refuses it.
    [[nodiscard]] QJsonObject userinfo(const QByteArray& accessToken);
    // A form POST from the client (client_id, and the client secret when set, added) to the endpoint named
    // `endpointName` in discovery.
    [[nodiscard]] HttpPage postAsClient(const QString& endpointName, QUrlQuery form);
    // How many requests the provider has received so far, by path ("/token/introspection": 3, ...): the
    // fixture's own /_fixture/requests. Empty (and error() set) when it does not answer.
    [[nodiscard]] QJsonObject requestCounts();

private:
    QString fixtureDir() const;
    bool fail(const QString& message);

    QProcess m_process;
    QNetworkAccessManager m_network;
    QUrl m_issuer;
    QJsonObject m_discovery;
    QString m_log;
    QString m_error;
    QString m_clientSecret;
    QString m_clientId = QStringLiteral("labshare-test");
    quint16 m_callbackPort = 0;
};

} // namespace labshare::testsupport
