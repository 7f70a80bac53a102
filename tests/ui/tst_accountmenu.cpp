// SPDX-License-Identifier: GPL-3.0-or-later
// The account button's menu and text in every sign-in state, each reached by a real AuthSession:
// signed in through the device flow at the real OpenID provider fixture (npm oidc-provider on
// 127.0.0.1), with its refresh token in a MemoryStore (or none at all, as with no keychain).
#include "BrowserUser.h"
#include "OidcProvider.h"
#include "account/AccountMenu.h"
#include "account/ClockText.h"
#include "auth/AuthSession.h"
#include "secrets/MemoryStore.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace labshare;
using namespace labshare::auth;
using namespace labshare::testsupport;

namespace {

struct Fixture {
    explicit Fixture(const AuthConfig& config = {}) {
        session.setConfig(config);
        button.resize(200, 30);
        button.show();
    }
    secrets::MemoryStore store;
    QNetworkAccessManager network;
    AuthSession session{store, network};
    QToolButton button;
    ui::AccountMenu menu{session, &button};

    QAction* action(const char* name) const { return menu.findChild<QAction*>(QString::fromLatin1(name)); }
    QStringList visibleActions() const {
        QStringList names;
        for (QAction* a : menu.actions())
            if (a->isVisible() && !a->isSeparator() && !a->objectName().isEmpty())
                names << a->objectName();
        return names;
    }
};

} // namespace

class TestAccountMenu : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
    }

    void signedOutOffersTheDeviceFlowFirst() {
        Fixture f;
        QCOMPARE(f.button.text(), QString("Not signed in ▾"));
        QVERIFY(f.menu.headerText().contains("No identity provider is set yet."));
        QCOMPARE(f.visibleActions(),
                 QStringList({"accountHeaderAction", "signInAction", "browserSignInAction", "identityProviderAction"}));
        QCOMPARE(f.menu.defaultAction(), f.action("signInAction"));
        QCOMPARE(f.action("signInAction")->text(), QString("Sign in…"));
        QCOMPARE(f.action("browserSignInAction")->text(), QString("Sign in with this computer's browser…"));

        // The button pops the menu up; picking an entry there asks for that sign-in.
        QSignalSpy requests(&f.menu, &ui::AccountMenu::signInRequested);
        QSignalSpy provider(&f.menu, &ui::AccountMenu::identityProviderRequested);
        const QList<std::pair<const char*, int>> picks = {{"signInAction", 1}, {"browserSignInAction", 2}};
        for (const auto& [name, count] : picks) {
            QTest::mouseClick(&f.button, Qt::LeftButton);
            QTRY_VERIFY(f.menu.isVisible());
            QTest::mouseClick(&f.menu, Qt::LeftButton, {}, f.menu.actionGeometry(f.action(name)).center());
            QTRY_VERIFY(!f.menu.isVisible());
            QCOMPARE(requests.size(), count);
        }
        QCOMPARE(requests.at(0).at(0).value<SignInMethod>(), SignInMethod::Device);
        QCOMPARE(requests.at(1).at(0).value<SignInMethod>(), SignInMethod::Browser);
        QTest::mouseClick(&f.button, Qt::LeftButton);
        QTRY_VERIFY(f.menu.isVisible());
        QTest::mouseClick(&f.menu, Qt::LeftButton, {},
                          f.menu.actionGeometry(f.action("identityProviderAction")).center());
        QCOMPARE(provider.size(), 1);
    }

    void signedOutNamesTheProvider() {
        Fixture f; // the provider is set while the menu exists, as the identity provider dialog does
        f.session.setConfig(config());
        QTest::mouseClick(&f.button, Qt::LeftButton);
        QTRY_VERIFY(f.menu.isVisible());
        QVERIFY2(
            f.menu.headerText().contains("Identity provider: 127.0.0.1:" + QString::number(m_provider.issuer().port())),
            qPrintable(f.menu.headerText()));
    }

    void signingInCanBeCancelled() {
        Fixture f(config());
        f.session.signIn(SignInMethod::Device);
        QCOMPARE(f.session.state(), AuthState::SigningIn);
        QCOMPARE(f.button.text(), QString("Signing in… ▾"));
        QCOMPARE(f.visibleActions(), QStringList({"accountHeaderAction", "cancelSignInAction"}));
        f.action("cancelSignInAction")->trigger();
        QCOMPARE(f.session.state(), AuthState::SignedOut);
        QCOMPARE(f.button.text(), QString("Not signed in ▾"));
    }

    void signedInShowsWhoAndUntilWhen() {
        Fixture f(config());
        QVERIFY(signIn(f.session));
        QTRY_VERIFY_WITH_TIMEOUT(f.session.account().remembered, 5000);
        const QString until = ui::clockText(f.session.account().accessExpiresAt);
        QCOMPARE(f.button.text(), QString("Alice Example ▾"));
        QVERIFY2(f.button.toolTip().contains("Alice Example <alice@example.org>") && f.button.toolTip().contains(until),
                 qPrintable(f.button.toolTip()));
        const QString header = f.menu.headerText();
        QVERIFY2(header.contains("Alice Example <alice@example.org>"), qPrintable(header));
        QVERIFY2(header.contains("until " + until), qPrintable(header));
        QVERIFY2(!header.contains("Not remembered"), qPrintable(header));
        QCOMPARE(f.visibleActions(), QStringList({"accountHeaderAction", "signOutAction"}));

        QCOMPARE(f.store.keys(), QStringList({config().secretKey()}));
        f.action("signOutAction")->trigger();
        QCOMPARE(f.session.state(), AuthState::SignedOut);
        QCOMPARE(f.button.text(), QString("Not signed in ▾"));
        QTRY_VERIFY_WITH_TIMEOUT(f.store.keys().isEmpty(), 5000);
    }

    void withoutAKeychainItSaysTheSignInIsNotRemembered() {
        Fixture f(config());
        f.store.setUnavailable(true);
        QSignalSpy notices(&f.session, &AuthSession::notice);
        QVERIFY(signIn(f.session));
        QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 1, 5000); // the keychain write has answered
        QVERIFY(!f.session.account().remembered);
        QVERIFY2(f.menu.headerText().contains("Not remembered: no keychain"), qPrintable(f.menu.headerText()));
        f.session.signOut();
    }

    void restoringFromTheStoreSaysSo() {
        secrets::MemoryStore store;
        {
            Fixture first(config());
            QVERIFY(signIn(first.session));
            QTRY_VERIFY_WITH_TIMEOUT(first.session.account().remembered, 5000);
            QCOMPARE(first.store.keys().size(), 1);
            // Hand the remembered refresh token to the next run's store.
            std::optional<QByteArray> token;
            first.store.read(config().secretKey(),
                             [&token](const secrets::SecretReply& r) { token = r.secret.exposed(); });
            QTRY_VERIFY(token.has_value());
            store.write(config().secretKey(), *token, [](const secrets::SecretReply&) {});
        }
        QNetworkAccessManager network;
        AuthSession session(store, network);
        session.setConfig(config());
        QToolButton button;
        ui::AccountMenu menu(session, &button);
        session.restore();
        QCOMPARE(session.state(), AuthState::Restoring);
        QVERIFY2(menu.headerText().startsWith("Checking the remembered sign-in at 127.0.0.1"),
                 qPrintable(menu.headerText()));
        QCOMPARE(button.text(), QString("Signing in… ▾"));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AuthState::SignedIn, 10000);
        QCOMPARE(button.text(), QString("Alice Example ▾"));
        session.signOut();
    }

    void signInRequiredIsHighlighted() {
        Fixture f(config());
        QVERIFY(signIn(f.session));
        // A relay refusing the token twice in a row: the user has to sign in again.
        QSignalSpy changed(&f.session, &AuthSession::accessTokenChanged);
        f.session.tokenRejected();
        QVERIFY(changed.wait(10000));
        f.session.tokenRejected();
        QCOMPARE(f.session.state(), AuthState::SignInRequired);
        QCOMPARE(f.button.text(), QString("Sign in again ▾"));
        QVERIFY(f.button.styleSheet().contains("font-weight:bold"));
        QCOMPARE(f.menu.defaultAction(), f.action("signInAgainAction"));
        QVERIFY(f.action("signInAgainAction")->font().bold());
        QCOMPARE(f.visibleActions(), QStringList({"accountHeaderAction", "signInAgainAction", "browserSignInAction",
                                                  "identityProviderAction", "signOutAction"}));
        QVERIFY2(f.menu.headerText().contains("Alice Example <alice@example.org>"), qPrintable(f.menu.headerText()));
        QSignalSpy requests(&f.menu, &ui::AccountMenu::signInRequested);
        f.action("signInAgainAction")->trigger();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).at(0).value<SignInMethod>(), SignInMethod::Device);
        f.session.signOut();
        QCOMPARE(f.button.styleSheet(), QString());
    }

private:
    AuthConfig config() const {
        return {m_provider.issuer(), m_provider.clientId(), QStringLiteral("openid email profile offline_access")};
    }

    static bool signIn(AuthSession& session) {
        QSignalSpy codes(&session, &AuthSession::deviceCodeReady);
        session.signIn(SignInMethod::Device);
        if (!QTest::qWaitFor([&codes] { return codes.size() == 1; }, 10000))
            return false;
        BrowserUser browser;
        if (!browser.approveDevice(codes.at(0).at(0).value<DeviceCode>().verificationUriComplete, "alice",
                                   "alice-pass")) {
            qWarning() << "approving the device failed:" << browser.error();
            return false;
        }
        return QTest::qWaitFor([&session] { return session.state() == AuthState::SignedIn; }, 15000);
    }

    OidcProvider m_provider;
};

QTEST_MAIN(TestAccountMenu)
#include "tst_accountmenu.moc"
