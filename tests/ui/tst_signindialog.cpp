// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in window against the real OpenID provider fixture (npm oidc-provider on 127.0.0.1): what
// the device flow shows (code, link, QR code, expiry), the copy-the-link fallback of the browser flow,
// failures inline with Try again, and Cancel ending the sign-in. BrowserUser plays the user in the browser.
#include "BrowserUser.h"
#include "OidcProvider.h"
#include "account/ClockText.h"
#include "account/SignInDialog.h"
#include "auth/AuthSession.h"
#include "qr/QrPicture.h"
#include "secrets/MemoryStore.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace labshare;
using namespace labshare::auth;
using namespace labshare::testsupport;

namespace {

struct Fixture {
    explicit Fixture(const OidcProvider& provider) {
        session.setConfig(
            {provider.issuer(), provider.clientId(), QStringLiteral("openid email profile offline_access")});
    }
    ~Fixture() { session.signOut(); }
    template <typename T> T* child(const char* name) const {
        T* found = dialog.findChild<T*>(QString::fromLatin1(name));
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }
    secrets::MemoryStore store;
    QNetworkAccessManager network;
    AuthSession session{store, network};
    ui::SignInDialog dialog{session};
};

} // namespace

class TestSignInDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
    }

    void deviceFlowShowsTheCodeTheLinkAndAQrCode() {
        Fixture f(m_provider);
        QSignalSpy codes(&f.session, &AuthSession::deviceCodeReady);
        f.dialog.show();
        f.dialog.start(SignInMethod::Device);
        QVERIFY(f.child<QLabel>("progressLabel")->text().contains("Asking 127.0.0.1 for a sign-in code"));
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
        const auto code = codes.at(0).at(0).value<DeviceCode>();
        QVERIFY(f.child<QWidget>("devicePage")->isVisible());

        auto* userCode = f.child<QLabel>("userCodeLabel");
        QCOMPARE(userCode->text(), code.userCode);
        QVERIFY(userCode->textInteractionFlags() & Qt::TextSelectableByMouse);
        QTest::mouseClick(f.child<QPushButton>("copyCodePushButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), code.userCode);

        auto* link = f.child<QLabel>("verificationUriLabel");
        QVERIFY(link->openExternalLinks());
        QVERIFY2(link->text().contains("href=\"" + code.verificationUri.toString(QUrl::FullyEncoded) + "\""),
                 qPrintable(link->text()));

        // The QR code holds the address with the code filled in, and the pixels shown are that code.
        QVERIFY(!code.verificationUriComplete.isEmpty());
        QCOMPARE(f.dialog.qrPayload(), code.verificationUriComplete.toString(QUrl::FullyEncoded));
        const qr::QrCode qr = qr::QrCode::encode(f.dialog.qrPayload());
        const QImage shown = f.child<QLabel>("qrCodeLabel")->pixmap().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(!qr.isNull() && !shown.isNull());
        const int module = shown.width() / (qr.size() + 2 * qr::QrCode::quietZone);
        QVERIFY(module >= 3); // big enough for a phone to read off a screen
        QCOMPARE(shown, ui::qrImage(qr, module).convertToFormat(QImage::Format_RGB32));

        QVERIFY2(f.child<QLabel>("waitingLabel")->text().contains("valid until " + ui::clockText(code.expiresAt)),
                 qPrintable(f.child<QLabel>("waitingLabel")->text()));

        QSignalSpy accepted(&f.dialog, &QDialog::accepted);
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(code.verificationUriComplete, "alice", "alice-pass"),
                 qPrintable(browser.error()));
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15000);
        QVERIFY(!f.dialog.isVisible());
        QCOMPARE(f.session.state(), AuthState::SignedIn);
    }

    void browserFlowOffersTheLinkWhenNoBrowserOpens() {
        Fixture f(m_provider);
        f.session.setBrowserOpener([](const QUrl&) { return false; });
        QSignalSpy links(&f.session, &AuthSession::browserLinkReady);
        f.dialog.show();
        f.dialog.start(SignInMethod::Browser);
        QTRY_COMPARE_WITH_TIMEOUT(links.size(), 1, 10000);
        auto* line = f.child<QLineEdit>("browserLinkLineEdit");
        QVERIFY(line->isVisible());
        QVERIFY(line->isReadOnly());
        QCOMPARE(QUrl(line->text()), links.at(0).at(0).toUrl());
        QVERIFY(f.child<QLabel>("browserTextLabel")->text().contains("No browser could be opened"));
        QTest::mouseClick(f.child<QPushButton>("copyLinkPushButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), line->text());

        // The user pastes the link into a browser.
        QSignalSpy accepted(&f.dialog, &QDialog::accepted);
        BrowserUser browser;
        QVERIFY2(browser.signInAt(QUrl(QGuiApplication::clipboard()->text()), "alice", "alice-pass"),
                 qPrintable(browser.error()));
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 10000);
        QCOMPARE(f.session.state(), AuthState::SignedIn);
    }

    void browserFlowSaysToContinueInTheBrowser() {
        Fixture f(m_provider);
        BrowserUser browser;
        f.session.setBrowserOpener([&f, &browser](const QUrl& url) {
            // The "browser" signs in a moment later, once the dialog has shown what it shows.
            QTimer::singleShot(200, &f.session,
                               [&browser, url] { (void)browser.signInAt(url, "alice", "alice-pass"); });
            return true;
        });
        QSignalSpy accepted(&f.dialog, &QDialog::accepted);
        f.dialog.show();
        f.dialog.start(SignInMethod::Browser);
        QTRY_VERIFY_WITH_TIMEOUT(f.child<QWidget>("browserPage")->isVisible(), 10000);
        QVERIFY(f.child<QLabel>("browserTextLabel")->text().contains("Continue in your browser"));
        QVERIFY(!f.child<QLineEdit>("browserLinkLineEdit")->isVisible());
        QVERIFY(!f.child<QPushButton>("copyLinkPushButton")->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15000);
    }

    void aDeclinedSignInShowsInlineAndCanBeTriedAgain() {
        Fixture f(m_provider);
        QSignalSpy codes(&f.session, &AuthSession::deviceCodeReady);
        f.dialog.show();
        f.dialog.start(SignInMethod::Device);
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
        BrowserUser browser;
        QVERIFY2(browser.denyDevice(codes.at(0).at(0).value<DeviceCode>().verificationUriComplete),
                 qPrintable(browser.error()));
        auto* error = f.child<QLabel>("errorLabel");
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
        QCOMPARE(error->text(), QString("The sign-in was declined in the browser"));
        QVERIFY(f.dialog.isVisible()); // no pop-up, the window stays
        auto* retry = f.child<QPushButton>("retryPushButton");
        QVERIFY(retry->isVisible());
        QCOMPARE(f.child<QPushButton>("cancelPushButton")->text(), QString("Close"));

        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(f.session.state(), AuthState::SigningIn);
        QVERIFY(!error->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 2, 10000);
        QVERIFY(codes.at(1).at(0).value<DeviceCode>().userCode != codes.at(0).at(0).value<DeviceCode>().userCode);
        QCOMPARE(f.dialog.userCode(), codes.at(1).at(0).value<DeviceCode>().userCode);
    }

    void cancelEndsTheSignIn() {
        Fixture f(m_provider);
        QSignalSpy codes(&f.session, &AuthSession::deviceCodeReady);
        f.dialog.show();
        f.dialog.start(SignInMethod::Device);
        QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 10000);
        QSignalSpy rejected(&f.dialog, &QDialog::rejected);
        QTest::mouseClick(f.child<QPushButton>("cancelPushButton"), Qt::LeftButton);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(f.session.state(), AuthState::SignedOut);
        QVERIFY(!f.dialog.isVisible());
    }

    void anIssuerWithoutHttpsFailsInline() {
        secrets::MemoryStore store;
        QNetworkAccessManager network;
        AuthSession session(store, network);
        session.setConfig({QUrl("http://id.example.org"), "labshare", "openid"});
        ui::SignInDialog dialog(session);
        dialog.show();
        dialog.start(SignInMethod::Device);
        QVERIFY2(dialog.errorText().contains("must use https"), qPrintable(dialog.errorText()));
        QVERIFY(dialog.findChild<QPushButton*>("retryPushButton")->isVisible());
    }

private:
    OidcProvider m_provider;
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
