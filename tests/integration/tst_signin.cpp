// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in end to end: the real AuthSession against a real OpenID provider (npm oidc-provider on
// 127.0.0.1) with its refresh token in a real keychain (gnome-keyring, unlocked by
// tests/with-desktop.sh). The test plays the user in the browser with BrowserUser.
#include "BrowserUser.h"
#include "FilesContaining.h"
#include "KeychainAnswers.h"
#include "OidcProvider.h"
#include "Tools.h"
#include "auth/AuthSession.h"
#include "auth/RememberedSignIn.h"
#include "secrets/KeychainStore.h"
#include "secrets/MemoryStore.h"

#include <QDir>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace labshare;
using namespace labshare::auth;
using namespace labshare::testsupport;

namespace {

const QString kService = QStringLiteral(LABSHARE_APP_ID);

// Every message any category logs during the test, to prove no token or code reaches a log.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        const QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    previousHandler(type, context, message);
}

// One app run: a keychain store, a network manager and the session, as the composition root makes them.
struct AppRun {
    explicit AppRun(const OidcProvider& provider, secrets::SecretStore* store = nullptr)
        : ownStore(store ? nullptr : std::make_unique<secrets::KeychainStore>(kService))
        , session(store ? *store : *ownStore, network) {
        session.setConfig(
            {provider.issuer(), provider.clientId(), QStringLiteral("openid email profile offline_access")});
    }
    std::unique_ptr<secrets::KeychainStore> ownStore;
    QNetworkAccessManager network;
    AuthSession session;
};

} // namespace

class TestSignIn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        previousHandler = qInstallMessageHandler(captureMessage);
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
    }

    void cleanupTestCase() {
        qInstallMessageHandler(previousHandler);
        QVERIFY(!m_secrets.isEmpty());
        const QMutexLocker lock(&logMutex);
        for (const QByteArray& secret : std::as_const(m_secrets))
            for (const QString& line : std::as_const(capturedLog))
                QVERIFY2(!line.contains(QString::fromUtf8(secret)), qPrintable("a token reached the log: " + line));
        const QStringList files = filesContaining(QDir::homePath(), m_secrets);
        QVERIFY2(files.isEmpty(), qPrintable("a token reached a file: " + files.join(", ")));
    }

    void deviceSignInIsRememberedAcrossRestartsUntilSignOut() {
        QByteArray refreshToken;
        {
            AppRun run(m_provider);
            QVERIFY(signInWithDevice(run.session, "alice", "alice-pass"));
            QCOMPARE(run.session.account().identity.email, QString("alice@example.org"));
            QCOMPARE(run.session.account().identity.name, QString("Alice Example"));
            QVERIFY(run.session.account().accessExpiresAt > QDateTime::currentDateTimeUtc());
            QTRY_VERIFY_WITH_TIMEOUT(run.session.account().remembered, 10000);
            keep(run.session);
        }
        const secrets::SecretReply stored = readKeychain(m_config().secretKey());
        QCOMPARE(stored.status, secrets::SecretStatus::Ok);
        refreshToken = auth::decodeRememberedSignIn(stored.secret).refreshToken;
        m_secrets.append(refreshToken);
        QVERIFY(secretToolFinds(m_config().secretKey()));

        // A new run of LabShare picks the sign-in up from the keychain.
        AppRun again(m_provider);
        QSignalSpy states(&again.session, &AuthSession::stateChanged);
        again.session.restore();
        QTRY_COMPARE_WITH_TIMEOUT(again.session.state(), AuthState::SignedIn, 15000);
        QCOMPARE(again.session.account().identity.email, QString("alice@example.org"));
        QVERIFY(again.session.account().remembered);
        QCOMPARE(states.at(0).at(0).value<AuthState>(), AuthState::Restoring);
        keep(again.session);

        again.session.signOut();
        QCOMPARE(again.session.state(), AuthState::SignedOut);
        QTRY_COMPARE_WITH_TIMEOUT(readKeychain(m_config().secretKey()).status, secrets::SecretStatus::NotFound, 15000);
        QVERIFY(!secretToolFinds(m_config().secretKey()));
        // Revoked at the provider too (RFC 7009), not just forgotten here.
        QTRY_VERIFY_WITH_TIMEOUT(!m_provider.refresh(refreshToken).error.isEmpty(), 10000);
    }

    void browserSignInWithPkceAndLoopbackRedirect() {
        AppRun run(m_provider);
        BrowserUser browser;
        QUrl seen;
        run.session.setBrowserOpener([&](const QUrl& url) {
            seen = url;
            QTimer::singleShot(0, &run.session,
                               [&browser, url] { (void)browser.signInAt(url, "alice", "alice-pass"); });
            return true;
        });
        QSignalSpy links(&run.session, &AuthSession::browserLinkReady);
        run.session.signIn(SignInMethod::Browser);
        QTRY_COMPARE_WITH_TIMEOUT(run.session.state(), AuthState::SignedIn, 20000);
        const QUrlQuery query(seen);
        QCOMPARE(query.queryItemValue("code_challenge_method"), QString("S256"));
        QCOMPARE(query.queryItemValue("code_challenge").size(), 43);
        QVERIFY(QUrl(query.queryItemValue("redirect_uri", QUrl::FullyDecoded)).host() == "127.0.0.1");
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0).at(1).toBool(), true);
        // The page the browser was left on says so, and carries no code or token.
        QVERIFY2(browser.lastPage().contains("You are signed in"), browser.lastPage().constData());
        const QUrlQuery callback(browser.lastRedirect());
        QVERIFY(!browser.lastPage().contains(callback.queryItemValue("code").toUtf8()));
        QCOMPARE(run.session.account().identity.email, QString("alice@example.org"));
        keep(run.session);
        run.session.signOut();
    }

    void browserLinkIsOfferedWhenNoBrowserOpens() {
        AppRun run(m_provider);
        run.session.setBrowserOpener([](const QUrl&) { return false; });
        QSignalSpy links(&run.session, &AuthSession::browserLinkReady);
        run.session.signIn(SignInMethod::Browser);
        QTRY_COMPARE_WITH_TIMEOUT(links.size(), 1, 10000);
        QCOMPARE(links.at(0).at(1).toBool(), false);
        // The user copies the link into a browser themselves.
        BrowserUser browser;
        QVERIFY2(browser.signInAt(links.at(0).at(0).toUrl(), "alice", "alice-pass"), qPrintable(browser.error()));
        QTRY_COMPARE_WITH_TIMEOUT(run.session.state(), AuthState::SignedIn, 10000);
        keep(run.session);
        run.session.signOut();
    }

    void refreshesAheadOfExpiryAndFollowsRotation() {
        OidcProvider shortLived;
        QVERIFY2(shortLived.start({"--device-interval", "1", "--access-ttl", "4"}), qPrintable(shortLived.error()));
        AppRun run(shortLived);
        QVERIFY(signInWithDevice(run.session, "alice", "alice-pass"));
        QTRY_VERIFY_WITH_TIMEOUT(run.session.account().remembered, 10000);
        const QByteArray first = *run.session.tokenCache().valid(0);
        const AuthConfig config = run.session.config();
        const QByteArray firstRefresh = readRefreshToken(config.secretKey());
        QSignalSpy refreshed(&run.session, &AuthSession::accessTokenChanged);
        // Nobody asks: the session refreshes by itself before the 4 s are up.
        QVERIFY(refreshed.wait(4500));
        const std::optional<QByteArray> second = run.session.tokenCache().valid(0);
        QVERIFY(second && *second != first);
        QVERIFY(!shortLived.userinfo(*second).isEmpty());
        // The provider rotated the refresh token, and the keychain holds the new one.
        QTRY_VERIFY_WITH_TIMEOUT(readRefreshToken(config.secretKey()) != firstRefresh, 10000);
        keep(run.session);
        m_secrets.append(firstRefresh);

        // Concurrent askers share one refresh: with rotation, a second refresh would present a
        // used refresh token and fail.
        run.session.tokenRejected();
        QList<QByteArray> answers;
        for (int i = 0; i < 3; ++i)
            run.session.withAccessToken(this, [&answers](const Result<QByteArray>& token) {
                answers.append(token ? *token : QByteArray("error: ") + token.error().message.toUtf8());
            });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 10000);
        QCOMPARE(answers.at(0), answers.at(1));
        QCOMPARE(answers.at(1), answers.at(2));
        QVERIFY2(!answers.at(0).startsWith("error"), answers.at(0).constData());
        QCOMPARE(run.session.state(), AuthState::SignedIn);
        keep(run.session);
        run.session.signOut();
    }

    void revokedRefreshTokenAsksToSignInAgain() {
        AppRun run(m_provider);
        QVERIFY(signInWithDevice(run.session, "alice", "alice-pass"));
        QTRY_VERIFY_WITH_TIMEOUT(run.session.account().remembered, 10000);
        const QByteArray refreshToken = readRefreshToken(m_config().secretKey());
        keep(run.session);
        QVERIFY(m_provider.revoke(refreshToken, "refresh_token"));
        QSignalSpy failed(&run.session, &AuthSession::signInFailed);
        run.session.tokenRejected(); // as a relay refusing the access token would
        QTRY_COMPARE_WITH_TIMEOUT(run.session.state(), AuthState::SignInRequired, 10000);
        QVERIFY(failed.last().at(0).toString().contains("sign in again"));
        QTRY_COMPARE_WITH_TIMEOUT(readKeychain(m_config().secretKey()).status, secrets::SecretStatus::NotFound, 15000);
        std::optional<Result<QByteArray>> answer;
        run.session.withAccessToken(this, [&answer](const Result<QByteArray>& token) { answer = token; });
        QVERIFY(answer && !answer->ok());
    }

    void aRelayRefusingAFreshTokenTwiceMeansSignInAgain() {
        AppRun run(m_provider);
        QVERIFY(signInWithDevice(run.session, "alice", "alice-pass"));
        QSignalSpy changed(&run.session, &AuthSession::accessTokenChanged);
        run.session.tokenRejected();
        QVERIFY(changed.wait(10000)); // first refusal: one refresh
        QCOMPARE(run.session.state(), AuthState::SignedIn);
        QSignalSpy failed(&run.session, &AuthSession::signInFailed);
        run.session.tokenRejected(); // refused again right after: the relay does not want this user
        QCOMPARE(run.session.state(), AuthState::SignInRequired);
        QVERIFY(failed.last().at(0).toString().contains("alice@example.org"));
        keep(run.session);
        run.session.signOut();
    }

    void refusesAnIssuerWithoutHttps() {
        secrets::MemoryStore store;
        QNetworkAccessManager network;
        AuthSession session(store, network);
        session.setConfig({QUrl("http://id.example.org"), "labshare", "openid"});
        QSignalSpy failed(&session, &AuthSession::signInFailed);
        session.signIn(SignInMethod::Device);
        QCOMPARE(failed.size(), 1); // refused before any request is made
        QVERIFY(failed.at(0).at(0).toString().contains("must use https"));
        QCOMPARE(session.state(), AuthState::SignedOut);
    }

    void refusesACallbackWithTheWrongState() {
        AppRun run(m_provider);
        BrowserUser browser;
        run.session.setBrowserOpener([&](const QUrl& url) {
            const QUrl redirect(QUrlQuery(url).queryItemValue("redirect_uri", QUrl::FullyDecoded));
            QTimer::singleShot(0, &run.session, [redirect] {
                QUrl forged = redirect;
                forged.setQuery("code=stolen-code&state=not-the-state");
                (void)exchange(forged);
            });
            return true;
        });
        QSignalSpy failed(&run.session, &AuthSession::signInFailed);
        run.session.signIn(SignInMethod::Browser);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(failed.at(0).at(0).toString().contains("wrong state"));
        QCOMPARE(run.session.state(), AuthState::SignedOut);
    }

    void theProviderRefusesASignInWithoutPkce() {
        // Proof that the provider enforces PKCE, so the successful browser sign-in above used it.
        AppRun run(m_provider);
        BrowserUser browser;
        run.session.setBrowserOpener([&](const QUrl& url) {
            QUrl stripped = url;
            QUrlQuery query(url);
            query.removeAllQueryItems("code_challenge");
            query.removeAllQueryItems("code_challenge_method");
            stripped.setQuery(query);
            QTimer::singleShot(0, &run.session,
                               [&browser, stripped] { (void)browser.signInAt(stripped, "alice", "alice-pass"); });
            return true;
        });
        QSignalSpy failed(&run.session, &AuthSession::signInFailed);
        run.session.signIn(SignInMethod::Browser);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY2(failed.at(0).at(0).toString().contains("invalid_request"), qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(run.session.state(), AuthState::SignedOut);
    }

    void deniedDeviceSignInEnds() {
        AppRun run(m_provider);
        QSignalSpy codes(&run.session, &AuthSession::deviceCodeReady);
        QSignalSpy failed(&run.session, &AuthSession::signInFailed);
        run.session.signIn(SignInMethod::Device);
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
        BrowserUser browser;
        QVERIFY2(browser.denyDevice(codes.at(0).at(0).value<DeviceCode>().verificationUriComplete),
                 qPrintable(browser.error()));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QCOMPARE(failed.at(0).at(0).toString(), QString("the sign-in was declined in the browser"));
    }

    void withoutAKeychainTheSignInLastsForTheRunOnly() {
        secrets::MemoryStore unavailable;
        unavailable.setUnavailable(true);
        AppRun run(m_provider, &unavailable);
        QSignalSpy notices(&run.session, &AuthSession::notice);
        QVERIFY(signInWithDevice(run.session, "alice", "alice-pass"));
        QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 1, 5000);
        QVERIFY(notices.at(0).at(0).toString().contains("will not be remembered"));
        QVERIFY(!run.session.account().remembered);
        // Still usable for this run: refreshes work from memory.
        QSignalSpy changed(&run.session, &AuthSession::accessTokenChanged);
        run.session.tokenRejected();
        QVERIFY(changed.wait(10000));
        keep(run.session);
    }

private:
    AuthConfig m_config() const {
        return {m_provider.issuer(), m_provider.clientId(), QStringLiteral("openid email profile offline_access")};
    }

    static HttpPage exchange(const QUrl& url) {
        QNetworkAccessManager network;
        return labshare::testsupport::exchange(network, QNetworkRequest(url));
    }

    bool signInWithDevice(AuthSession& session, const QString& user, const QString& password) {
        QSignalSpy codes(&session, &AuthSession::deviceCodeReady);
        session.signIn(SignInMethod::Device);
        if (!QTest::qWaitFor([&codes] { return codes.size() == 1; }, 10000)) {
            qWarning() << "no device code";
            return false;
        }
        const auto code = codes.at(0).at(0).value<DeviceCode>();
        if (code.userCode.isEmpty() || !code.verificationUri.isValid())
            return false;
        BrowserUser browser;
        if (!browser.approveDevice(code.verificationUriComplete, user, password)) {
            qWarning() << "approving the device failed:" << browser.error();
            return false;
        }
        return QTest::qWaitFor([&session] { return session.state() == AuthState::SignedIn; }, 15000);
    }

    bool secretToolFinds(const QString& key) {
        QString error;
        const QString secretTool = findTool("secret-tool", "libsecret-tools", &error);
        if (secretTool.isEmpty()) {
            qWarning() << error;
            return false;
        }
        QProcess tool;
        tool.start(secretTool, {"search", "--all", "server", kService, "user", key});
        if (!tool.waitForFinished(10000)) {
            qWarning() << "secret-tool did not run (Debian package libsecret-tools):" << tool.errorString();
            return false;
        }
        return QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError())
            .contains("attribute.user = " + key);
    }

    void keep(AuthSession& session) {
        if (const std::optional<QByteArray> token = session.tokenCache().valid(0))
            m_secrets.append(*token);
    }

    OidcProvider m_provider;
    QList<QByteArray> m_secrets;
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
