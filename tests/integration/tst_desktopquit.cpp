// SPDX-License-Identifier: GPL-3.0-or-later
// Quitting the real desktop app ends it: `labshare FILE` as its own process on Xvfb with trayer as the
// tray host, sharing a lab through the LAN relay on 127.0.0.1. "Quit LabShare" in the tray menu (right
// click on the icon, as a user does) and SIGTERM both stop every share — a student's connection is
// closed, nothing listens on the public port any more — and exit 0. A second launch hands its file to
// the running app instead of starting another one.
#include "DesktopProcess.h"
#include "EchoLab.h"
#include "ProgramSetup.h"
#include "Tools.h"
#include "Wait.h"
#include "topology/TopologyLoader.h"
#include "tunnel/bookkeeping/ForwardLedger.h"
#include "tunnel/bookkeeping/RelayProfile.h"

#include <QDir>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QString kRelay = QStringLiteral("lan://127.0.0.1");

} // namespace

class TestDesktopQuit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quitInTheTrayMenuStopsEveryShareAndExits();
    void sigtermStopsEveryShareAndExits();
    void secondLaunchHandsItsFileToTheRunningApp();

private:
    // Starts the app on the lab and waits until its share answers on the public port.
    [[nodiscard]] bool startSharing(DesktopProcess& app);
    // A student connected through the share, echoed once.
    void connectStudent(QTcpSocket& student, quint16 port);
    // The app exited 0, the student's connection was closed and nothing listens on the port.
    void expectEverythingStopped(DesktopProcess& app, QTcpSocket& student, quint16 port);
    quint16 publicPort() const;
    static bool accepts(quint16 port);

    QTemporaryDir m_home;
    QTemporaryDir m_runtime;
    EchoLab m_lab{1, 91};
};

void TestDesktopQuit::initTestCase() {
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "needs an X server with a tray host: run through tests/run-all.sh (Xvfb + trayer)");
    // This process and the app share a fresh HOME: the test writes the lab's settings where the app
    // reads them, and reads the ports the app remembers (nothing of the user's is touched).
    qputenv("HOME", QFile::encodeName(m_home.path()));
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qunsetenv(name);
    app::applyApplicationIdentity();
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_lab.rememberAsShared(kRelay); // this lab's port was shared through the LAN relay, and is again on open
}

quint16 TestDesktopQuit::publicPort() const {
    return tunnel::ForwardLedger(tunnel::RelayProfile::fromUrl(kRelay)->id()).portFor(m_lab.shareNames().constFirst());
}

bool TestDesktopQuit::accepts(quint16 port) {
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    return probe.waitForConnected(1000);
}

bool TestDesktopQuit::startSharing(DesktopProcess& app) {
    if (!app.start({m_lab.topologyFile()}))
        return false;
    return waitUntil([this] { return publicPort() != 0 && accepts(publicPort()); }, 30000);
}

void TestDesktopQuit::connectStudent(QTcpSocket& student, quint16 port) {
    student.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(student.waitForConnected(5000));
    student.write("hello\n");
    QVERIFY(waitUntil([&] { return student.bytesAvailable() >= 6; }, 5000));
    QCOMPARE(student.readAll(), QByteArray("hello\n"));
}

void TestDesktopQuit::expectEverythingStopped(DesktopProcess& app, QTcpSocket& student, quint16 port) {
    QCOMPARE(app.finish(15000), 0);
    QVERIFY2(waitUntil([&] { return student.state() == QAbstractSocket::UnconnectedState; }, 5000),
             "the student's connection was left open");
    QVERIFY2(!accepts(port), "something still listens on the share's public port");
}

void TestDesktopQuit::quitInTheTrayMenuStopsEveryShareAndExits() {
    DesktopProcess app(m_home.path(), m_runtime.path());
    QVERIFY2(startSharing(app), qPrintable(app.describe()));
    const quint16 port = publicPort();

    QTcpSocket student;
    connectStudent(student, port);
    if (QTest::currentTestFailed())
        return;

    const QPoint icon = app.trayIcon(15000);
    QVERIFY2(!icon.isNull(), "the tray icon did not show");
    const qsizetype windows = app.visibleWindows().size();
    QVERIFY(xdotool({QStringLiteral("mousemove"), QString::number(icon.x()), QString::number(icon.y()),
                     QStringLiteral("click"), QStringLiteral("3")}));
    QVERIFY2(waitUntil([&] { return app.visibleWindows().size() > windows; }, 5000), "the tray menu did not open");
    // "Quit LabShare" is the menu's last entry: Up from the top wraps to it.
    QVERIFY(xdotool({QStringLiteral("key"), QStringLiteral("Up"), QStringLiteral("Return")}));
    expectEverythingStopped(app, student, port);
}

void TestDesktopQuit::sigtermStopsEveryShareAndExits() {
    DesktopProcess app(m_home.path(), m_runtime.path());
    app.setOpenFileLimit(1024, 4096); // the window too raises its soft open-file limit to the hard one
    QVERIFY2(startSharing(app), qPrintable(app.describe()));
    QCOMPARE(openFileLimitOf(app.pid()), QStringLiteral("4096 4096"));
    const quint16 port = publicPort();
    QTcpSocket student;
    connectStudent(student, port);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(::kill(pid_t(app.pid()), SIGTERM), 0);
    expectEverythingStopped(app, student, port);
}

void TestDesktopQuit::secondLaunchHandsItsFileToTheRunningApp() {
    DesktopProcess first(m_home.path(), m_runtime.path());
    QVERIFY(first.start({}));
    QVERIFY2(first.waitForWindowTitle(QStringLiteral("LabShare"), 15000), qPrintable(first.describe()));

    DesktopProcess second(m_home.path(), m_runtime.path());
    QVERIFY(second.start({m_lab.topologyFile()}));
    QCOMPARE(second.finish(10000), 0); // handed over, no second window

    const Result<topology::Topology> lab = topology::TopologyLoader::load(m_lab.topologyFile());
    QVERIFY(lab.ok());
    QVERIFY2(first.waitForWindowTitle(QStringLiteral("%1 — LabShare").arg(lab->name), 15000),
             qPrintable(first.describe()));
    QVERIFY(first.isRunning());
    QCOMPARE(::kill(pid_t(first.pid()), SIGTERM), 0);
    QCOMPARE(first.finish(15000), 0);
}

QTEST_GUILESS_MAIN(TestDesktopQuit)
#include "tst_desktopquit.moc"
