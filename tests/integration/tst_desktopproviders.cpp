// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's sign-in against identity providers that differ from the one LabShare was built
// with (the OpenID provider fixture with its switches, tests/fixtures/oidc/README.md): the Identity
// provider window's client secret and fixed redirect port, the browser sign-in window's deadline, an
// unverified e-mail, a sign-in known from the keychain when refreshes carry no ID token, what sign-out
// says the provider did, and a non-standard refusal in words. The real app on Xvfb, the real keychain.
#include "BrowserUser.h"
#include "DesktopController.h"
#include "FreePort.h"
#include "KeychainAnswers.h"
#include "MainWindow.h"
#include "OidcProvider.h"
#include "ProgramSetup.h"
#include "account/AccountMenu.h"
#include "account/IdentityProviderDialog.h"
#include "account/SignInDialog.h"
#include "common/LogBuffer.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QString kSecret = QStringLiteral("installed-app-secret-that-is-no-secret");

void screenshot(const QString& name, const QWidget* widget) {
    const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    const QRect area = widget->frameGeometry();
    QGuiApplication::primaryScreen()
        ->grabWindow(0, area.x(), area.y(), area.width(), area.height())
        .save(QDir(dir).filePath(name));
}

} // namespace

class TestDesktopProviders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aSecretAndAFixedPortFromTheProviderWindow();
    void aRestartKnowsWhoWithoutAnIdTokenAndSignOutSaysItWasRevoked();
    void aBrowserThatNeverComesBackEndsTheWait();
    void aRefusedRevocationIsSaid();
    void aNonStandardRefusalIsSaidInWords();
    void cleanupTestCase();

private:
    void startApp();
    QToolButton* accountButton() const {
        return m_app->window().findChild<QToolButton*>(QStringLiteral("accountToolButton"));
    }
    // What the window tells the user: with no lab open the banner's words show on the drop zone.
    QString banner() const { return m_app->window().findChild<QLabel*>(QStringLiteral("dropMessageLabel"))->text(); }
    ui::AccountMenu* openAccountMenu();
    void pick(ui::AccountMenu* menu, const char* actionName);
    // Signs in with the browser flow from the account menu; the link is offered to copy (no browser
    // opens in a test) and `user` signs in there. False when the browser was refused.
    bool browserSignIn(const QString& user, QString* why);
    void useProvider(OidcProvider& provider, int redirectPort = 0);

    OidcProvider m_exact; // a client secret, exact redirect URIs, unverified e-mails, no ID token on refresh
    quint16 m_exactPort = 0;
    std::unique_ptr<app::DesktopController> m_app;
};

void TestDesktopProviders::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "needs an X server and a keychain: run through tests/with-desktop.sh (Xvfb, gnome-keyring)");
    m_exactPort = freeTcpPort();
    QVERIFY(m_exactPort != 0);
    QVERIFY2(
        m_exact.start({"--client-secret", kSecret, "--exact-redirect-port", QString::number(m_exactPort),
                       "--unverified-emails", "--no-id-token-on-refresh", "--refuse-public-revocation", "advertised"}),
        qPrintable(m_exact.error()));
    app::applyApplicationIdentity();
    QSettings().remove(QStringLiteral("signIn"));
    startApp();
}

void TestDesktopProviders::startApp() {
    m_app.reset();
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->authSession().setBrowserOpener([](const QUrl&) { return false; });
    m_app->window().resize(1280, 770);
    m_app->window().move(0, 30);
    m_app->window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
}

ui::AccountMenu* TestDesktopProviders::openAccountMenu() {
    ui::AccountMenu* menu = m_app->account().menu();
    QTest::mouseClick(accountButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([menu] { return menu->isVisible(); }, 5000))
        return nullptr;
    return menu;
}

void TestDesktopProviders::pick(ui::AccountMenu* menu, const char* actionName) {
    QAction* action = menu->findChild<QAction*>(QString::fromLatin1(actionName));
    QVERIFY2(action && action->isVisible(), actionName);
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    QTRY_VERIFY_WITH_TIMEOUT(!menu->isVisible(), 5000);
}

bool TestDesktopProviders::browserSignIn(const QString& user, QString* why) {
    ui::AccountMenu* menu = openAccountMenu();
    if (!menu) {
        *why = QStringLiteral("the account menu did not open");
        return false;
    }
    pick(menu, "browserSignInAction");
    ui::SignInDialog* dialog = nullptr;
    auto* link = static_cast<QLineEdit*>(nullptr);
    if (!QTest::qWaitFor(
            [&] {
                dialog = m_app->account().signInDialog();
                link = dialog ? dialog->findChild<QLineEdit*>(QStringLiteral("browserLinkLineEdit")) : nullptr;
                return link && link->isVisible() && !link->text().isEmpty();
            },
            10000)) {
        *why = QStringLiteral("no sign-in link was offered");
        return false;
    }
    BrowserUser browser;
    const bool signedIn = browser.signInAt(QUrl(link->text()), user, user + QStringLiteral("-pass"));
    *why = browser.error();
    return signedIn;
}

void TestDesktopProviders::useProvider(OidcProvider& provider, int redirectPort) {
    QSettings settings;
    auth::AuthConfig{provider.issuer(), provider.clientId(), QStringLiteral("openid email profile offline_access"),
                     redirectPort}
        .save(settings);
    settings.sync();
    startApp();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedOut, 15000); // nothing remembered
}

void TestDesktopProviders::aSecretAndAFixedPortFromTheProviderWindow() {
    m_app->account().editIdentityProvider();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_app->account().identityProviderDialog() && m_app->account().identityProviderDialog()->isVisible(), 5000);
    ui::IdentityProviderDialog* dialog = m_app->account().identityProviderDialog();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit")), m_exact.issuer().toString());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("clientIdLineEdit")), m_exact.clientId());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("clientSecretLineEdit")), kSecret);
    dialog->findChild<QSpinBox*>(QStringLiteral("redirectPortSpinBox"))->setValue(m_exactPort);
    QTest::qWait(300);
    screenshot(QStringLiteral("identity-provider.png"), dialog);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okPushButton")), Qt::LeftButton);

    const auth::AuthConfig saved = auth::AuthConfig::load(QSettings());
    QCOMPARE(saved.redirectPort, int(m_exactPort));
    QVERIFY(saved.clientSecretInKeychain);
    QTRY_COMPARE_WITH_TIMEOUT(readKeychain(saved.clientSecretKey()).secret.exposed(), kSecret.toUtf8(), 15000);
    QFile settingsFile(QSettings().fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    QVERIFY2(!settingsFile.readAll().contains(kSecret.toUtf8()), "the client secret is in the settings file");

    // The provider takes only http://127.0.0.1:PORT/callback, and only with the secret.
    QString why;
    QVERIFY2(browserSignIn(QStringLiteral("alice"), &why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->authSession().account().remembered, 15000);
    QCOMPARE(accountButton()->text(), QString("Alice Example ▾"));
    ui::AccountMenu* menu = openAccountMenu();
    QVERIFY(menu);
    QVERIFY2(menu->headerText().contains("has not verified this e-mail address"), qPrintable(menu->headerText()));
    QTest::qWait(300);
    screenshot(QStringLiteral("account-unverified.png"), menu);
    menu->hide();
    QVERIFY2(accountButton()->toolTip().contains("(e-mail not verified"), qPrintable(accountButton()->toolTip()));
}

void TestDesktopProviders::aRestartKnowsWhoWithoutAnIdTokenAndSignOutSaysItWasRevoked() {
    QSignalSpy accounts(&m_app->authSession(), &auth::AuthSession::accountChanged);
    startApp();
    // The keychain says who it is while the refresh (which brings no ID token) is on its way.
    QCOMPARE(m_app->authSession().state(), auth::AuthState::Restoring);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().account().identity.email, QString("alice@example.org"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QCOMPARE(accountButton()->text(), QString("Alice Example ▾"));
    QCOMPARE(m_app->authSession().account().identity.emailVerification, auth::EmailVerification::Unverified);

    ui::AccountMenu* menu = openAccountMenu();
    QVERIFY(menu);
    pick(menu, "signOutAction");
    // Public clients may not revoke here; with the secret from the keychain LabShare may, and does.
    QTRY_VERIFY2_WITH_TIMEOUT(banner().contains("revoked at the provider"), qPrintable(banner()), 15000);
    QVERIFY2(!banner().contains("did not revoke"), qPrintable(banner()));
    QTRY_COMPARE_WITH_TIMEOUT(readKeychain(auth::AuthConfig::load(QSettings()).secretKey()).status,
                              secrets::SecretStatus::NotFound, 15000);
}

void TestDesktopProviders::aBrowserThatNeverComesBackEndsTheWait() {
    useProvider(m_exact); // any port: the provider answers the browser with a bare 403
    m_app->authSession().setBrowserTimeout(10);
    QString why;
    QVERIFY(!browserSignIn(QStringLiteral("alice"), &why));
    QVERIFY2(why.contains("403"), qPrintable(why));
    ui::SignInDialog* dialog = m_app->account().signInDialog();
    QVERIFY(dialog);
    auto* remaining = dialog->findChild<QLabel*>(QStringLiteral("browserRemainingLabel"));
    QVERIFY2(remaining->isVisible() && remaining->text().contains("more for the browser to come back"),
             qPrintable(remaining->text()));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().contains("The browser did not come back within 10 seconds"), 20000);
    QVERIFY2(dialog->errorText().contains("need a fixed port"), qPrintable(dialog->errorText()));
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("retryPushButton"))->isVisible());
    QTest::qWait(300);
    screenshot(QStringLiteral("sign-in-timed-out.png"), dialog);
    dialog->reject();
}

void TestDesktopProviders::aRefusedRevocationIsSaid() {
    OidcProvider strict;
    QVERIFY2(strict.start({"--refuse-public-revocation", "unadvertised", "--rotate-refresh", "no"}),
             qPrintable(strict.error()));
    useProvider(strict);
    QString why;
    QVERIFY2(browserSignIn(QStringLiteral("bob"), &why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->authSession().account().remembered, 15000);
    const QByteArray refreshToken = readRefreshToken(auth::AuthConfig::load(QSettings()).secretKey());
    QVERIFY(!refreshToken.isEmpty());

    ui::AccountMenu* menu = openAccountMenu();
    QVERIFY(menu);
    pick(menu, "signOutAction");
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains("the provider did not revoke it"), 15000);
    QVERIFY2(banner().contains("client authentication is required to revoke a token") &&
                 banner().contains("stays valid until it expires"),
             qPrintable(banner()));
    QVERIFY2(strict.refresh(refreshToken).error.isEmpty(), "the refresh token was revoked after all");
}

void TestDesktopProviders::aNonStandardRefusalIsSaidInWords() {
    OidcProvider odd;
    QVERIFY2(odd.start({"--nonstandard-errors"}), qPrintable(odd.error()));
    useProvider(odd);
    QString why;
    QVERIFY2(browserSignIn(QStringLiteral("alice"), &why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->authSession().account().remembered, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->account().signInDialog(), 5000);
    // Revoked behind LabShare's back; the renewal meets a 403 "invalid_code" instead of 400 "invalid_grant".
    QVERIFY(odd.revoke(readRefreshToken(auth::AuthConfig::load(QSettings()).secretKey()), "refresh_token"));
    m_app->authSession().tokenRejected();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignInRequired, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains("which is not a standard OAuth error"), 5000);
    QVERIFY2(banner().contains("HTTP 403 with \"invalid_code\""), qPrintable(banner()));
}

void TestDesktopProviders::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopProviders)
#include "tst_desktopproviders.moc"
