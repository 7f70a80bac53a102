// SPDX-License-Identifier: GPL-3.0-or-later
// What the user reads when an identity provider refuses: words first, the code after, and a
// provider's own code said to be one rather than passed on alone.
#include "auth/OidcHttp.h"

#include <QTest>

using namespace labshare::auth;

namespace {

HttpAnswer answer(int status, const QJsonObject& body) {
    HttpAnswer a;
    a.status = status;
    a.body = body;
    return a;
}

} // namespace

class TestOAuthErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void describe_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("text");
        QTest::newRow("invalid_grant") << 400 << QJsonObject{{"error", "invalid_grant"}}
                                       << "the sign-in or code is no longer valid (it expired, was already used or "
                                          "was revoked) (invalid_grant)";
        QTest::newRow("with a description")
            << 401 << QJsonObject{{"error", "invalid_client"}, {"error_description", "client authentication failed"}}
            << "the identity provider does not accept this client: check the client id, and whether the provider "
               "requires a client secret for it (invalid_client); it says: client authentication failed";
        QTest::newRow("a provider's own code")
            << 403 << QJsonObject{{"error", "invalid_code"}}
            << "the identity provider answered HTTP 403 with \"invalid_code\", which is not a standard OAuth error";
        QTest::newRow("no body") << 403 << QJsonObject{}
                                 << "the identity provider answered HTTP 403 without saying why";
        QTest::newRow("a server error without a body")
            << 502 << QJsonObject{} << "the identity provider answered HTTP 502 without saying why";
    }
    void describe() {
        QFETCH(int, status);
        QFETCH(QJsonObject, body);
        QFETCH(QString, text);
        QCOMPARE(answer(status, body).describe(), text);
    }

    void aNetworkFailureIsSaidAsSuch() {
        HttpAnswer failed;
        failed.networkError = QStringLiteral("Connection refused");
        QCOMPARE(failed.describe(), QString("Connection refused"));
    }
};

QTEST_GUILESS_MAIN(TestOAuthErrors)
#include "tst_oautherrors.moc"
