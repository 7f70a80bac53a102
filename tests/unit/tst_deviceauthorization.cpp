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

// What succeeded() delivered: TokenResponse is move-only, so the test keeps copies of what it checks.
struct Delivered {
    int count = 0;
    QByteArray refreshToken;

    void watch(DeviceAuthorization& flow) {
        QObject::connect(&flow, &DeviceAuthorization::succeeded, &flow, [this](const TokenResponse& tokens) {
            ++count;
            refreshToken = tokens.refreshToken.exposed();
        });
    }
};

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
        Delivered done;
        done.watch(flow);
        QSignalSpy failed(&flow, &DeviceAuthorization::failed);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        const auto code = codes.at(0).at(0).value<DeviceCode>();
        QCOMPARE(code.userCode, QString("WDJB-MJHT"));
        QCOMPARE(code.verificationUriComplete, QUrl("http://127.0.0.1/device?user_code=WDJB-MJHT"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count, 1, 15000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(done.refreshToken, QByteArray("rt-1"));
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
        Delivered done;
        done.watch(flow);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 5000);
        flow.cancel();
        QTest::qWait(1500);
        QCOMPARE(done.count, 0);
        QCOMPARE(server.requests().size(), 1);
    }

    // The addresses a user is asked to open: https, or http only where issuer and address are both on
    // this computer's loopback.
    void checksTheVerificationUri_data() {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << "https://id.example.org"
                               << "https://id.example.org/device" << true;
        QTest::newRow("https elsewhere") << "https://id.example.org"
                                         << "https://login.example.net/d" << true;
        QTest::newRow("http") << "https://id.example.org"
                              << "http://id.example.org/device" << false;
        QTest::newRow("http loopback, remote issuer") << "https://id.example.org"
                                                      << "http://127.0.0.1/device" << false;
        QTest::newRow("http remote, loopback issuer") << "http://127.0.0.1:9"
                                                      << "http://evil.example/device" << false;
        QTest::newRow("http, both loopback") << "http://127.0.0.1:9"
                                             << "http://127.0.0.1:9/device" << true;
        QTest::newRow("javascript") << "https://id.example.org"
                                    << "javascript:alert(1)" << false;
        QTest::newRow("file") << "https://id.example.org"
                              << "file:///etc/passwd" << false;
        QTest::newRow("no host") << "https://id.example.org"
                                 << "https:///device" << false;
    }
    void checksTheVerificationUri() {
        QFETCH(QString, issuer);
        QFETCH(QString, uri);
        QFETCH(bool, accepted);
        const labshare::Result<QUrl> checked = readVerificationUri(uri, "verification_uri_complete", QUrl(issuer));
        QCOMPARE(checked.ok(), accepted);
        if (!accepted)
            QVERIFY2(checked.error().message.contains("verification_uri_complete"),
                     qPrintable(checked.error().message));
    }

    // A device answer naming a plain-http page off this computer ends the sign-in before any code or
    // link is shown, with a message naming the field.
    void refusesAPlainHttpVerificationUri_data() {
        QTest::addColumn<QString>("field");
        QTest::newRow("verification_uri") << "verification_uri";
        QTest::newRow("verification_uri_complete") << "verification_uri_complete";
    }
    void refusesAPlainHttpVerificationUri() {
        QFETCH(QString, field);
        QJsonObject answer{{"device_code", "dev-1"},
                           {"user_code", "WDJB-MJHT"},
                           {"verification_uri", "http://127.0.0.1/device"},
                           {"expires_in", 60}};
        answer.insert(field, "http://phish.example/device?user_code=WDJB-MJHT");
        ScriptedHttpServer server;
        server.script("/device", {{200, json(answer)}});
        QNetworkAccessManager network;
        DeviceAuthorization flow(network, clientFor(server));
        QSignalSpy codes(&flow, &DeviceAuthorization::codeReady);
        QSignalSpy failed(&flow, &DeviceAuthorization::failed);
        flow.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(field + " that is not an https address"), qPrintable(message));
        QCOMPARE(codes.size(), 0);
        QCOMPARE(server.requests().size(), 1); // no polling either
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
