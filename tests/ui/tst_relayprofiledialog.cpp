// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/lan/LanAddress.h"
#include "widgets/RelayProfileDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare;
using ui::RelayProfileDialog;

class TestRelayProfileDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8()); // no ~/.ssh of the user's
    }

    void aNewRelayHasPlaceholdersOnly() {
        RelayProfileDialog dialog;
        auto* host = dialog.findChild<QLineEdit*>("hostLineEdit");
        QCOMPARE(dialog.findChild<QComboBox*>("flavorComboBox")->currentData().toInt(),
                 int(tunnel::RelayFlavor::OpenSsh));
        QCOMPARE(host->text(), QString());
        QCOMPARE(host->placeholderText(), QString("relay.example.org"));
        QVERIFY(!dialog.findChild<QPushButton*>("deletePushButton"));
        QVERIFY2(!dialog.findChild<QLabel*>("problemLabel")->isVisibleTo(&dialog), "nothing typed is no error");
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    void fieldsAreWideEnoughForTheirPlaceholders() {
        RelayProfileDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (QLineEdit* edit : dialog.findChildren<QLineEdit*>()) {
            if (edit->placeholderText().isEmpty() || edit->objectName().isEmpty())
                continue;
            QVERIFY2(edit->width() > edit->fontMetrics().horizontalAdvance(edit->placeholderText()),
                     qPrintable(edit->objectName() + ": " + edit->placeholderText()));
        }
    }

    void theLanEntryNamesItsAddress() {
        RelayProfileDialog dialog;
        auto* flavor = dialog.findChild<QComboBox*>("flavorComboBox");
        const int lan = flavor->findData(int(tunnel::RelayFlavor::Lan));
        QCOMPARE(flavor->itemText(lan), "LAN — this machine (" + tunnel::LanAddress::defaultAddress() + ")");
        flavor->setCurrentIndex(lan);
        QVERIFY(!dialog.findChild<QPushButton*>("testConnectionPushButton")->isVisibleTo(&dialog));
        QCOMPARE(dialog.relayUrl(), QString("lan://"));
    }

    // A LAN relay's allow= networks are a field of their own: kept when the relay is edited, checked as typed.
    void aLanRelayKeepsItsAllowedNetworks() {
        RelayProfileDialog dialog(*tunnel::RelayProfile::fromUrl("lan://192.0.2.10?allow=192.0.2.0/24"));
        auto* allow = dialog.findChild<QLineEdit*>("allowLineEdit");
        QVERIFY(allow && allow->isEnabled());
        QCOMPARE(allow->text(), QString("192.0.2.0/24"));
        QCOMPARE(dialog.relayUrl(), QString("lan://192.0.2.10?allow=192.0.2.0/24"));
        allow->setText("192.0.2.0/24,fd00::/8");
        QCOMPARE(tunnel::RelayProfile::fromUrl(dialog.relayUrl())->allowedSources,
                 QStringList({"192.0.2.0/24", "fd00::/8"}));
        allow->setText("the classroom");
        QCOMPARE(dialog.relayUrl(), QString());
        QVERIFY2(dialog.findChild<QLabel*>("problemLabel")->text().contains("is not a network"),
                 qPrintable(dialog.findChild<QLabel*>("problemLabel")->text()));
        allow->clear();
        dialog.findChild<QLineEdit*>("hostLineEdit")->setText("fd00::2"); // IPv6, typed without brackets
        QCOMPARE(dialog.relayUrl(), QString("lan://[fd00::2]"));
        dialog.findChild<QComboBox*>("flavorComboBox")
            ->setCurrentIndex(
                dialog.findChild<QComboBox*>("flavorComboBox")->findData(int(tunnel::RelayFlavor::OpenSsh)));
        QVERIFY(!allow->isEnabled()); // SSH relays decide themselves who reaches them
    }

    // What the dialog has no field for is kept: editing the user must not drop the cipher or the timeout.
    void optionsWithoutAFieldSurviveAnEdit() {
        const QString url("ssh://me@relay.example.org:22?cipher=aes128-gcm@openssh.com&timeout=2.5");
        RelayProfileDialog dialog(*tunnel::RelayProfile::fromUrl(url));
        dialog.findChild<QLineEdit*>("userLineEdit")->setText("you");
        const Result<tunnel::RelayProfile> edited = tunnel::RelayProfile::fromUrl(dialog.relayUrl());
        QVERIFY2(edited, qPrintable(dialog.relayUrl()));
        QCOMPARE(edited->user, QString("you"));
        QCOMPARE(edited->cipher, QString("aes128-gcm@openssh.com"));
        QCOMPARE(edited->connectTimeoutMs, 2500);
        QVERIFY(edited->explicitPort); // the URL named port 22: ~/.ssh/config's Port does not replace it
    }

    void deleteAsksToForgetTheRelay() {
        RelayProfileDialog dialog(*tunnel::RelayProfile::fromUrl("ssh://me@relay.example.org"));
        QCOMPARE(dialog.findChild<QLineEdit*>("hostLineEdit")->text(), QString("relay.example.org"));
        QSignalSpy deleted(&dialog, &RelayProfileDialog::deleteRequested);
        dialog.open();
        auto* remove = dialog.findChild<QPushButton*>("deletePushButton");
        QVERIFY(remove);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
    }

    void theLanRelayCannotBeDeleted() {
        RelayProfileDialog dialog(*tunnel::RelayProfile::fromUrl("lan://"));
        QVERIFY(!dialog.findChild<QPushButton*>("deletePushButton"));
    }

    // The probe runs on its own thread: the dialog stays responsive and shows the answer inline. Here
    // the "relay" closes every connection at once, so the answer is an error.
    void testConnectionShowsTheOutcomeInline() {
        QTcpServer refuser;
        QVERIFY(refuser.listen(QHostAddress::LocalHost));
        connect(&refuser, &QTcpServer::newConnection, &refuser, [&refuser] {
            while (QTcpSocket* s = refuser.nextPendingConnection())
                s->abort();
        });
        RelayProfileDialog dialog;
        dialog.findChild<QLineEdit*>("hostLineEdit")->setText("127.0.0.1");
        dialog.findChild<QSpinBox*>("portSpinBox")->setValue(refuser.serverPort());
        dialog.show();
        auto* test = dialog.findChild<QPushButton*>("testConnectionPushButton");
        auto* result = dialog.findChild<QLabel*>("testResultLabel");
        QVERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(!test->isEnabled()); // one probe at a time
        QVERIFY(result->isVisible());
        QVERIFY2(result->text().startsWith("Connecting"), qPrintable(result->text()));
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith("✗"), 15000);
        QVERIFY(result->text().size() > 3);
        QVERIFY(test->isEnabled());
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(TestRelayProfileDialog)
#include "tst_relayprofiledialog.moc"
