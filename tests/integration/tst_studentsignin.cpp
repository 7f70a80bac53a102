// SPDX-License-Identifier: GPL-3.0-or-later
// The gate's sign-in of a student (core/auth/StudentSignIn) against the real OpenID provider fixture:
// who the provider says signed in, verified or not, and what ends a sign-in without an identity.
#include "BrowserUser.h"
#include "OidcProvider.h"
#include "auth/IssuerDiscovery.h"
#include "auth/StudentSignIn.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace labshare;
using namespace labshare::auth;
using namespace labshare::testsupport;

namespace {

const QString kSecret = QStringLiteral("installed-app-secret");

std::optional<IssuerMetadata> discover(OidcProvider& provider, QNetworkAccessManager& network) {
    OidcHttp http(network);
    std::optional<IssuerMetadata> metadata;
    bool answered = false;
    QObject context;
    discoverIssuer(http, provider.issuer().toString(), &context, [&](const Result<IssuerMetadata>& result) {
        answered = true;
        if (result)
            metadata = *result;
    });
    return QTest::qWaitFor([&answered] { return answered; }, 10000) ? metadata : std::nullopt;
}

struct Outcome {
    std::optional<Identity> identity;
    QString failure;
};

// Runs one student sign-in; `approve` plays the student at the verification link.
Outcome signIn(OidcProvider& provider, const ClientCredentials& client,
               const std::function<bool(const QUrl& link)>& approve) {
    QNetworkAccessManager network;
    const std::optional<IssuerMetadata> metadata = discover(provider, network);
    if (!metadata)
        return {std::nullopt, QStringLiteral("no discovery document")};
    StudentSignIn signIn(network, *metadata, client);
    QSignalSpy codes(&signIn, &StudentSignIn::codeReady);
    QSignalSpy identified(&signIn, &StudentSignIn::identified);
    QSignalSpy failed(&signIn, &StudentSignIn::failed);
    signIn.start();
    if (!QTest::qWaitFor([&] { return !codes.isEmpty() || !failed.isEmpty(); }, 10000) || codes.isEmpty())
        return {std::nullopt, failed.isEmpty() ? QStringLiteral("no code") : failed.at(0).at(0).toString()};
    if (!approve(codes.at(0).at(0).value<DeviceCode>().verificationUriComplete))
        return {std::nullopt, QStringLiteral("the browser failed")};
    if (!QTest::qWaitFor([&] { return !identified.isEmpty() || !failed.isEmpty(); }, 15000))
        return {std::nullopt, QStringLiteral("no answer within 15 s")};
    if (!identified.isEmpty())
        return {identified.at(0).at(0).value<Identity>(), {}};
    return {std::nullopt, failed.isEmpty() ? QStringLiteral("no answer") : failed.at(0).at(0).toString()};
}

std::function<bool(const QUrl&)> approveAs(const QString& user) {
    return [user](const QUrl& link) {
        return BrowserUser().approveDevice(link, user, user + "-pass");
    };
}

} // namespace

Q_DECLARE_METATYPE(labshare::auth::Identity)

class TestStudentSignIn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<Identity>();
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
        QVERIFY2(m_unverified.start({"--device-interval", "1", "--unverified-emails"}),
                 qPrintable(m_unverified.error()));
        QVERIFY2(m_confidential.start({"--device-interval", "1", "--client-secret", kSecret}),
                 qPrintable(m_confidential.error()));
    }

    void theProviderSaysWhoSignedIn_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("email");
        QTest::addColumn<int>("verification");
        QTest::newRow("alice") << "alice"
                               << "alice@example.org" << int(EmailVerification::Verified);
        QTest::newRow("bob") << "bob"
                             << "bob@other.example" << int(EmailVerification::Unverified);
    }
    void theProviderSaysWhoSignedIn() {
        QFETCH(QString, user);
        QFETCH(QString, email);
        QFETCH(int, verification);
        const Outcome outcome = signIn(m_provider, {m_provider.clientId(), {}}, approveAs(user));
        QVERIFY2(outcome.identity, qPrintable(outcome.failure));
        QCOMPARE(outcome.identity->email, email);
        QCOMPARE(int(outcome.identity->emailVerification), verification);
        QCOMPARE(outcome.identity->subject, user);
    }

    void anUnverifiedAddressStaysUnverified() {
        const Outcome outcome = signIn(m_unverified, {m_unverified.clientId(), {}}, approveAs("alice"));
        QVERIFY2(outcome.identity, qPrintable(outcome.failure));
        QVERIFY(!outcome.identity->emailVerified());
    }

    void aClientWithASecretUsesIt() {
        const Outcome without = signIn(m_confidential, {m_confidential.clientId(), {}}, approveAs("alice"));
        QVERIFY(!without.identity);
        QVERIFY2(without.failure.contains("client secret"), qPrintable(without.failure));
        const Outcome with =
            signIn(m_confidential, {m_confidential.clientId(), labshare::secrets::SecretBytes(kSecret.toUtf8())},
                   approveAs("alice"));
        QVERIFY2(with.identity, qPrintable(with.failure));
        QVERIFY(with.identity->emailVerified());
    }

    void aDeclinedSignInHasNoIdentity() {
        const Outcome outcome = signIn(m_provider, {m_provider.clientId(), {}},
                                       [](const QUrl& link) { return BrowserUser().denyDevice(link); });
        QVERIFY(!outcome.identity);
        QVERIFY2(outcome.failure.contains("declined"), qPrintable(outcome.failure));
    }

private:
    OidcProvider m_provider;
    OidcProvider m_unverified;
    OidcProvider m_confidential;
};

QTEST_GUILESS_MAIN(TestStudentSignIn)
#include "tst_studentsignin.moc"
