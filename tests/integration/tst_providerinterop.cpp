// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare login` and `labshare logout` against identity providers that behave as real ones do when
// they differ from the one LabShare was built with: the real binary, the real keychain, and the
// OpenID provider fixture with one switch each (tests/fixtures/oidc/README.md).
#include "BrowserUser.h"
#include "FilesContaining.h"
#include "FreePort.h"
#include "KeychainAnswers.h"
#include "LabshareCli.h"
#include "OidcProvider.h"
#include "auth/AuthConfig.h"
#include "auth/RememberedSignIn.h"
#include "secrets/KeychainStore.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QString kSecret = QStringLiteral("not-so-secret-installed-app-secret");

// A provider with `switches` and a HOME of its own, so that every case starts signed out.
struct Provider {
    OidcProvider oidc;
    QTemporaryDir home;

    QString key() const { return auth::AuthConfig{oidc.issuer(), oidc.clientId()}.secretKey(); }
    QStringList login(QStringList extra = {}) const {
        return QStringList{"login", "--issuer", oidc.issuer().toString(), "--client-id", oidc.clientId()} + extra;
    }
};

std::unique_ptr<Provider> startProvider(const QStringList& switches) {
    auto provider = std::make_unique<Provider>();
    if (!provider->home.isValid() || !provider->oidc.start(QStringList{"--device-interval", "1"} + switches))
        qWarning("cannot start the provider: %s", qPrintable(provider->oidc.error()));
    return provider;
}

// Runs `labshare login …` with the device flow and approves it as `user`; the finished run's output.
QByteArray deviceLogin(const Provider& provider, const QStringList& extra = {}, const QString& user = "alice") {
    LabshareCli login(provider.home.path(), provider.login(extra));
    if (!login.waitForOutput("or open (\\S+)"))
        return "no device code: " + login.describe().toUtf8();
    BrowserUser browser;
    if (!browser.approveDevice(QUrl(login.capture("or open (\\S+)")), user, user + "-pass"))
        return "the browser could not approve: " + browser.error().toUtf8();
    const int exit = login.finish();
    return "exit " + QByteArray::number(exit) + "\n" + login.output();
}

} // namespace

class TestProviderInterop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // OpenID Connect Core §12.2: a refresh answer need not carry an ID token. The name comes from the
    // keychain entry, or from userinfo for an entry that has none (as LabShare 1.0 kept it).
    void refreshAnswersWithoutAnIdTokenStillKnowWhoItIs() {
        auto provider = startProvider({"--no-id-token-on-refresh"});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));
        const QByteArray first = deviceLogin(*provider);
        QVERIFY2(first.startsWith("exit 0") && first.contains("Signed in as Alice Example <alice@example.org>"),
                 first.constData());

        LabshareCli again(provider->home.path(), {"login"});
        QCOMPARE(again.finish(), 0);
        QVERIFY2(again.output().contains("Already signed in as Alice Example <alice@example.org> at"),
                 qPrintable(again.describe()));

        // An entry holding the bare refresh token: userinfo names the user before anything is printed.
        const QByteArray bare = readRefreshToken(provider->key());
        QVERIFY(!bare.isEmpty());
        SecretAnswer written;
        secrets::KeychainStore store(QStringLiteral(LABSHARE_APP_ID));
        store.write(provider->key(), bare, written.callback());
        QTRY_VERIFY_WITH_TIMEOUT(written.reply.has_value(), 15000);
        LabshareCli bareRun(provider->home.path(), {"login"});
        QVERIFY2(bareRun.finish() == 0, qPrintable(bareRun.describe()));
        QVERIFY2(bareRun.output().contains("Already signed in as Alice Example <alice@example.org> at"),
                 qPrintable(bareRun.describe()));
        const auth::RememberedSignIn kept = auth::decodeRememberedSignIn(readKeychain(provider->key()).secret.view());
        QCOMPARE(kept.identity.email, QString("alice@example.org"));
        QVERIFY(!kept.refreshToken.isEmpty());
        QCOMPARE(LabshareCli(provider->home.path(), {"logout"}).finish(), 0);
    }

    void logoutSaysWhenTheProviderRefusedToRevoke_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("reason");
        // Advertised: discovery lists only methods with a secret; unadvertised: it says nothing and refuses.
        QTest::newRow("advertised") << "advertised"
                                    << "it lets only clients with a secret revoke";
        QTest::newRow("unadvertised") << "unadvertised"
                                      << "client authentication is required to revoke a token";
    }
    void logoutSaysWhenTheProviderRefusedToRevoke() {
        QFETCH(QString, mode);
        QFETCH(QString, reason);
        // Without rotation, the refresh token read here is the one logout fails to revoke.
        auto provider = startProvider({"--refuse-public-revocation", mode, "--rotate-refresh", "no"});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));
        const QByteArray login = deviceLogin(*provider);
        QVERIFY2(login.startsWith("exit 0"), login.constData());
        const QByteArray refreshToken = readRefreshToken(provider->key());

        LabshareCli logout(provider->home.path(), {"logout"});
        QCOMPARE(logout.finish(), 0);
        const QString said = QString::fromUtf8(logout.output());
        QVERIFY2(said.contains("removed from this computer, but the provider did not revoke it"), qPrintable(said));
        QVERIFY2(said.contains(reason), qPrintable(said));
        QVERIFY2(said.contains("stays valid until it expires or until you revoke it at " +
                               provider->oidc.issuer().toString()),
                 qPrintable(said));
        QVERIFY2(!said.contains("revoked at the provider"), qPrintable(said));
        QCOMPARE(readKeychain(provider->key()).status, secrets::SecretStatus::NotFound);
        // It told the truth: the token still works at the provider.
        const FixtureTokens still = provider->oidc.refresh(refreshToken);
        QVERIFY2(still.error.isEmpty(), qPrintable(still.error));
    }

    // Providers that give installed apps a secret and require it (Google's do): the device flow,
    // renewal and revocation all authenticate with it, and it is kept in the keychain, not the settings.
    void aRequiredClientSecretIsKeptAndUsedEverywhere() {
        auto provider = startProvider({"--client-secret", kSecret, "--refuse-public-revocation", "advertised"});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));
        LabshareCli without(provider->home.path(), provider->login());
        QCOMPARE(without.finish(), 1);
        QVERIFY2(without.output().contains("whether the provider requires a client secret"),
                 qPrintable(without.describe()));

        const QByteArray login = deviceLogin(*provider, {"--client-secret", kSecret});
        QVERIFY2(login.startsWith("exit 0") && login.contains("Signed in as Alice Example"), login.constData());
        const auth::AuthConfig config{provider->oidc.issuer(), provider->oidc.clientId()};
        QCOMPARE(readKeychain(config.clientSecretKey()).secret.exposed(), kSecret.toUtf8());
        const QStringList files = filesContaining(provider->home.path(), {kSecret.toUtf8()});
        QVERIFY2(files.isEmpty(), qPrintable("the client secret is in " + files.join(", ")));

        LabshareCli again(provider->home.path(), {"login"}); // a renewal, with the secret from the keychain
        QCOMPARE(again.finish(), 0);
        QVERIFY2(again.output().contains("Already signed in as Alice Example"), qPrintable(again.describe()));
        const QByteArray refreshToken = readRefreshToken(provider->key());

        LabshareCli logout(provider->home.path(), {"logout"});
        QCOMPARE(logout.finish(), 0);
        QVERIFY2(logout.output().contains("the sign-in was revoked at the provider"), qPrintable(logout.describe()));
        provider->oidc.setClientSecret(kSecret);
        QVERIFY2(!provider->oidc.refresh(refreshToken).error.isEmpty(), "the revoked refresh token still works");
    }

    // A provider that matches redirect URIs exactly answers any other loopback port with a bare 403 and
    // never sends the browser back: the wait ends, saying why, and a fixed port makes it work.
    void browserSignInEndsAndAFixedRedirectPortWorks() {
        const quint16 port = freeTcpPort();
        QVERIFY(port != 0);
        auto provider = startProvider({"--exact-redirect-port", QString::number(port)});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));

        LabshareCli refused(provider->home.path(), provider->login({"--browser", "--no-browser", "--timeout", "10"}));
        QVERIFY2(refused.waitForOutput("sign in:\\s+(http\\S+)"), qPrintable(refused.describe()));
        QVERIFY2(refused.output().contains("Waiting for you to sign in (until "), qPrintable(refused.describe()));
        BrowserUser browser;
        QVERIFY(!browser.signInAt(QUrl(refused.capture("sign in:\\s+(http\\S+)")), "alice", "alice-pass"));
        QVERIFY2(browser.error().contains("403"), qPrintable(browser.error()));
        QCOMPARE(refused.finish(30000), 1);
        const QString said = QString::fromUtf8(refused.output());
        QVERIFY2(said.contains("the browser did not come back within 10 seconds"), qPrintable(said));
        QVERIFY2(said.contains("--redirect-port"), qPrintable(said));

        LabshareCli fixed(provider->home.path(),
                          provider->login({"--browser", "--no-browser", "--redirect-port", QString::number(port)}));
        QVERIFY2(fixed.waitForOutput("sign in:\\s+(http\\S+)"), qPrintable(fixed.describe()));
        const QUrl link(fixed.capture("sign in:\\s+(http\\S+)"));
        QCOMPARE(QUrlQuery(link).queryItemValue("redirect_uri", QUrl::FullyDecoded),
                 QString("http://127.0.0.1:%1/callback").arg(port));
        QVERIFY2(browser.signInAt(link, "alice", "alice-pass"), qPrintable(browser.error()));
        QCOMPARE(fixed.finish(), 0);
        QVERIFY2(fixed.output().contains("Signed in as Alice Example"), qPrintable(fixed.describe()));
        QCOMPARE(LabshareCli(provider->home.path(), {"logout"}).finish(), 0);
    }

    void anUnverifiedEmailIsShownAsUnverified() {
        auto provider = startProvider({"--unverified-emails"});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));
        const QByteArray login = deviceLogin(*provider);
        QVERIFY2(login.contains("Signed in as Alice Example <alice@example.org> (e-mail not verified by the identity "
                                "provider)"),
                 login.constData());
        LabshareCli again(provider->home.path(), {"login"});
        QCOMPARE(again.finish(), 0);
        QVERIFY2(again.output().contains("<alice@example.org> (e-mail not verified"), qPrintable(again.describe()));
        const auth::RememberedSignIn kept = auth::decodeRememberedSignIn(readKeychain(provider->key()).secret.view());
        QCOMPARE(kept.identity.emailVerification, auth::EmailVerification::Unverified);
        QVERIFY(!kept.identity.emailVerified());
        QCOMPARE(LabshareCli(provider->home.path(), {"logout"}).finish(), 0);
    }

    // A 403 "invalid_code" where RFC 6749 says 400 "invalid_grant": the user reads what happened.
    void aNonStandardRefusalIsReadable() {
        auto provider = startProvider({"--nonstandard-errors"});
        QVERIFY2(provider->oidc.isRunning(), qPrintable(provider->oidc.error()));
        const QByteArray login = deviceLogin(*provider);
        QVERIFY2(login.startsWith("exit 0"), login.constData());
        QVERIFY(provider->oidc.revoke(readRefreshToken(provider->key()), "refresh_token"));

        LabshareCli again(provider->home.path(), {"login"});
        QVERIFY2(again.waitForOutput("or open (\\S+)"), qPrintable(again.describe())); // it signs in anew
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(QUrl(again.capture("or open (\\S+)")), "alice", "alice-pass"),
                 qPrintable(browser.error()));
        QCOMPARE(again.finish(), 0);
        const QString said = QString::fromUtf8(again.output());
        QVERIFY2(said.contains("has ended (the identity provider refused: the identity provider answered HTTP 403 "
                               "with \"invalid_code\", which is not a standard OAuth error)"),
                 qPrintable(said));
    }
};

QTEST_GUILESS_MAIN(TestProviderInterop)
#include "tst_providerinterop.moc"
