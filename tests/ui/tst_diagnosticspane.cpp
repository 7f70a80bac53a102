// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/LogBuffer.h"
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
};

QTEST_MAIN(TestDiagnosticsPane)
#include "tst_diagnosticspane.moc"
