// SPDX-License-Identifier: GPL-3.0-or-later
// Signing in from the real desktop app (the DesktopController `labshare` builds) on a real X server
// (Xvfb, tests/with-desktop.sh) with the real keychain (gnome-keyring) and a real OpenID provider
// (npm oidc-provider on 127.0.0.1): the account button, the identity provider settings, the device
// sign-in window with its code and QR code, the user approving in a browser (BrowserUser), who is
// signed in and until when; a restart signed in from the keychain; signing out forgets the entry.
// Screenshots of the sign-in window and the account menu go to LABSHARE_SCREENSHOT_DIR.
#include "BrowserUser.h"
#include "DesktopController.h"
#include "KeychainAnswers.h"
#include "MainWindow.h"
#include "OidcProvider.h"
#include "ProgramSetup.h"
#include "account/AccountMenu.h"
#include "account/ClockText.h"
#include "account/IdentityProviderDialog.h"
#include "account/SignInDialog.h"
#include "common/LogBuffer.h"
#include "qr/QrPicture.h"
#include "secrets/KeychainStore.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

// A part of the X screen as the user sees it (menus included): `area` grown by `margins`.
QString screenshot(const QString& name, const QRect& area, const QMargins& margins = {}) {
    const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name);
    QScreen* screen = QGuiApplication::primaryScreen();
    const QRect crop = area.marginsAdded(margins).intersected(screen->geometry());
    if (!screen->grabWindow(0, crop.x(), crop.y(), crop.width(), crop.height()).save(path))
        qWarning() << "cannot save" << path;
    return path;
}

} // namespace

class TestDesktopSignIn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signsInWithTheDeviceFlowFromTheAccountButton();
    void aRestartIsSignedInFromTheKeychain();
    void aRevokedSignInAsksAgainOnTheButtonAndInTheTray();
    void signingOutFromTheMenuForgetsTheKeychainEntry();
    void cleanupTestCase();

private:
    void startApp();
    QToolButton* accountButton() const {
        return m_app->window().findChild<QToolButton*>(QStringLiteral("accountToolButton"));
    }
    ui::AccountMenu* openAccountMenu();
    void pick(ui::AccountMenu* menu, const char* actionName);
    auth::AuthConfig config() const {
        return {m_provider.issuer(), m_provider.clientId(), QStringLiteral("openid email profile offline_access")};
    }

    OidcProvider m_provider;
    std::unique_ptr<app::DesktopController> m_app;
};

void TestDesktopSignIn::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "needs an X server and a keychain: run through tests/with-desktop.sh (Xvfb, gnome-keyring)");
    QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
    app::applyApplicationIdentity();              // before any setting is read or written
    QSettings().remove(QStringLiteral("signIn")); // a first run: no identity provider chosen yet
    startApp();
}

void TestDesktopSignIn::startApp() {
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().resize(1280, 770);
    m_app->window().move(0, 30);
    m_app->window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
}

ui::AccountMenu* TestDesktopSignIn::openAccountMenu() {
    QToolButton* button = accountButton();
    ui::AccountMenu* menu = m_app->account().menu();
    if (!button || !menu)
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([menu] { return menu->isVisible(); }, 5000))
        return nullptr;
    return menu;
}

void TestDesktopSignIn::pick(ui::AccountMenu* menu, const char* actionName) {
    QAction* action = menu->findChild<QAction*>(QString::fromLatin1(actionName));
    QVERIFY2(action && action->isVisible(), actionName);
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    QTRY_VERIFY_WITH_TIMEOUT(!menu->isVisible(), 5000);
}

void TestDesktopSignIn::signsInWithTheDeviceFlowFromTheAccountButton() {
    QCOMPARE(accountButton()->text(), QString("Not signed in ▾"));
    QSignalSpy codes(&m_app->authSession(), &auth::AuthSession::deviceCodeReady);
    ui::AccountMenu* menu = openAccountMenu();
    QVERIFY(menu);
    pick(menu, "signInAction");

    // No identity provider yet: the app asks for one first.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_app->account().identityProviderDialog() && m_app->account().identityProviderDialog()->isVisible(), 5000);
    ui::IdentityProviderDialog* provider = m_app->account().identityProviderDialog();
    auto* ok = provider->findChild<QPushButton*>(QStringLiteral("okPushButton"));
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(provider->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit")), m_provider.issuer().toString());
    QTest::keyClicks(provider->findChild<QLineEdit*>(QStringLiteral("clientIdLineEdit")), m_provider.clientId());
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(auth::AuthConfig::load(QSettings()).secretKey(), config().secretKey());

    // The device sign-in window: the code to type, the link, and a QR code of the link with the code in it.
    QTRY_VERIFY_WITH_TIMEOUT(m_app->account().signInDialog() && m_app->account().signInDialog()->isVisible(), 5000);
    ui::SignInDialog* dialog = m_app->account().signInDialog();
    QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
    const auto code = codes.at(0).at(0).value<auth::DeviceCode>();
    auto* userCode = dialog->findChild<QLabel*>(QStringLiteral("userCodeLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(userCode->text(), code.userCode, 5000);
    QVERIFY(userCode->isVisible());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("verificationUriLabel"))
                ->text()
                .contains(code.verificationUri.toString().toHtmlEscaped()));
    QCOMPARE(dialog->qrPayload(), code.verificationUriComplete.toString(QUrl::FullyEncoded));
    auto* qrLabel = dialog->findChild<QLabel*>(QStringLiteral("qrCodeLabel"));
    QVERIFY(qrLabel->isVisible());
    const qr::QrCode qr = qr::QrCode::encode(dialog->qrPayload());
    const QImage shown = qrLabel->pixmap().toImage().convertToFormat(QImage::Format_RGB32);
    const int module = shown.width() / (qr.size() + 2 * qr::QrCode::quietZone);
    QCOMPARE(shown, ui::qrImage(qr, module).convertToFormat(QImage::Format_RGB32));
    // Nothing of the window is cut off: it is as large as its layout asks. A top-level resize reaches the
    // widget when the X server confirms it, so this waits for it.
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->width() >= dialog->sizeHint().width() && dialog->height() >= dialog->sizeHint().height(), 5000);
    QTest::qWait(300); // let the window manager-less X server map and paint it
    screenshot(QStringLiteral("sign-in.png"), dialog->frameGeometry()); // no window manager: no frame

    // The user approves on their phone.
    BrowserUser browser;
    QVERIFY2(browser.approveDevice(code.verificationUriComplete, "alice", "alice-pass"), qPrintable(browser.error()));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->account().signInDialog(), 5000); // closed and deleted
    QTRY_VERIFY_WITH_TIMEOUT(m_app->authSession().account().remembered, 15000);

    const QString until = ui::clockText(m_app->authSession().account().accessExpiresAt);
    QCOMPARE(accountButton()->text(), QString("Alice Example ▾"));
    QVERIFY2(accountButton()->toolTip().contains("alice@example.org") && accountButton()->toolTip().contains(until),
             qPrintable(accountButton()->toolTip()));
    menu = openAccountMenu();
    QVERIFY(menu);
    QVERIFY2(menu->headerText().contains("Alice Example <alice@example.org>"), qPrintable(menu->headerText()));
    QVERIFY2(menu->headerText().contains("until " + until), qPrintable(menu->headerText()));
    QVERIFY2(!menu->headerText().contains("Not remembered"), qPrintable(menu->headerText()));
    QTest::qWait(300);
    const QRect button(accountButton()->mapToGlobal(QPoint(0, 0)), accountButton()->size());
    // The toolbar's end and the menu below it.
    screenshot(QStringLiteral("account.png"), menu->frameGeometry().united(button), QMargins(160, 8, 0, 16));
    menu->hide();

    const secrets::SecretReply stored = readKeychain(config().secretKey());
    QCOMPARE(stored.status, secrets::SecretStatus::Ok);
    QVERIFY(!stored.secret.isEmpty());
}

void TestDesktopSignIn::aRestartIsSignedInFromTheKeychain() {
    m_app.reset();
    startApp();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignedIn, 15000);
    QVERIFY(m_app->authSession().account().remembered);
    QCOMPARE(accountButton()->text(), QString("Alice Example ▾"));
}

void TestDesktopSignIn::aRevokedSignInAsksAgainOnTheButtonAndInTheTray() {
    // Revoked at the provider; the next refusal (as a token relay's) finds out, and the user is told.
    const QByteArray refreshToken = readRefreshToken(config().secretKey());
    QVERIFY(!refreshToken.isEmpty());
    QVERIFY(m_provider.revoke(refreshToken, "refresh_token"));
    QSignalSpy notified(&m_app->tray(), &ui::TrayIcon::notificationRaised);
    m_app->authSession().tokenRejected();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authSession().state(), auth::AuthState::SignInRequired, 15000);
    QCOMPARE(accountButton()->text(), QString("Sign in again ▾"));
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, 5000);
    QCOMPARE(notified.at(0).at(0).toString(), QString("LabShare: sign in again"));
    QVERIFY2(notified.at(0).at(1).toString().contains(
                 "has ended (the identity provider refused: the sign-in or code is no longer valid"),
             qPrintable(notified.at(0).at(1).toString()));
}

void TestDesktopSignIn::signingOutFromTheMenuForgetsTheKeychainEntry() {
    ui::AccountMenu* menu = openAccountMenu();
    QVERIFY(menu);
    pick(menu, "signOutAction");
    QCOMPARE(m_app->authSession().state(), auth::AuthState::SignedOut);
    QCOMPARE(accountButton()->text(), QString("Not signed in ▾"));
    QTRY_COMPARE_WITH_TIMEOUT(readKeychain(config().secretKey()).status, secrets::SecretStatus::NotFound, 15000);
}

void TestDesktopSignIn::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopSignIn)
#include "tst_desktopsignin.moc"
