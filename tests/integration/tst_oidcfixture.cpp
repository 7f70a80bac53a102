// SPDX-License-Identifier: GPL-3.0-or-later
// Proves the OpenID provider fixture (tests/fixtures/oidc, npm oidc-provider on 127.0.0.1) and the test support
// that drives it (OidcProvider, BrowserUser): the code flow with PKCE, the device flow, refresh with and
// without rotation, revocation, and access tokens as large as real IdPs issue. It does not test LabShare's own
// sign-in code; tests of core/auth build on this.
#include "BrowserUser.h"
#include "OidcProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
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
