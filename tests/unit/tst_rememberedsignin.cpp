// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RememberedSignIn.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace labshare::auth;

class TestRememberedSignIn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheTokenAndWhoItBelongsTo_data() {
        QTest::addColumn<int>("verification");
        QTest::newRow("verified") << int(EmailVerification::Verified);
        QTest::newRow("unverified") << int(EmailVerification::Unverified);
        QTest::newRow("unstated") << int(EmailVerification::Unstated);
    }
    void keepsTheTokenAndWhoItBelongsTo() {
        QFETCH(int, verification);
        Identity alice{"sub-1", "alice@example.org", "Alice Example", EmailVerification(verification)};
        const labshare::secrets::SecretBytes secret =
            encodeRememberedSignIn({labshare::secrets::SecretBytes("refresh+token/with=signs"), alice});
        const RememberedSignIn read = decodeRememberedSignIn(secret.view());
        QCOMPARE(read.refreshToken.exposed(), QByteArray("refresh+token/with=signs"));
        QCOMPARE(read.identity.subject, alice.subject);
        QCOMPARE(read.identity.email, alice.email);
        QCOMPARE(read.identity.name, alice.name);
        QCOMPARE(read.identity.emailVerification, alice.emailVerification);
    }

    void readsTheBareTokenEarlierVersionsKept() {
        const RememberedSignIn read = decodeRememberedSignIn("Zm9vYmFy.opaque-token");
        QCOMPARE(read.refreshToken.exposed(), QByteArray("Zm9vYmFy.opaque-token"));
        QVERIFY(read.identity.subject.isEmpty() && read.identity.email.isEmpty());
    }

    // A JSON object without a string refresh_token is not an entry of ours: kept whole as the token
    // (the provider then says whether it is one), never half-read.
    void anObjectWithoutATokenIsNotReadAsAnIdentity() {
        const QByteArray odd = QJsonDocument(QJsonObject{{"email", "mallory@example.org"}}).toJson();
        const RememberedSignIn read = decodeRememberedSignIn(odd);
        QCOMPARE(read.refreshToken.exposed(), odd);
        QVERIFY(read.identity.email.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRememberedSignIn)
#include "tst_rememberedsignin.moc"
