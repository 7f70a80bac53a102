// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/LogBuffer.h"
#include "secrets/SecretBytes.h"
#include "widgets/DiagnosticsPane.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace labshare;

namespace {
Q_LOGGING_CATEGORY(lcPaneTest, "labshare.test.pane")
}

class TestDiagnosticsPane : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QLoggingCategory::setFilterRules(QStringLiteral("labshare.test.pane.debug=true"));
    }

    void typeOfReadsTheLinesOwnLevel() {
        QCOMPARE(LogBuffer::typeOf(LogBuffer::formatLine(QtWarningMsg, "labshare.core.tunnel", "warning debug")),
                 QtWarningMsg);
        QCOMPARE(LogBuffer::typeOf(LogBuffer::formatLine(QtInfoMsg, nullptr, "x")), QtInfoMsg);
        QCOMPARE(LogBuffer::typeOf(LogBuffer::formatLine(QtDebugMsg, "c", "info")), QtDebugMsg);
    }

    void filtersByLevelAndCopiesWhatIsShown() {
        LogBuffer& log = LogBuffer::install();
        ui::DiagnosticsPane pane(log);
        auto* level = pane.findChild<QComboBox*>("levelComboBox");
        QVERIFY(level);
        QCOMPARE(level->currentText(), QString("Info and up")); // the default: no debug chatter
        qCDebug(lcPaneTest) << "pane-debug-line";
        qCInfo(lcPaneTest) << "pane-info-line";
        qCWarning(lcPaneTest) << "pane-warning-line";
        QTRY_VERIFY(pane.shownText().contains("pane-warning-line"));
        QVERIFY(pane.shownText().contains("pane-info-line"));
        QVERIFY(!pane.shownText().contains("pane-debug-line"));

        level->setCurrentIndex(level->findText("Debug and up"));
        QVERIFY(pane.shownText().contains("pane-debug-line"));
        level->setCurrentIndex(level->findText("Warnings only"));
        QVERIFY(!pane.shownText().contains("pane-info-line"));
        QVERIFY(pane.shownText().contains("pane-warning-line"));

        QApplication::clipboard()->clear();
        QTest::mouseClick(pane.findChild<QPushButton*>("copyLogPushButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), pane.shownText());
        QVERIFY(QApplication::clipboard()->text().contains("warning labshare.test.pane: pane-warning-line"));
    }

    // Every secret the app holds while its line is logged or exported is cut: refresh tokens, gate
    // tickets, client secrets, not only "Bearer …" and URL queries. A secret that turns up after its line
    // was logged (a ticket read back from the keychain later) is cut from the export too.
    void exportedDiagnosticsCarryNoSecret() {
        LogBuffer& log = LogBuffer::install();
        ui::DiagnosticsPane pane(log);
        const secrets::SecretBytes refreshToken(QByteArrayView("rt-diag-7Hk2pQ9xLmW4"));
        const secrets::SecretBytes clientSecret(QByteArrayView("cs+diag/Secret=42"));
        qCInfo(lcPaneTest).noquote() << "refresh token rt-diag-7Hk2pQ9xLmW4 rotated";
        qCWarning(lcPaneTest).noquote() << "token endpoint got client_secret=cs%2Bdiag%2FSecret%3D42";
        qCInfo(lcPaneTest).noquote() << "ticket lst1.diagTicketAbcdefghijk0 offered";
        QTRY_VERIFY(pane.shownText().contains("offered"));
        QVERIFY(pane.shownText().contains("refresh token [redacted] rotated"));
        const secrets::SecretBytes ticket(QByteArrayView("lst1.diagTicketAbcdefghijk0"));

        QApplication::clipboard()->clear();
        QTest::mouseClick(pane.findChild<QPushButton*>("copyLogPushButton"), Qt::LeftButton);
        const QString exported = QApplication::clipboard()->text();
        QVERIFY2(exported.contains("ticket [redacted] offered"), qPrintable(exported));
        for (const char* secret : {"rt-diag-7Hk2pQ9xLmW4", "cs%2Bdiag%2FSecret%3D42", "lst1.diagTicketAbcdefghijk0"})
            QVERIFY2(!exported.contains(QLatin1String(secret)), qPrintable(exported));
    }
};

QTEST_MAIN(TestDiagnosticsPane)
#include "tst_diagnosticspane.moc"
