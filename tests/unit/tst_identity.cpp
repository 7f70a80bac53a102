// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Identity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace labshare;
using namespace labshare::auth;

namespace {

QByteArray jwt(const QJsonObject& claims) {
    const auto part = [](const QByteArray& bytes) {
        return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return part("{\"alg\":\"RS256\"}") + '.' + part(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' +
           part("signature");
}

const QUrl kIssuer("http://127.0.0.1:4000");

QJsonObject aliceClaims() {
    return {{"iss", "http://127.0.0.1:4000"}, {"aud", "labshare"},       {"sub", "alice"},
            {"email", "alice@example.org"},   {"name", "Alice Example"}, {"nonce", "n-1"}};
}

} // namespace

class TestIdentity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsClaims() {
        const Result<Identity> identity = readIdToken(jwt(aliceClaims()), kIssuer, "labshare", "n-1");
        QVERIFY(identity.ok());
        QCOMPARE(identity->subject, QString("alice"));
        QCOMPARE(identity->displayName(), QString("Alice Example <alice@example.org>"));
    }

    void acceptsAnAudienceList() {
        QJsonObject claims = aliceClaims();
        claims["aud"] = QJsonArray{"other", "labshare"};
        QVERIFY(readIdToken(jwt(claims), kIssuer, "labshare").ok());
    }

    void refusesTheWrongIssuerAudienceOrNonce() {
        QJsonObject otherIssuer = aliceClaims();
        otherIssuer["iss"] = "https://evil.example.net";
        QVERIFY(!readIdToken(jwt(otherIssuer), kIssuer, "labshare").ok());
        QVERIFY(!readIdToken(jwt(aliceClaims()), kIssuer, "someone-else").ok());
        const Result<Identity> wrongNonce = readIdToken(jwt(aliceClaims()), kIssuer, "labshare", "n-2");
        QVERIFY(!wrongNonce.ok());
        QVERIFY(wrongNonce.error().message.contains("nonce"));
    }

    void refusesWhatIsNotAJwt() {
        QVERIFY(!readIdToken("opaque-token", kIssuer, "labshare").ok());
        QVERIFY(!readIdToken("a.%%%.c", kIssuer, "labshare").ok());
    }

    void userInfoFillsInButNeverForSomeoneElse() {
        Identity identity;
        identity.subject = "alice";
        identity = withUserInfo(identity, {{"sub", "alice"}, {"email", "alice@example.org"}});
        QCOMPARE(identity.displayName(), QString("alice@example.org"));
        identity = withUserInfo(identity, {{"sub", "mallory"}, {"email", "mallory@example.net"}});
        QCOMPARE(identity.email, QString("alice@example.org"));
        identity = withUserInfo(identity, {{"sub", "alice"}, {"preferred_username", "ali"}});
        QCOMPARE(identity.displayName(), QString("ali <alice@example.org>"));
    }

    // Only an explicit true counts; some providers send the claim as a string, some never send it.
    void emailVerifiedIsReadThreeWays_data() {
        QTest::addColumn<QJsonValue>("claim");
        QTest::addColumn<int>("verification");
        QTest::newRow("true") << QJsonValue(true) << int(EmailVerification::Verified);
        QTest::newRow("false") << QJsonValue(false) << int(EmailVerification::Unverified);
        QTest::newRow("\"true\"") << QJsonValue("TRUE") << int(EmailVerification::Verified);
        QTest::newRow("\"false\"") << QJsonValue("false") << int(EmailVerification::Unverified);
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << int(EmailVerification::Unstated);
        QTest::newRow("a number") << QJsonValue(1) << int(EmailVerification::Unstated);
        QTest::newRow("\"yes\"") << QJsonValue("yes") << int(EmailVerification::Unstated);
    }
    void emailVerifiedIsReadThreeWays() {
        QFETCH(QJsonValue, claim);
        QFETCH(int, verification);
        QJsonObject claims = aliceClaims();
        if (!claim.isUndefined())
            claims.insert("email_verified", claim);
        const Result<Identity> identity = readIdToken(jwt(claims), kIssuer, "labshare", "n-1");
        QVERIFY(identity);
        QCOMPARE(int(identity->emailVerification), verification);
        QCOMPARE(identity->emailVerified(), verification == int(EmailVerification::Verified));
        const bool marked = identity->describe().endsWith("(e-mail not verified by the identity provider)");
        QCOMPARE(marked, verification == int(EmailVerification::Unverified));
    }

    // Google documents ID tokens whose iss is "accounts.google.com"; no other issuer gets that leeway.
    void googlesSchemelessIssuerIsGooglesOnly() {
        QJsonObject claims = aliceClaims();
        claims.insert("iss", "accounts.google.com");
        QVERIFY(readIdToken(jwt(claims), QUrl("https://accounts.google.com"), "labshare", "n-1"));
        QVERIFY(!readIdToken(jwt(claims), kIssuer, "labshare", "n-1"));
        claims.insert("iss", "id.example.org");
        QVERIFY(!readIdToken(jwt(claims), QUrl("https://id.example.org"), "labshare", "n-1"));
    }

    void aNewAddressForgetsWhatWasSaidOfTheOld() {
        Identity identity = withUserInfo({}, {{"sub", "a"}, {"email", "a@example.org"}, {"email_verified", true}});
        QVERIFY(identity.emailVerified());
        identity = withUserInfo(identity, {{"sub", "a"}, {"email", "a@other.example"}});
        QCOMPARE(identity.emailVerification, EmailVerification::Unstated);
        QVERIFY(!identity.emailVerified());
        identity = withUserInfo(identity, {{"sub", "a"}, {"email_verified", false}});
        QCOMPARE(identity.emailVerification, EmailVerification::Unverified);
        const Identity noAddress{"b", {}, {}, EmailVerification::Verified};
        QVERIFY(!noAddress.emailVerified()); // no address, nothing verified
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
