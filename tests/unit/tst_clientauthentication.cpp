// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ClientAuthentication.h"

#include <QTest>

using namespace labshare;
using namespace labshare::auth;

namespace {

QByteArray field(const AuthenticatedForm& form, const QString& name) {
    for (const auto& [key, value] : form.fields)
        if (key == name)
            return value;
    return {};
}

bool hasField(const AuthenticatedForm& form, const QString& name) {
    for (const auto& entry : form.fields)
        if (entry.first == name)
            return true;
    return false;
}

const FormFields kGrant{{QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")}};

} // namespace

class TestClientAuthentication : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPublicClientNamesItself() {
        const AuthenticatedForm form = authenticateClient(kGrant, {QStringLiteral("labshare"), {}}, {});
        QCOMPARE(field(form, "client_id"), QByteArray("labshare"));
        QCOMPARE(field(form, "grant_type"), QByteArray("refresh_token"));
        QVERIFY(!hasField(form, "client_secret"));
        QVERIFY(form.authorization.isEmpty());
    }

    void aSecretGoesInTheFormWhereThatIsListed() {
        const AuthenticatedForm form =
            authenticateClient(kGrant, {QStringLiteral("labshare"), secrets::SecretBytes("s3cret")},
                               {"client_secret_basic", "client_secret_post"});
        QCOMPARE(field(form, "client_id"), QByteArray("labshare"));
        QCOMPARE(field(form, "client_secret"), QByteArray("s3cret"));
        QVERIFY(form.authorization.isEmpty());
    }

    // RFC 6749 §2.3.1: Basic is the method every server supports; both parts are form-urlencoded first.
    void elseWithHttpBasic_data() {
        QTest::addColumn<QStringList>("advertised");
        QTest::newRow("nothing advertised") << QStringList{};
        QTest::newRow("basic only") << QStringList{"client_secret_basic", "private_key_jwt"};
    }
    void elseWithHttpBasic() {
        QFETCH(QStringList, advertised);
        const AuthenticatedForm form =
            authenticateClient(kGrant, {QStringLiteral("lab share:1"), secrets::SecretBytes("a+b/c")}, advertised);
        QVERIFY(!hasField(form, "client_id"));
        QVERIFY(!hasField(form, "client_secret"));
        QCOMPARE(form.authorization, "Basic " + QByteArray("lab%20share%3A1:a%2Bb%2Fc").toBase64());
    }

    void saysWhenNoListedMethodFits_data() {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QStringList>("advertised");
        QTest::addColumn<bool>("cannot");
        QTest::newRow("not advertised") << QByteArray() << QStringList{} << false;
        QTest::newRow("public allowed") << QByteArray() << QStringList{"client_secret_basic", "none"} << false;
        QTest::newRow("secret required") << QByteArray() << QStringList{"client_secret_basic"} << true;
        QTest::newRow("secret fits") << QByteArray("s") << QStringList{"client_secret_post"} << false;
        QTest::newRow("only keys") << QByteArray("s") << QStringList{"private_key_jwt", "none"} << true;
    }
    void saysWhenNoListedMethodFits() {
        QFETCH(QByteArray, secret);
        QFETCH(QStringList, advertised);
        QFETCH(bool, cannot);
        QCOMPARE(cannotAuthenticate({QStringLiteral("labshare"), secrets::SecretBytes(secret)}, advertised), cannot);
    }
};

QTEST_GUILESS_MAIN(TestClientAuthentication)
#include "tst_clientauthentication.moc"
