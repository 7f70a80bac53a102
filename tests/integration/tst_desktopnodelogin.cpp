// SPDX-License-Identifier: GPL-3.0-or-later
// The instructor's login for a browser terminal, in the real window: a real sshd plays the node (it takes the
// test's key), the real keychain keeps the login. Without one the student's tab asks for a login; "Students log
// in as…" on the terminal's row sets one (a private key file), and the next tab lands straight in the shell; a
// restarted app reads it back from the keychain; "Students log in themselves" forgets it. The same menu opens
// the instructor's own terminal and copies the watch link. With
// LABSHARE_SCREENSHOT_DIR set, the dialog (saying why a file is no key) goes there as node-login.png.
#include "DesktopController.h"
#include "LabDir.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "SshRelay.h"
#include "TerminalClient.h"
#include "common/LogBuffer.h"
#include "models/TopologyModel.h"
#include "widgets/NodeLoginDialog.h"
#include "widgets/SharesView.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace labshare;
using namespace labshare::testsupport;

class TestDesktopNodeLogin : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void withoutALoginTheTabAsks();
    void aLoginSetInTheWindowLandsTheTabInTheShell();
    void aRestartedAppReadsItFromTheKeychain();
    void studentsLogInThemselvesAgainWhenItIsForgotten();
    void theTerminalsMenuHandsOutTheWatchLink();
    void cleanupTestCase();

private:
    void startApp(); // opens the lab and ticks its terminal
    const share::ShareRow* row() const { return m_app->session() ? m_app->session()->row(m_share) : nullptr; }
    // A tab on the terminal's link, read until the terminal shows `text`.
    void openTab(TerminalClient& client, const QByteArray& text);
    void landsInTheShell();            // a new tab runs a command without a login prompt
    ui::NodeLoginDialog* openDialog(); // "Students log in as…" on the terminal's row

    SshRelay m_node;
    LabDir m_lab;
    QString m_share;
    std::unique_ptr<app::DesktopController> m_app;
};

void TestDesktopNodeLogin::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    app::applyApplicationIdentity();
    QVERIFY2(m_node.start(), qPrintable(m_node.errorString()));
    QVERIFY2(m_lab.write(
                 {{QStringLiteral("n1"), QStringLiteral("127.0.0.1"), QStringLiteral("term/%1").arg(m_node.port())}}),
             qPrintable(m_lab.errorString()));
    m_lab.allowItsTargets();
    m_share = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("term"), m_node.port());
    startApp();
}

void TestDesktopNodeLogin::cleanupTestCase() {
    m_app.reset();
    m_node.stop();
}

void TestDesktopNodeLogin::startApp() {
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().show();
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && m_app->topologyModel().portIndex(m_share).isValid(), 20000);
    QVERIFY(m_app->topologyModel().setData(m_app->topologyModel().portIndex(m_share), Qt::Checked, Qt::CheckStateRole));
    QTRY_VERIFY_WITH_TIMEOUT(row() && row()->health.state == tunnel::ShareState::Up && !row()->url.isEmpty(), 30000);
}

void TestDesktopNodeLogin::openTab(TerminalClient& client, const QByteArray& text) {
    const QUrl url(row()->url);
    QVERIFY2(client.open(url.host(), quint16(url.port()), url.path().toLatin1()).startsWith("HTTP/1.1 101"),
             qPrintable(row()->url));
    QVERIFY2(client.waitFor(text), qPrintable(client.diagnostics()));
}

void TestDesktopNodeLogin::landsInTheShell() {
    TerminalClient client;
    openTab(client, "");
    client.type("echo landed-$((6*7))\r");
    QVERIFY2(client.waitFor("landed-42"), qPrintable(client.diagnostics()));
    QVERIFY2(!client.screen().contains("login as:"), client.screen().constData());
}

ui::NodeLoginDialog* TestDesktopNodeLogin::openDialog() {
    Q_EMIT m_app->window().sharesView()->nodeLoginRequested(*row());
    ui::NodeLoginDialog* dialog = nullptr;
    [&] {
        QTRY_VERIFY((dialog = m_app->window().findChild<ui::NodeLoginDialog*>()) && dialog->isVisible());
    }();
    return dialog;
}

void TestDesktopNodeLogin::withoutALoginTheTabAsks() {
    TerminalClient client;
    openTab(client, "n1 login as: ");
    QVERIFY(row()->terminalUser.isEmpty());
}

void TestDesktopNodeLogin::aLoginSetInTheWindowLandsTheTabInTheShell() {
    ui::NodeLoginDialog* dialog = openDialog();
    QVERIFY(dialog);
    auto* user = dialog->findChild<QLineEdit*>(QStringLiteral("nodeLoginUserLineEdit"));
    user->setText(m_node.user());
    // A key file that is no key is refused in the dialog, which stays open and says why.
    dialog->findChild<QRadioButton*>(QStringLiteral("nodeLoginKeyRadio"))->setChecked(true);
    auto* keyFile = dialog->findChild<QLineEdit*>(QStringLiteral("nodeLoginKeyLineEdit"));
    keyFile->setText(m_lab.topologyFile());
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("nodeLoginProblemLabel"))->text().contains("not a private key"),
             "no problem shown");
    if (const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR"); !dir.isEmpty() && QDir().mkpath(dir))
        QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("node-login.png"))));
    keyFile->setText(m_node.clientKey());
    dialog->accept();
    QTRY_COMPARE(row()->terminalUser, m_node.user());

    landsInTheShell();
}

void TestDesktopNodeLogin::aRestartedAppReadsItFromTheKeychain() {
    m_app.reset();
    startApp();
    QTRY_COMPARE_WITH_TIMEOUT(row()->terminalUser, m_node.user(), 10000);
    landsInTheShell();
}

void TestDesktopNodeLogin::studentsLogInThemselvesAgainWhenItIsForgotten() {
    ui::NodeLoginDialog* dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("nodeLoginUserLineEdit"))->text(), m_node.user());
    dialog->findChild<QPushButton*>(QStringLiteral("nodeLoginForgetButton"))->click();
    QTRY_VERIFY(row()->terminalUser.isEmpty());
    TerminalClient client;
    openTab(client, "n1 login as: ");
    m_app.reset();
    startApp(); // and nothing is left in the keychain
    TerminalClient after;
    openTab(after, "n1 login as: ");
    QVERIFY(row()->terminalUser.isEmpty());
}

// The terminal's context menu: the instructor's own terminal, and the read-only watch link copied, which opens a
// watcher's tab (waiting for the instructor's terminal).
void TestDesktopNodeLogin::theTerminalsMenuHandsOutTheWatchLink() {
    QTableView* table = m_app->window().sharesView()->table();
    const QRect cell = table->visualRect(table->model()->index(0, 0));
    QStringList actions;
    QTimer::singleShot(0, this, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction* a : menu->actions())
            actions << a->objectName();
        if (QAction* copy = menu->findChild<QAction*>(QStringLiteral("copyWatchLinkAction")))
            copy->trigger();
        menu->close();
    });
    Q_EMIT table->customContextMenuRequested(cell.center());
    QVERIFY2(actions.contains(QStringLiteral("presentTerminalAction")), qPrintable(actions.join(u',')));
    QVERIFY2(actions.contains(QStringLiteral("nodeLoginAction")), qPrintable(actions.join(u',')));
    const QString watch = share::terminalLink(*row(), terminal::TerminalRole::Watcher);
    QVERIFY(!watch.isEmpty());
    QCOMPARE(QApplication::clipboard()->text(), watch);
    QVERIFY(watch != row()->url && watch != share::terminalLink(*row(), terminal::TerminalRole::Presenter));
    const QUrl url(watch);
    TerminalClient watcher;
    QVERIFY(watcher.open(url.host(), quint16(url.port()), url.path().toLatin1()).startsWith("HTTP/1.1 101"));
    QVERIFY2(!watcher.waitForMessage("waiting for the instructor's terminal").isEmpty(),
             qPrintable(watcher.diagnostics()));
}

QTEST_MAIN(TestDesktopNodeLogin)
#include "tst_desktopnodelogin.moc"
