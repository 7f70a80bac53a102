// SPDX-License-Identifier: GPL-3.0-or-later
// Proves the OpenID provider fixture (tests/fixtures/oidc, npm oidc-provider on 127.0.0.1) and the test support
// that drives it (OidcProvider, BrowserUser): the code flow with PKCE, the device flow, refresh with and
// without rotation, revocation, access tokens as large as real IdPs issue, and the switches that make the
// fixture behave like real providers (no ID token on refresh, revocation refused to public clients, exact
// redirect URIs, a client secret, unverified addresses, nonstandard errors). It does not test LabShare's own
// sign-in code; tests of core/auth build on this.
#include "BrowserUser.h"
#include "FreePort.h"
#include "OidcProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace labshare::testsupport;

namespace {

QJsonObject jwtPayload(const QByteArray& jwt) {
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return QJsonObject();
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();
}

QJsonObject json(const HttpPage& page) {
    return QJsonDocument::fromJson(page.body).object();
}

QUrlQuery deviceCodeGrant(const QString& deviceCode) {
    QUrlQuery grant;
    grant.addQueryItem("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
    grant.addQueryItem("device_code", deviceCode);
    return grant;
}

QUrlQuery deviceRequest() {
    QUrlQuery form;
    form.addQueryItem("scope", "openid email profile offline_access");
    return form;
}

QUrlQuery refreshGrant(const QString& refreshToken) {
    QUrlQuery grant;
    grant.addQueryItem("grant_type", "refresh_token");
    grant.addQueryItem("refresh_token", refreshToken);
    return grant;
}

// An authorization request as signInByHand makes it, for `redirectUri` (left out when empty).
QUrl authorizationUrl(OidcProvider& provider, const QString& redirectUri) {
    QUrl url = provider.endpoint("authorization_endpoint");
    QUrlQuery query;
    query.addQueryItem("client_id", provider.clientId());
    query.addQueryItem("response_type", "code");
    query.addQueryItem("scope", "openid");
    query.addQueryItem("state", "state-1");
    query.addQueryItem("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"); // RFC 7636 appendix B
    query.addQueryItem("code_challenge_method", "S256");
    if (!redirectUri.isEmpty())
        query.addQueryItem("redirect_uri", redirectUri);
    url.setQuery(QString::fromLatin1(formBody(query)));
    return url;
}

QStringList strings(const QJsonValue& array) {
    QStringList list;
    const QJsonArray values = array.toArray();
    for (const QJsonValue& value : values)
        list << value.toString();
    return list;
}

} // namespace

class TestOidcFixture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void discoveryAdvertisesWhatSignInUses() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        QCOMPARE(provider.issuer().host(), "127.0.0.1");
        const QJsonObject discovery = provider.discovery();
        QCOMPARE(discovery.value("issuer").toString(), provider.issuer().toString());
        QVERIFY(discovery.value("device_authorization_endpoint").toString().startsWith(provider.issuer().toString()));
        QVERIFY(discovery.value("revocation_endpoint").toString().startsWith(provider.issuer().toString()));
        QVERIFY(discovery.value("userinfo_endpoint").toString().startsWith(provider.issuer().toString()));
        QCOMPARE(discovery.value("code_challenge_methods_supported").toArray(), QJsonArray{"S256"});
    }

    void optionsLeaveOutRevocationAndDeviceFlow() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--no-revocation", "--no-device"}), qPrintable(provider.error()));
        const QJsonObject discovery = provider.discovery();
        QVERIFY(discovery.contains("token_endpoint"));
        QVERIFY(!discovery.contains("revocation_endpoint"));
        QVERIFY(!discovery.contains("device_authorization_endpoint"));
    }

    void unknownOptionIsAnErrorWithTheProvidersWords() {
        OidcProvider provider;
        QVERIFY(!provider.start({"--no-such-option"}));
        QVERIFY2(provider.error().contains("unknown option --no-such-option"), qPrintable(provider.error()));
        QVERIFY(!provider.isRunning());
    }

    void codeFlowWithPkceYieldsTokensAndClaims_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("name");
        QTest::newRow("alice") << "alice"
                               << "alice-pass"
                               << "alice@example.org"
                               << "Alice Example";
        QTest::newRow("bob") << "bob"
                             << "bob-pass"
                             << "bob@other.example"
                             << "Bob Other";
    }
    void codeFlowWithPkceYieldsTokensAndClaims() {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, email);
        QFETCH(QString, name);
        OidcProvider provider;
        QVERIFY2(provider.start({"--access-ttl", "120"}), qPrintable(provider.error()));
        const FixtureTokens tokens = provider.signInByHand(user, password);
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error + "\n" + provider.log()));
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(!tokens.refreshToken.isEmpty());
        QCOMPARE(tokens.expiresIn, 120);
        const QJsonObject idToken = jwtPayload(tokens.idToken);
        QCOMPARE(idToken.value("iss").toString(), provider.issuer().toString());
        QCOMPARE(idToken.value("aud").toString(), provider.clientId());
        QCOMPARE(idToken.value("sub").toString(), user);
        QCOMPARE(idToken.value("email").toString(), email);
        const QJsonObject claims = provider.userinfo(tokens.accessToken);
        QCOMPARE(claims.value("email").toString(), email);
        QCOMPARE(claims.value("name").toString(), name);
        QCOMPARE(claims.value("email_verified").toBool(), user == "alice");
    }

    void wrongPasswordIsRefused() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        const FixtureTokens tokens = provider.signInByHand("alice", "bob-pass");
        QVERIFY(tokens.accessToken.isEmpty());
        QVERIFY2(tokens.error.contains("refused alice's password: HTTP 401"), qPrintable(tokens.error));
        QVERIFY2(tokens.error.contains("name=\"username\""), qPrintable(tokens.error)); // the form again
    }

    // A request without a code challenge comes back to the redirect URI with an error: PKCE is required.
    void authorizationWithoutPkceIsRefused() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        QTcpServer app;
        QVERIFY(app.listen(QHostAddress::LocalHost, 0));
        QByteArray appRequest;
        connect(&app, &QTcpServer::newConnection, &app, [&] {
            QTcpSocket* socket = app.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&appRequest, socket] {
                appRequest += socket->readAll();
                if (appRequest.contains("\r\n\r\n")) {
                    socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                }
            });
        });
        QUrl url = provider.endpoint("authorization_endpoint");
        QUrlQuery query;
        query.addQueryItem("client_id", provider.clientId());
        query.addQueryItem("response_type", "code");
        query.addQueryItem("scope", "openid");
        query.addQueryItem("redirect_uri", QStringLiteral("http://127.0.0.1:%1/callback").arg(app.serverPort()));
        url.setQuery(QString::fromLatin1(formBody(query)));
        BrowserUser browser;
        QVERIFY2(browser.signInAt(url, "alice", "alice-pass"), qPrintable(browser.error()));
        QCOMPARE(browser.lastStatus(), 204);
        QVERIFY(appRequest.startsWith("GET /callback?"));
        const QUrlQuery answer(browser.lastRedirect());
        QCOMPARE(answer.queryItemValue("error"), "invalid_request");
        QVERIFY(!answer.hasQueryItem("code"));
    }

    void deviceFlowYieldsTokens() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--device-interval", "1", "--device-ttl", "90"}), qPrintable(provider.error()));
        const HttpPage authorization = provider.postAsClient("device_authorization_endpoint", deviceRequest());
        QCOMPARE(authorization.status, 200);
        const QJsonObject device = json(authorization);
        QCOMPARE(device.value("interval").toInt(), 1);
        QCOMPARE(device.value("expires_in").toInt(), 90);
        const QString deviceCode = device.value("device_code").toString();
        QVERIFY(!deviceCode.isEmpty());
        QVERIFY(!device.value("user_code").toString().isEmpty());

        const FixtureTokens pending = provider.requestTokens(deviceCodeGrant(deviceCode));
        QVERIFY2(pending.error.contains("authorization_pending"), qPrintable(pending.error));

        BrowserUser browser;
        QVERIFY2(
            browser.approveDevice(QUrl(device.value("verification_uri_complete").toString()), "alice", "alice-pass"),
            qPrintable(browser.error()));
        const FixtureTokens tokens = provider.requestTokens(deviceCodeGrant(deviceCode));
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error + "\n" + provider.log()));
        QVERIFY(!tokens.refreshToken.isEmpty());
        QCOMPARE(provider.userinfo(tokens.accessToken).value("email").toString(), "alice@example.org");
        // A device code is good for one sign-in only.
        const FixtureTokens again = provider.requestTokens(deviceCodeGrant(deviceCode));
        QVERIFY2(again.error.contains("invalid_grant"), qPrintable(again.error));
    }

    void deviceFlowWithWrongPasswordIsRefused() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        const QJsonObject device = json(provider.postAsClient("device_authorization_endpoint", deviceRequest()));
        BrowserUser browser;
        QVERIFY(!browser.approveDevice(QUrl(device.value("verification_uri_complete").toString()), "alice", "nope"));
        QVERIFY2(browser.error().contains("refused alice's password: HTTP 401"), qPrintable(browser.error()));
        const FixtureTokens pending = provider.requestTokens(deviceCodeGrant(device.value("device_code").toString()));
        QVERIFY2(pending.error.contains("authorization_pending"), qPrintable(pending.error));
    }

    void deniedDeviceGetsAccessDenied() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        const QJsonObject device = json(provider.postAsClient("device_authorization_endpoint", deviceRequest()));
        BrowserUser browser;
        QVERIFY2(browser.denyDevice(QUrl(device.value("verification_uri_complete").toString())),
                 qPrintable(browser.error()));
        const FixtureTokens denied = provider.requestTokens(deviceCodeGrant(device.value("device_code").toString()));
        QVERIFY2(denied.error.contains("access_denied"), qPrintable(denied.error));
    }

    void refreshGrantRotatesWhenAsked_data() {
        QTest::addColumn<QString>("rotate");
        QTest::newRow("rotate") << "yes";
        QTest::newRow("keep") << "no";
    }
    void refreshGrantRotatesWhenAsked() {
        QFETCH(QString, rotate);
        OidcProvider provider;
        QVERIFY2(provider.start({"--rotate-refresh", rotate}), qPrintable(provider.error()));
        const FixtureTokens first = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        const FixtureTokens second = provider.refresh(first.refreshToken);
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QVERIFY(second.accessToken != first.accessToken);
        QCOMPARE(provider.userinfo(second.accessToken).value("email").toString(), "alice@example.org");
        if (rotate == "yes") {
            QVERIFY(!second.refreshToken.isEmpty());
            QVERIFY(second.refreshToken != first.refreshToken);
            // A rotated refresh token is spent: using it again is refused.
            const FixtureTokens replay = provider.refresh(first.refreshToken);
            QVERIFY2(replay.error.contains("invalid_grant"), qPrintable(replay.error));
        } else {
            QCOMPARE(second.refreshToken, first.refreshToken);
            const FixtureTokens third = provider.refresh(first.refreshToken);
            QVERIFY2(third.error.isEmpty(), qPrintable(third.error));
        }
    }

    void revokedTokensAreRefused() {
        OidcProvider provider;
        QVERIFY2(provider.start(), qPrintable(provider.error()));
        const FixtureTokens tokens = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error));
        QVERIFY(!provider.userinfo(tokens.accessToken).isEmpty());
        QVERIFY2(provider.revoke(tokens.accessToken, "access_token"), qPrintable(provider.error()));
        QVERIFY(provider.userinfo(tokens.accessToken).isEmpty());
        QVERIFY2(provider.error().contains("HTTP 401"), qPrintable(provider.error()));
        QVERIFY2(provider.revoke(tokens.refreshToken, "refresh_token"), qPrintable(provider.error()));
        const FixtureTokens refreshed = provider.refresh(tokens.refreshToken);
        QVERIFY2(refreshed.error.contains("invalid_grant"), qPrintable(refreshed.error));
    }

    // Entra ID and others issue access tokens of 2-4 KB; the relay kit must carry such tokens.
    void largeAccessTokensWorkAtUserinfo() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--large-access-tokens"}), qPrintable(provider.error()));
        const FixtureTokens tokens = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error));
        QVERIFY2(tokens.accessToken.size() >= 4096, QByteArray::number(tokens.accessToken.size()).constData());
        QCOMPARE(provider.userinfo(tokens.accessToken).value("email").toString(), "alice@example.org");
        const FixtureTokens refreshed = provider.refresh(tokens.refreshToken);
        QVERIFY2(refreshed.error.isEmpty(), qPrintable(refreshed.error));
        QVERIFY(refreshed.accessToken.size() >= 4096);
        QVERIFY2(provider.revoke(refreshed.accessToken, "access_token"), qPrintable(provider.error()));
        QVERIFY(provider.userinfo(refreshed.accessToken).isEmpty());
    }

    void badSwitchValuesAreErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("revocation mode") << QStringList{"--refuse-public-revocation", "maybe"}
                                         << "--refuse-public-revocation wants advertised or unadvertised";
        QTest::newRow("port") << QStringList{"--exact-redirect-port", "70000"}
                              << "--exact-redirect-port wants a positive integer up to 65535";
        QTest::newRow("secret") << QStringList{"--client-secret"} << "--client-secret wants a secret";
        QTest::newRow("no revocation") << QStringList{"--no-revocation", "--refuse-public-revocation", "advertised"}
                                       << "--refuse-public-revocation and --no-revocation exclude each other";
    }
    void badSwitchValuesAreErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        OidcProvider provider;
        QVERIFY(!provider.start(args));
        QVERIFY2(provider.error().contains(error), qPrintable(provider.error()));
    }

    void refreshCarriesAnIdTokenUnlessAsked_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("idTokenOnRefresh");
        QTest::newRow("default") << QStringList{} << true;
        QTest::newRow("--no-id-token-on-refresh") << QStringList{"--no-id-token-on-refresh"} << false;
    }
    void refreshCarriesAnIdTokenUnlessAsked() {
        QFETCH(QStringList, args);
        QFETCH(bool, idTokenOnRefresh);
        OidcProvider provider;
        QVERIFY2(provider.start(args), qPrintable(provider.error()));
        const FixtureTokens first = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(jwtPayload(first.idToken).value("sub").toString(), "alice"); // the code grant keeps its ID token
        const FixtureTokens refreshed = provider.refresh(first.refreshToken);
        QVERIFY2(refreshed.error.isEmpty(), qPrintable(refreshed.error));
        QVERIFY(!refreshed.refreshToken.isEmpty());
        QCOMPARE(!refreshed.idToken.isEmpty(), idTokenOnRefresh);
        QCOMPARE(provider.userinfo(refreshed.accessToken).value("sub").toString(), "alice");
    }

    void publicRevocationIsRefusedWhenAsked_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("advertised") << "advertised";
        QTest::newRow("unadvertised") << "unadvertised";
    }
    void publicRevocationIsRefusedWhenAsked() {
        QFETCH(QString, mode);
        OidcProvider provider;
        QVERIFY2(provider.start({"--refuse-public-revocation", mode}), qPrintable(provider.error()));
        const QJsonObject discovery = provider.discovery();
        QVERIFY(strings(discovery.value("token_endpoint_auth_methods_supported")).contains("none"));
        if (mode == "advertised") {
            const QStringList methods = strings(discovery.value("revocation_endpoint_auth_methods_supported"));
            QVERIFY2(methods.contains("client_secret_post") && !methods.contains("none"),
                     qPrintable(methods.join(',')));
        } else {
            QVERIFY(!discovery.contains("revocation_endpoint_auth_methods_supported")); // as without the switch
        }
        const FixtureTokens tokens = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error));
        QUrlQuery form;
        form.addQueryItem("token", QString::fromUtf8(tokens.accessToken));
        form.addQueryItem("token_type_hint", "access_token");
        const HttpPage refused = provider.postAsClient("revocation_endpoint", form);
        QCOMPARE(refused.status, 401);
        QCOMPARE(json(refused).value("error").toString(), "invalid_client");
        QVERIFY(!json(refused).value("error_description").toString().isEmpty());
        QVERIFY(!provider.revoke(tokens.refreshToken, "refresh_token"));
        QVERIFY2(provider.error().contains("HTTP 401"), qPrintable(provider.error()));
        // Nothing was revoked.
        QCOMPARE(provider.userinfo(tokens.accessToken).value("sub").toString(), "alice");
        QVERIFY2(provider.refresh(tokens.refreshToken).error.isEmpty(), qPrintable(provider.log()));
    }

    void revocationWithTheSecretPassesTheRefusal() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--client-secret", "s3cret", "--refuse-public-revocation", "advertised"}),
                 qPrintable(provider.error()));
        provider.setClientSecret("s3cret");
        const FixtureTokens tokens = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error));
        provider.setClientSecret(QString());
        QVERIFY(!provider.revoke(tokens.accessToken, "access_token"));
        QVERIFY2(provider.error().contains("HTTP 401") && provider.error().contains("invalid_client"),
                 qPrintable(provider.error()));
        QVERIFY(!provider.userinfo(tokens.accessToken).isEmpty());
        provider.setClientSecret("s3cret");
        QVERIFY2(provider.revoke(tokens.accessToken, "access_token"), qPrintable(provider.error()));
        QVERIFY(provider.userinfo(tokens.accessToken).isEmpty());
    }

    void exactRedirectPortRefusesOtherRedirectUris_data() {
        QTest::addColumn<QString>("redirectUri"); // {port} is the registered port, {other} another one
        QTest::newRow("other port") << "http://127.0.0.1:{other}/callback";
        QTest::newRow("no port") << "http://127.0.0.1/callback";
        QTest::newRow("localhost") << "http://localhost:{port}/callback";
        QTest::newRow("other path") << "http://127.0.0.1:{port}/";
        QTest::newRow("none") << "";
    }
    void exactRedirectPortRefusesOtherRedirectUris() {
        QFETCH(QString, redirectUri);
        const quint16 port = freeTcpPort();
        QVERIFY(port != 0);
        OidcProvider provider;
        QVERIFY2(provider.start({"--exact-redirect-port", QString::number(port)}), qPrintable(provider.error()));
        redirectUri.replace("{port}", QString::number(port)).replace("{other}", QString::number(port + 1));
        BrowserUser browser;
        QVERIFY(!browser.signInAt(authorizationUrl(provider, redirectUri), "alice", "alice-pass"));
        QCOMPARE(browser.lastStatus(), 403);
        QVERIFY(browser.lastPage().isEmpty());
    }

    void exactRedirectPortSignsInAtThatPort() {
        const quint16 port = freeTcpPort();
        QVERIFY(port != 0);
        OidcProvider provider;
        QVERIFY2(provider.start({"--exact-redirect-port", QString::number(port)}), qPrintable(provider.error()));
        provider.setCallbackPort(port);
        const FixtureTokens tokens = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error + "\n" + provider.log()));
        QCOMPARE(provider.userinfo(tokens.accessToken).value("sub").toString(), "alice");
    }

    void clientSecretIsRequiredWhenAsked() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--client-secret", "s3cret", "--device-interval", "1"}), qPrintable(provider.error()));
        const QStringList methods = strings(provider.discovery().value("token_endpoint_auth_methods_supported"));
        QVERIFY2(methods.contains("client_secret_post") && methods.contains("client_secret_basic"),
                 qPrintable(methods.join(',')));
        // Without the secret, and with a wrong one: oidc-provider's own invalid_client.
        for (const QString& secret : {QString(), QStringLiteral("wrong")}) {
            provider.setClientSecret(secret);
            const HttpPage device = provider.postAsClient("device_authorization_endpoint", deviceRequest());
            QCOMPARE(device.status, 401);
            QCOMPARE(json(device).value("error").toString(), "invalid_client");
            const FixtureTokens refused = provider.refresh("whatever");
            QVERIFY2(refused.error.startsWith("HTTP 401 invalid_client"), qPrintable(refused.error));
            QVERIFY(!provider.revoke("whatever", "refresh_token"));
            QVERIFY2(provider.error().contains("HTTP 401"), qPrintable(provider.error()));
        }
        provider.setClientSecret("s3cret");
        const QJsonObject device = json(provider.postAsClient("device_authorization_endpoint", deviceRequest()));
        BrowserUser browser;
        QVERIFY2(
            browser.approveDevice(QUrl(device.value("verification_uri_complete").toString()), "alice", "alice-pass"),
            qPrintable(browser.error()));
        const FixtureTokens tokens = provider.requestTokens(deviceCodeGrant(device.value("device_code").toString()));
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error + "\n" + provider.log()));
        const FixtureTokens refreshed = provider.refresh(tokens.refreshToken);
        QVERIFY2(refreshed.error.isEmpty(), qPrintable(refreshed.error));
        QVERIFY2(provider.revoke(refreshed.refreshToken, "refresh_token"), qPrintable(provider.error()));
        QVERIFY2(provider.refresh(refreshed.refreshToken).error.contains("invalid_grant"), qPrintable(provider.log()));
    }

    // oidc-provider holds a client_secret_post client to the secret, not to where it is sent: HTTP Basic works too.
    void clientSecretPostClientAlsoTakesBasic() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--client-secret", "s3cret"}), qPrintable(provider.error()));
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(provider.endpoint("device_authorization_endpoint"));
        request.setRawHeader("Authorization", "Basic " + QByteArray("labshare-test:s3cret").toBase64());
        const QUrlQuery form = deviceRequest();
        const HttpPage page = exchange(network, request, &form);
        QCOMPARE(page.status, 200);
        QVERIFY(!json(page).value("device_code").toString().isEmpty());
    }

    void emailsAreUnverifiedWhenAsked_data() {
        QTest::addColumn<QString>("user");
        QTest::newRow("alice") << "alice";
        QTest::newRow("bob") << "bob";
    }
    void emailsAreUnverifiedWhenAsked() {
        QFETCH(QString, user);
        OidcProvider provider;
        QVERIFY2(provider.start({"--unverified-emails"}), qPrintable(provider.error()));
        const FixtureTokens tokens = provider.signInByHand(user, user + "-pass");
        QVERIFY2(tokens.error.isEmpty(), qPrintable(tokens.error));
        const QJsonObject idToken = jwtPayload(tokens.idToken);
        QCOMPARE(idToken.value("email_verified"), QJsonValue(false));
        QVERIFY(!idToken.value("email").toString().isEmpty());
        QCOMPARE(provider.userinfo(tokens.accessToken).value("email_verified"), QJsonValue(false));
    }

    void invalidGrantBecomesNonstandardWhenAsked() {
        OidcProvider provider;
        QVERIFY2(provider.start({"--nonstandard-errors"}), qPrintable(provider.error()));
        const QJsonObject nonstandard{{"error", "invalid_code"}};
        const HttpPage bogus = provider.postAsClient("token_endpoint", refreshGrant("bogus"));
        QCOMPARE(bogus.status, 403);
        QCOMPARE(json(bogus), nonstandard);
        // A spent refresh token: rotation made the first one so.
        const FixtureTokens first = provider.signInByHand("alice", "alice-pass");
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QVERIFY2(provider.refresh(first.refreshToken).error.isEmpty(), qPrintable(provider.log()));
        const HttpPage spent =
            provider.postAsClient("token_endpoint", refreshGrant(QString::fromUtf8(first.refreshToken)));
        QCOMPARE(spent.status, 403);
        QCOMPARE(json(spent), nonstandard);
        // Other errors keep their status and code.
        const QJsonObject device = json(provider.postAsClient("device_authorization_endpoint", deviceRequest()));
        const HttpPage pending =
            provider.postAsClient("token_endpoint", deviceCodeGrant(device.value("device_code").toString()));
        QCOMPARE(pending.status, 400);
        QCOMPARE(json(pending).value("error").toString(), "authorization_pending");
    }

    void stopsWithTheObject() {
        quint16 port = 0;
        {
            OidcProvider provider;
            QVERIFY2(provider.start(), qPrintable(provider.error()));
            port = provider.issuer().port();
            QVERIFY(!provider.discovery().isEmpty());
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(1000));
    }
};

QTEST_GUILESS_MAIN(TestOidcFixture)
#include "tst_oidcfixture.moc"
