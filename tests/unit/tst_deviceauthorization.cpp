// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedHttpServer.h"
#include "auth/DeviceAuthorization.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace labshare::auth;

namespace {

ClientRequest clientFor(const ScriptedHttpServer& server) {
    IssuerMetadata meta;
    meta.issuer = server.url("");
    meta.tokenEndpoint = server.url("/token");
    meta.deviceAuthorizationEndpoint = server.url("/device");
    return {meta, {QStringLiteral("labshare"), {}}, QStringLiteral("openid email")};
}

QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray codeAnswer(int interval) {
    return json({{"device_code", "dev-1"},
                 {"user_code", "WDJB-MJHT"},
                 {"verification_uri", "http://127.0.0.1/device"},
                 {"verification_uri_complete", "http://127.0.0.1/device?user_code=WDJB-MJHT"},
                 {"expires_in", 60},
                 {"interval", interval}});
}

ScriptedAnswer oauthError(const char* error) {
    return {400, json({{"error", QString::fromLatin1(error)}})};
}

const ScriptedAnswer kTokens{
    200, json({{"access_token", "at-1"}, {"refresh_token", "rt-1"}, {"token_type", "Bearer"}, {"expires_in", 300}})};

} // namespace

class TestDeviceAuthorization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pollsUntilApprovedAndSlowsDownWhenAsked() {
        ScriptedHttpServer server;
        server.script("/device", {{200, codeAnswer(1)}});
        server.script("/token", {oauthError("authorization_pending"), oauthError("slow_down"), kTokens});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy codes(&flow, &DeviceAuthorization::codeReady);
        QSignalSpy done(&flow, &DeviceAuthorization::succeeded);
        QSignalSpy failed(&flow, &DeviceAuthorization::failed);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        const auto code = codes.at(0).at(0).value<DeviceCode>();
        QCOMPARE(code.userCode, QString("WDJB-MJHT"));
        QCOMPARE(code.verificationUriComplete, QUrl("http://127.0.0.1/device?user_code=WDJB-MJHT"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 15000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(done.at(0).at(0).value<TokenResponse>().refreshToken, QByteArray("rt-1"));
        QCOMPARE(flow.intervalSeconds(), 6); // 1 s, plus 5 s after slow_down (RFC 8628 §3.5)
        const QList<RecordedRequest>& requests = server.requests();
        QCOMPARE(requests.size(), 4);
        QVERIFY(requests.at(0).body.contains("client_id=labshare"));
        QVERIFY(requests.at(1).body.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"));
        QVERIFY(requests.at(1).body.contains("device_code=dev-1"));
        QVERIFY(requests.at(2).atMs - requests.at(1).atMs >= 900);  // the interval is kept
        QVERIFY(requests.at(3).atMs - requests.at(2).atMs >= 5900); // and widened after slow_down
    }

    void endsOnDenialOrExpiry_data() {
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<QString>("message");
        QTest::newRow("access_denied") << QByteArray("access_denied") << "the sign-in was declined in the browser";
        QTest::newRow("Entra's authorization_declined")
            << QByteArray("authorization_declined") << "the sign-in was declined in the browser";
        QTest::newRow("expired_token") << QByteArray("expired_token")
                                       << "the sign-in code expired before it was used; start the sign-in again";
        QTest::newRow("invalid_client") << QByteArray("invalid_client")
                                        << "the identity provider refused the device sign-in: the identity provider "
                                           "does not accept this client: check the client id, and whether the "
                                           "provider requires a client secret for it (invalid_client)";
    }
    void endsOnDenialOrExpiry() {
        QFETCH(QByteArray, error);
        QFETCH(QString, message);
        ScriptedHttpServer server;
        server.script("/device", {{200, codeAnswer(1)}});
        server.script("/token", {oauthError(error.constData())});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy failed(&flow, &DeviceAuthorization::failed);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(failed.at(0).at(0).toString(), message);
    }

    void defaultsToFiveSecondsWithoutAnInterval() {
        ScriptedHttpServer server;
        server.script("/device", {{200, json({{"device_code", "d"},
                                              {"user_code", "U"},
                                              {"verification_uri", "http://127.0.0.1/d"},
                                              {"expires_in", 60}})}});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy codes(&flow, &DeviceAuthorization::codeReady);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        QCOMPARE(flow.intervalSeconds(), 5);
    }

    // An interval of 2^31-1 s made the poll timer's milliseconds overflow an int (undefined behaviour; in
    // practice a negative timeout that polled at once, again and again).
    void capsAHugeInterval() {
        ScriptedHttpServer server;
        server.script("/device", {{200, codeAnswer(2147483647)}});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy codes(&flow, &DeviceAuthorization::codeReady);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        QCOMPARE(flow.intervalSeconds(), 3600); // DeviceCodeAnswer::kMaxIntervalSeconds
    }

    void cancelStopsPolling() {
        ScriptedHttpServer server;
        server.script("/device", {{200, codeAnswer(1)}});
        server.script("/token", {kTokens});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy codes(&flow, &DeviceAuthorization::codeReady);
        QSignalSpy done(&flow, &DeviceAuthorization::succeeded);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        flow.cancel();
        QTest::qWait(1500);
        QCOMPARE(done.size(), 0);
        QCOMPARE(server.requests().size(), 1);
    }

    void refusesAnIssuerWithoutDeviceFlow() {
        ScriptedHttpServer server;
        ClientRequest request = clientFor(server);
        request.issuer.deviceAuthorizationEndpoint = QUrl();
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, request);
        QSignalSpy failed(&flow, &DeviceAuthorization::failed);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 2000);
        QVERIFY(failed.at(0).at(0).toString().contains("does not offer device sign-in"));
    }
};

QTEST_GUILESS_MAIN(TestDeviceAuthorization)
#include "tst_deviceauthorization.moc"
