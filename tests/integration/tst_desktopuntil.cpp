// SPDX-License-Identifier: GPL-3.0-or-later
// Shares that end on their own, in the real desktop app (the DesktopController `labshare FILE` builds) on
// Xvfb with trayer as the tray host, sharing a lab of echo nodes through the LAN relay on loopback. The
// test owns the app's clock and moves it: "Share until…" 4m warns at once (a banner and a tray
// notification, both offering Extend 30 min; the table, the tooltip and the presentation say when),
// extending moves the end, and when the clock passes it the share stops cleanly: the student's
// connection is closed, nothing listens on the public port, and the ledger and the lab keep the share for
// the next class, which gets the same port. Screenshots of the window with the banner and of the
// presentation view go to LABSHARE_SCREENSHOT_DIR.
#include "DesktopController.h"
#include "DesktopProcess.h"
#include "DesktopUnderTest.h"
#include "EchoLab.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "common/LogBuffer.h"
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "share/LabSettings.h"
#include "tunnel/bookkeeping/ForwardLedger.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "widgets/ShareUntilDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QString kRelay = QStringLiteral("lan://127.0.0.1");

bool accepts(quint16 port) {
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    return probe.waitForConnected(1000);
}

} // namespace

class TestDesktopUntil : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aShortClassWarnsAndOffersToExtend();
    void extendingMovesTheEnd();
    void aShareGetsAnEndOfItsOwnAndNoEndHandsItBack();
    void atTheEndTheShareStopsCleanlyAndIsKeptForTheNextClass();
    void theNextClassIsOfferedTheSameDurationAndGetsTheSamePort();
    void cleanupTestCase();

private:
    QString share() const { return m_lab.shareNames().constFirst(); }
    const share::ShareRow* row() const { return m_app->session()->row(share()); }
    bool isUp() const { return row() && row()->health.state == tunnel::ShareState::Up; }
    quint16 ledgerPort() const {
        return tunnel::ForwardLedger(tunnel::RelayProfile::fromUrl(kRelay)->id()).portFor(share());
    }
    // Opens "Share until…" from the toolbar's action and waits for the dialog.
    ui::ShareUntilDialog* openShareUntil();
    QLabel* banner() const { return m_app->window().findChild<QLabel*>(QStringLiteral("bannerLabel")); }
    QPushButton* bannerButton() const {
        return m_app->window().findChild<QPushButton*>(QStringLiteral("bannerPushButton"));
    }
    QString endsCell() const { return m_app->sharesModel().index(0, ui::SharesModel::EndsColumn).data().toString(); }

    EchoLab m_lab{1, 141};
    std::unique_ptr<app::DesktopController> m_app;
    qint64 m_skew = 0; // seconds the app's clock is ahead of the wall clock
    quint16 m_port = 0;
    QTcpSocket m_student;
    qint64 m_republishedMs = 0;
    QDateTime m_end;
};

void TestDesktopUntil::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    const QString desktop = desktopProblem();
    QVERIFY2(desktop.isEmpty(), qPrintable(desktop));
    app::applyApplicationIdentity();
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_lab.rememberAsShared(kRelay); // this lab's port was shared through the LAN relay, and is again on open
    m_app = std::make_unique<app::DesktopController>(
        LogBuffer::install(), [this] { return QDateTime::currentDateTimeUtc().addSecs(m_skew); });
    m_app->window().resize(1280, 600);
    m_app->window().move(0, 40);
    m_app->window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && isUp(), 30000);
    m_port = row()->health.publicPort;
    QVERIFY(m_port != 0);
    QCOMPARE(ledgerPort(), m_port);
    QCOMPARE(endsCell(), QString("—")); // nothing ends on its own yet

    m_student.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(m_student.waitForConnected(5000));
    m_student.write("hello\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_student.bytesAvailable(), qint64(6), 5000);
    QCOMPARE(m_student.readAll(), QByteArray("hello\n"));
}

ui::ShareUntilDialog* TestDesktopUntil::openShareUntil() {
    auto* action = m_app->window().findChild<QAction*>(QStringLiteral("shareUntilAction"));
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    ui::ShareUntilDialog* dialog = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            dialog = m_app->window().findChild<ui::ShareUntilDialog*>(QStringLiteral("shareUntilDialog"));
            return dialog && dialog->isVisible();
        },
        5000);
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestDesktopUntil::aShortClassWarnsAndOffersToExtend() {
    QSignalSpy notes(&m_app->tray(), &ui::TrayIcon::notificationRaised);
    const QPointer<ui::ShareUntilDialog> dialog = openShareUntil(); // it deletes itself once answered
    QVERIFY2(dialog, "Share until… opened no dialog");
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(dialog->field()->text(), QString()); // nothing remembered for this lab yet
    QTest::keyClicks(dialog->field(), QStringLiteral("soon"));
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("untilOkPushButton"));
    QVERIFY(ok);
    QVERIFY(!ok->isEnabled()); // neither a time nor a duration
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("untilPreviewLabel"))->text().contains("90m"));
    dialog->field()->clear();
    QTest::keyClicks(dialog->field(), QStringLiteral("4m"));
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("untilPreviewLabel"))->text().contains("4 min left"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 5000);

    // Four minutes is inside the warning: at once a banner and a notification, both offering to extend.
    const std::optional<share::ShareDeadline> deadline = m_app->deadlines().watch().labDeadline();
    QVERIFY(deadline);
    m_end = deadline->end();
    QCOMPARE(share::LabSettings(m_lab.topologyFile()).classSeconds(), qint64(240)); // a duration, not 17:00
    QTRY_VERIFY_WITH_TIMEOUT(banner()->isVisible(), 5000);
    const QString clock = share::ShareDeadline::clockText(m_end);
    QVERIFY2(banner()->text().contains("The share stops at " + clock), qPrintable(banner()->text()));
    QVERIFY(bannerButton()->isVisible());
    QCOMPARE(bannerButton()->text(), QString("Extend 30 min"));
    QTRY_VERIFY_WITH_TIMEOUT(!notes.isEmpty(), 5000);
    QCOMPARE(notes.constFirst().at(0).toString(), QString("LabShare: the class ends soon"));
    QVERIFY(notes.constFirst().at(1).toString().contains("Extend 30 min"));
    QAction* extend = m_app->tray().menu()->findChild<QAction*>(QStringLiteral("extendAction"));
    QVERIFY(extend && extend->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->tray().systemTrayIcon()->toolTip().contains("min left"), 5000);
    QVERIFY2(m_app->tray().systemTrayIcon()->toolTip().contains("stops at " + clock),
             qPrintable(m_app->tray().systemTrayIcon()->toolTip()));
    QVERIFY2(endsCell().startsWith(clock + " (") && endsCell().contains("min left"), qPrintable(endsCell()));
    m_app->window().raise();
    QTest::qWait(300); // painted
    screenshot(QStringLiteral("share-until-banner.png"));

    QAction* present = m_app->window().findChild<QAction*>(QStringLiteral("presentationAction"));
    present->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_app->presentation() && m_app->presentation()->isVisible(), 5000);
    QVERIFY(QTest::qWaitForWindowExposed(m_app->presentation()));
    QCOMPARE(m_app->presentation()->ending(), "until " + clock);
    QTest::qWait(500);
    screenshot(QStringLiteral("presentation-until.png"));
    m_app->presentation()->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->presentation(), 5000);
}

void TestDesktopUntil::extendingMovesTheEnd() {
    QVERIFY(bannerButton()->isVisible());
    QTest::mouseClick(bannerButton(), Qt::LeftButton);
    const std::optional<share::ShareDeadline> deadline = m_app->deadlines().watch().labDeadline();
    QVERIFY(deadline);
    QCOMPARE(deadline->end(), m_end.addSecs(30 * 60));
    m_end = deadline->end();
    QVERIFY(!m_app->tray().menu()->findChild<QAction*>(QStringLiteral("extendAction"))->isVisible());
    QVERIFY2(banner()->text().startsWith("Extended"), qPrintable(banner()->text()));
    QVERIFY2(endsCell().startsWith(share::ShareDeadline::clockText(m_end)), qPrintable(endsCell()));
    QVERIFY(isUp());
    QVERIFY(accepts(m_port));
}

void TestDesktopUntil::aShareGetsAnEndOfItsOwnAndNoEndHandsItBack() {
    // What the share's context menu asks ("Share until…" for one share).
    m_app->deadlines().askForShare(share());
    QPointer<ui::ShareUntilDialog> dialog =
        m_app->window().findChild<ui::ShareUntilDialog*>(QStringLiteral("shareUntilDialog"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->isVisible(), 5000);
    QCOMPARE(dialog->field()->text(), QString()); // no end of its own yet
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("untilNoEndPushButton")));
    QTest::keyClicks(dialog->field(), QStringLiteral("2h"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("untilOkPushButton")), Qt::LeftButton);
    const std::optional<share::ShareDeadline> own = m_app->deadlines().watch().ownDeadline(share());
    QVERIFY(own);
    QVERIFY2(endsCell().startsWith(share::ShareDeadline::clockText(own->end())), qPrintable(endsCell()));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 5000);

    m_app->deadlines().askForShare(share());
    dialog = m_app->window().findChild<ui::ShareUntilDialog*>(QStringLiteral("shareUntilDialog"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->isVisible(), 5000);
    QCOMPARE(dialog->field()->text(), share::ShareDeadline::clockText(own->end()));
    auto* noEnd = dialog->findChild<QPushButton*>(QStringLiteral("untilNoEndPushButton"));
    QVERIFY(noEnd);
    QTest::mouseClick(noEnd, Qt::LeftButton);
    QVERIFY(!m_app->deadlines().watch().ownDeadline(share()));
    QVERIFY2(endsCell().startsWith(share::ShareDeadline::clockText(m_end)), qPrintable(endsCell())); // the lab's again
}

void TestDesktopUntil::atTheEndTheShareStopsCleanlyAndIsKeptForTheNextClass() {
    QSignalSpy notes(&m_app->tray(), &ui::TrayIcon::notificationRaised);
    m_skew += 40 * 60; // past the extended end (a laptop waking up, say): the next look at the clock ends it
    m_app->deadlines().watch().check();
    QVERIFY(!m_app->session()->isTicked(share()));
    QVERIFY(!m_app->deadlines().watch().labDeadline());
    QTRY_VERIFY2_WITH_TIMEOUT(m_student.state() == QAbstractSocket::UnconnectedState,
                              "the student's connection was left open", 10000);
    const auto loggedAsExpired = [this] {
        const ui::ConnectionsModel& log = m_app->connectionsModel();
        for (int row = 0; row < log.rowCount(); ++row)
            if (log.recordAt(row).share == share() && log.recordAt(row).end == tunnel::ConnectionEnd::Expired)
                return true;
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(loggedAsExpired(), "the connection the end closed is not logged as expired", 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(!accepts(m_port), "something still listens on the share's public port", 10000);
    QCOMPARE(ledgerPort(), m_port); // remembered for the next class
    QCOMPARE(share::LabSettings(m_lab.topologyFile()).ticked(), QStringList{share()});
    QVERIFY2(banner()->text().startsWith("The class is over"), qPrintable(banner()->text()));
    QCOMPARE(bannerButton()->text(), QString("Share them again"));
    QTRY_VERIFY_WITH_TIMEOUT(!notes.isEmpty(), 5000);
    QCOMPARE(notes.constFirst().at(0).toString(), QString("LabShare: the class is over"));
    QCOMPARE(m_app->sharesModel().rowCount(), 0);
    QVERIFY(!m_app->tray().systemTrayIcon()->toolTip().contains("stops at"));
}

void TestDesktopUntil::theNextClassIsOfferedTheSameDurationAndGetsTheSamePort() {
    ui::ShareUntilDialog* dialog = openShareUntil();
    QVERIFY(dialog);
    QCOMPARE(dialog->field()->text(), QString("4m")); // the last class's length, never its clock time
    dialog->reject();
    m_republishedMs = QDateTime::currentMSecsSinceEpoch();
    QTest::mouseClick(bannerButton(), Qt::LeftButton); // Share them again
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 30000);
    QCOMPARE(row()->health.publicPort, m_port);
    QVERIFY(accepts(m_port));
    QCOMPARE(endsCell(), QString("—")); // the new class has no end until one is given

    // Published again: a connection the instructor's stop closes now was stopped, not expired.
    QTcpSocket student;
    student.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(student.waitForConnected(5000));
    student.write("hello\n");
    QTRY_COMPARE_WITH_TIMEOUT(student.bytesAvailable(), qint64(6), 5000);
    m_app->session()->unpublish(share());
    const auto lastEnd = [this] {
        const ui::ConnectionsModel& log = m_app->connectionsModel();
        std::optional<tunnel::ConnectionEnd> end;
        for (int row = 0; row < log.rowCount(); ++row)
            if (log.recordAt(row).share == share() && !log.recordAt(row).isOpen() &&
                log.recordAt(row).startedMs >= m_republishedMs)
                end = log.recordAt(row).end;
        return end;
    };
    QTRY_VERIFY_WITH_TIMEOUT(lastEnd() == tunnel::ConnectionEnd::Stopped, 10000);
}

void TestDesktopUntil::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopUntil)
#include "tst_desktopuntil.moc"
