// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IssuerMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace labshare;
using namespace labshare::auth;

namespace {

QByteArray document(QJsonObject overrides = {}) {
    QJsonObject doc{{"issuer", "https://id.example.org/realms/lab"},
                    {"authorization_endpoint", "https://id.example.org/realms/lab/auth"},
                    {"token_endpoint", "https://id.example.org/realms/lab/token"},
                    {"device_authorization_endpoint", "https://id.example.org/realms/lab/device"},
                    {"userinfo_endpoint", "https://id.example.org/realms/lab/userinfo"},
                    {"revocation_endpoint", "https://id.example.org/realms/lab/revoke"},
                    {"code_challenge_methods_supported", QJsonArray{"plain", "S256"}}};
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull())
            doc.remove(it.key());
        else
            doc.insert(it.key(), it.value());
    }
    return QJsonDocument(doc).toJson();
}

const QUrl kIssuer("https://id.example.org/realms/lab");

} // namespace

class TestIssuerMetadata : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void issuers_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("https") << "https://accounts.google.com" << true << "";
        QTest::newRow("loopback http") << "http://127.0.0.1:4000" << true << "";
        QTest::newRow("loopback v6") << "http://[::1]:4000/oidc" << true << "";
        QTest::newRow("localhost") << "http://localhost:8080/realms/x" << true << "";
        QTest::newRow("plain http") << "http://id.example.org" << false << "must use https";
        QTest::newRow("127 lookalike") << "http://127.0.0.1.example.org" << false << "must use https";
        QTest::newRow("query") << "https://id.example.org/?tenant=1" << false << "query or fragment";
        QTest::newRow("empty") << "  " << false << "no issuer is set";
        QTest::newRow("not a url") << "id example" << false << "not a valid address";
    }
    void issuers() {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        QFETCH(QString, messagePart);
        const Result<QUrl> issuer = parseIssuer(text);
        QCOMPARE(issuer.ok(), accepted);
        if (!accepted)
            QVERIFY2(issuer.error().message.contains(messagePart), qPrintable(issuer.error().message));
    }

    void discoveryUrlAppendsWellKnown() {
        QCOMPARE(discoveryUrl(QUrl("https://id.example.org/realms/lab/")),
                 QUrl("https://id.example.org/realms/lab/.well-known/openid-configuration"));
        QCOMPARE(discoveryUrl(QUrl("https://id.example.org")),
                 QUrl("https://id.example.org/.well-known/openid-configuration"));
    }

    void readsEndpoints() {
        const Result<IssuerMetadata> meta = parseIssuerMetadata(document(), kIssuer);
        QVERIFY2(meta.ok(), meta.ok() ? "" : qPrintable(meta.error().message));
        QCOMPARE(meta->tokenEndpoint, QUrl("https://id.example.org/realms/lab/token"));
        QCOMPARE(meta->deviceAuthorizationEndpoint, QUrl("https://id.example.org/realms/lab/device"));
        QCOMPARE(meta->revocationEndpoint, QUrl("https://id.example.org/realms/lab/revoke"));
        QVERIFY(meta->supportsPkceS256());
    }

    void optionalEndpointsMayBeMissing() {
        const Result<IssuerMetadata> meta =
            parseIssuerMetadata(document({{"revocation_endpoint", QJsonValue::Null},
                                          {"device_authorization_endpoint", QJsonValue::Null},
                                          {"code_challenge_methods_supported", QJsonValue::Null}}),
                                kIssuer);
        QVERIFY(meta.ok());
        QVERIFY(meta->revocationEndpoint.isEmpty());
        QVERIFY(meta->deviceAuthorizationEndpoint.isEmpty());
        QVERIFY(!meta->supportsPkceS256());
    }

    void refusesADocumentForAnotherIssuer() {
        const Result<IssuerMetadata> meta =
            parseIssuerMetadata(document({{"issuer", "https://evil.example.net/realms/lab"}}), kIssuer);
        QVERIFY(!meta.ok());
        QVERIFY(meta.error().message.contains("evil.example.net"));
    }

    void toleratesATrailingSlash() {
        QVERIFY(parseIssuerMetadata(document({{"issuer", "https://id.example.org/realms/lab/"}}), kIssuer).ok());
    }

    void refusesPlainHttpEndpoints() {
        const Result<IssuerMetadata> meta =
            parseIssuerMetadata(document({{"token_endpoint", "http://id.example.org/token"}}), kIssuer);
        QVERIFY(!meta.ok());
        QVERIFY(meta.error().message.contains("token_endpoint"));
    }

    void refusesMissingTokenEndpointAndBadJson() {
        QVERIFY(!parseIssuerMetadata(document({{"token_endpoint", QJsonValue::Null}}), kIssuer).ok());
        const Result<IssuerMetadata> bad = parseIssuerMetadata("<html>", kIssuer);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains("not JSON"));
    }
};

QTEST_GUILESS_MAIN(TestIssuerMetadata)
#include "tst_issuermetadata.moc"
