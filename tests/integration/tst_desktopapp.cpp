// SPDX-License-Identifier: GPL-3.0-or-later
// The real desktop app (the same DesktopController `labshare FILE` builds) on a real X server
// (Xvfb) with a real tray host (trayer), publishing through a real sshd relay on loopback: tick a
// port in the topology tree, wait for `up`, connect through the public port, click the tray icon,
// and save screenshots of the window, the tray menu and the presentation view.
#include "DesktopController.h"
#include "DesktopProcess.h"
#include "DesktopUnderTest.h"
#include "EchoLab.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "SshRelay.h"
#include "Tools.h"
#include "common/LogBuffer.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"

#include <QApplication>
#include <QMenu>
#include <QScreen>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTreeView>

using namespace labshare;
using namespace labshare::testsupport;

class TestDesktopApp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ticksAPortAndItComesUp();
    void connectsThroughThePublicPort();
    void trayIconTogglesTheWindow();
    void presentationViewShowsTheShare();
    void cleanupTestCase();

private:
    QString shareName() const { return m_lab.shareNames().constFirst(); }

    SshRelay m_relay;
    EchoLab m_lab{2, 61};
    std::unique_ptr<app::DesktopController> m_app;
    quint16 m_publicPort = 0;
};

void TestDesktopApp::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    const QString desktop = desktopProblem();
    QVERIFY2(desktop.isEmpty(), qPrintable(desktop));
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    app::applyApplicationIdentity(); // before any setting is read or written
    // A returning instructor: this lab was last shared through this relay.
    share::LabSettings(m_lab.topologyFile()).setRelayUrl(m_relay.relayUrl(m_relay.knownHostsFile()));
    m_lab.allowItsTargets();
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().resize(1280, 770);
    m_app->window().move(0, 30);
    m_app->window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
    screenshot(QStringLiteral("empty-state.png"));
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->topologyModel().rowCount() == 2, 10000);
}

void TestDesktopApp::ticksAPortAndItComesUp() {
    QTreeView* tree = m_app->window().topologyView();
    const QModelIndex port = m_app->topologyModel().portIndex(shareName());
    QVERIFY(port.isValid());
    tree->scrollTo(port);
    // Click the check box the user sees, where the style draws it.
    QStyleOptionViewItem option;
    option.initFrom(tree);
    option.rect = tree->visualRect(port);
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = tree->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, tree);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, box.center());
    QTRY_COMPARE_WITH_TIMEOUT(port.data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 5000);
    QVERIFY(m_app->session()->isTicked(shareName()));

    auto& shares = *m_app->window().findChild<QTableView*>(QStringLiteral("sharesTableView"));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session()->row(shareName()) &&
                                 m_app->session()->row(shareName())->health.state == tunnel::ShareState::Up,
                             30000);
    m_publicPort = m_app->session()->row(shareName())->health.publicPort;
    QVERIFY(m_publicPort != 0);
    QCOMPARE(m_relay.checkForwardListener(m_publicPort), QString());
    QTRY_COMPARE_WITH_TIMEOUT(shares.model()->rowCount(), 1, 5000);
}

void TestDesktopApp::connectsThroughThePublicPort() {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_publicPort);
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray hello = "hello from a student\n";
    socket.write(hello);
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT((echoed += socket.readAll()).size() >= hello.size(), 5000);
    QCOMPARE(echoed, hello);
    socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session()->row(shareName())->health.totalConnections >= 1, 5000);
    m_app->window().raise();
    QTest::qWait(1200); // one health tick, so the figures in the screenshot are current
    screenshot(QStringLiteral("main-window.png"));
}

void TestDesktopApp::trayIconTogglesTheWindow() {
    QSystemTrayIcon* tray = m_app->tray().systemTrayIcon();
    QVERIFY(tray && tray->isVisible());
    QRect where = tray->geometry();
    QTRY_VERIFY_WITH_TIMEOUT((where = tray->geometry()).isValid() && !where.isEmpty(), 5000);
    const QString x = QString::number(where.center().x());
    const QString y = QString::number(where.center().y());
    QVERIFY(xdotool({QStringLiteral("mousemove"), x, y, QStringLiteral("click"), QStringLiteral("1")}));
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->window().isVisible(), 5000);
    QTest::qWait(QApplication::doubleClickInterval() + 200); // two quick clicks would be a double click
    QVERIFY(xdotool({QStringLiteral("mousemove"), x, y, QStringLiteral("click"), QStringLiteral("1")}));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->window().isVisible(), 5000);
    QTest::qWait(QApplication::doubleClickInterval() + 200);

    // The tray menu lists the share with a check mark; show it as the user does (right click).
    QVERIFY(xdotool({QStringLiteral("mousemove"), x, y, QStringLiteral("click"), QStringLiteral("3")}));
    QMenu* menu = m_app->tray().menu();
    QTRY_VERIFY_WITH_TIMEOUT(menu->isVisible(), 5000);
    QTest::qWait(300);
    screenshot(QStringLiteral("tray-menu.png"));
    QAction* share = m_app->tray().shareAction(shareName());
    QVERIFY2(share && menu->actions().contains(share) && share->isChecked(), "the tray menu lists the share, checked");
    menu->hide();
}

void TestDesktopApp::presentationViewShowsTheShare() {
    QAction* present = m_app->window().findChild<QAction*>(QStringLiteral("presentationAction"));
    QVERIFY(present);
    present->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_app->presentation() && m_app->presentation()->isVisible(), 5000);
    QVERIFY(QTest::qWaitForWindowExposed(m_app->presentation()));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->presentation()->cards().size(), 1, 5000);
    QTest::qWait(500);
    screenshot(QStringLiteral("presentation.png"));
    m_app->presentation()->close();
}

void TestDesktopApp::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
