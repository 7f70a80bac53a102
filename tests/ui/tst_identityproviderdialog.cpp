// SPDX-License-Identifier: GPL-3.0-or-later
// The identity provider settings: OK only for an issuer LabShare would use (https, or http on
// loopback) and a client id, with the reason shown under the fields as they are typed.
#include "account/IdentityProviderDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace labshare;

class TestIdentityProviderDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void validatesAsTyped_data() {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << ""
                               << "" << false << "Enter the issuer URL.";
        QTest::newRow("https") << "https://id.example.org/realms/lab"
                               << "labshare" << true << "";
        QTest::newRow("loopback http") << "http://127.0.0.1:8080"
                                       << "labshare" << true << "";
        QTest::newRow("plain http") << "http://id.example.org"
                                    << "labshare" << false << "must use https";
        QTest::newRow("query") << "https://id.example.org/?tenant=1"
                               << "labshare" << false << "must not have a query";
        QTest::newRow("not a URL") << "id example"
                                   << "labshare" << false << "is not a valid address";
        QTest::newRow("no client id") << "https://id.example.org"
                                      << "  " << false << "Enter the client id.";
    }

    void validatesAsTyped() {
        QFETCH(QString, issuer);
        QFETCH(QString, clientId);
        QFETCH(bool, ok);
        QFETCH(QString, problem);
        ui::IdentityProviderDialog dialog({});
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit*>("issuerLineEdit"), issuer);
        QTest::keyClicks(dialog.findChild<QLineEdit*>("clientIdLineEdit"), clientId);
        auto* okButton = dialog.findChild<QPushButton*>("okPushButton");
        auto* problemLabel = dialog.findChild<QLabel*>("problemLabel");
        QCOMPARE(okButton->isEnabled(), ok);
        QCOMPARE(problemLabel->isVisible(), !ok);
        if (!ok)
            QVERIFY2(problemLabel->text().contains(problem), qPrintable(problemLabel->text()));
        QCOMPARE(dialog.config().isComplete(), ok);
        if (ok) {
            QCOMPARE(dialog.config().issuer, QUrl(issuer));
            QCOMPARE(dialog.config().clientId, clientId.trimmed());
        }
    }

    void startsFromTheCurrentSettingsAndKeepsTheScope() {
        auth::AuthConfig current{QUrl("https://id.example.org"), "labshare", "openid email"};
        ui::IdentityProviderDialog dialog(current);
        QCOMPARE(dialog.findChild<QLineEdit*>("issuerLineEdit")->text(), QString("https://id.example.org"));
        QVERIFY(dialog.findChild<QPushButton*>("okPushButton")->isEnabled());
        auto* clientId = dialog.findChild<QLineEdit*>("clientIdLineEdit");
        clientId->clear();
        QVERIFY(!dialog.findChild<QPushButton*>("okPushButton")->isEnabled());
        QTest::keyClicks(clientId, "other-client");
        QCOMPARE(dialog.config().clientId, QString("other-client"));
        QCOMPARE(dialog.config().scope, QString("openid email"));
    }
};

QTEST_MAIN(TestIdentityProviderDialog)
#include "tst_identityproviderdialog.moc"
