// SPDX-License-Identifier: GPL-3.0-or-later
// Who connected, in the desktop app (the DesktopController `labshare FILE` builds) sharing two echo nodes
// through the LAN relay on loopback: students' connections from chosen source addresses appear in the
// Connections pane with their address and port, bytes each way and how they ended; the shares table counts
// the distinct students of today; the pane filters by share, exports what it shows as CSV and clears (asked
// first) the list and the lab's log file. With LABSHARE_SCREENSHOT_DIR set and a real X server
// (QT_QPA_PLATFORM=xcb under Xvfb), it saves connections.png.
#include "DesktopController.h"
#include "EchoLab.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "SourceBoundClient.h"
#include "common/LogBuffer.h"
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"
#include "widgets/ConnectionsPane.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

using namespace labshare;
using namespace labshare::testsupport;
using tunnel::ConnectionEnd;
using tunnel::ConnectionRecord;

namespace {

// A student's connection from `source`: `bytes` there and back, ended by the student; "ADDR:PORT".
QString visit(const QString& source, const Endpoint& to, int bytes) {
    const int fd = connectFrom(source, to, true);
    if (fd < 0)
        return {};
    const QString peer = QStringLiteral("%1:%2").arg(source).arg(localPort(fd));
    if (!echoAndClose(fd, bytes).isEmpty())
        return {};
    return peer;
}

} // namespace

class TestDesktopConnections : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectionsAppearWithWhoAndHowMuch();
    void thePaneFiltersAndExports();
    void clearAsksThenForgetsTheListAndTheFile();
    void cleanupTestCase();

private:
    Endpoint endpoint(int share) const {
        const share::ShareRow* row = m_app->session()->row(m_lab.shareNames().at(share));
        return {QHostAddress(QStringLiteral("127.0.0.1")), row ? row->health.publicPort : quint16(0)};
    }
    int rowOf(const QString& peer) const {
        const ui::ConnectionsModel& model = m_app->connectionsModel();
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.recordAt(row).peer() == peer)
                return row;
        return -1;
    }
    QString today(int share) const {
        const ui::SharesModel& shares = m_app->sharesModel();
        const int row = shares.rowFor(m_lab.shareNames().at(share));
        return row < 0 ? QString() : shares.index(row, ui::SharesModel::StudentsColumn).data().toString();
    }

    EchoLab m_lab{2, 131};
    QTemporaryDir m_out;
    std::unique_ptr<app::DesktopController> m_app;
    int m_open = -1; // a connection that stays open
    QStringList m_peers;
};

void TestDesktopConnections::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    app::applyApplicationIdentity();
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    share::LabSettings(m_lab.topologyFile()).setRelayUrl(QStringLiteral("lan://127.0.0.1"));
    m_lab.allowItsTargets();
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().resize(1280, 770);
    m_app->window().move(0, 30);
    m_app->window().show();
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && m_app->topologyModel().rowCount() == 2, 10000);
    for (const QString& name : m_lab.shareNames()) {
        const QModelIndex box = m_app->topologyModel().portIndex(name);
        QVERIFY(box.isValid());
        QVERIFY(m_app->topologyModel().setData(box, Qt::Checked, Qt::CheckStateRole));
    }
    QTRY_VERIFY_WITH_TIMEOUT(endpoint(0).port != 0 && endpoint(1).port != 0, 10000);
}

void TestDesktopConnections::connectionsAppearWithWhoAndHowMuch() {
    m_peers << visit(QStringLiteral("127.0.0.7"), endpoint(0), 3000)
            << visit(QStringLiteral("127.0.0.8"), endpoint(0), 100)
            << visit(QStringLiteral("127.0.0.7"), endpoint(1), 20000);
    QVERIFY(!m_peers.contains(QString()));
    m_open = connectFrom(QStringLiteral("127.0.0.9"), endpoint(0), true);
    QVERIFY2(m_open >= 0, strerror(errno));
    const QString openPeer = QStringLiteral("127.0.0.9:%1").arg(localPort(m_open));
    QVERIFY(::send(m_open, "hi", 2, MSG_NOSIGNAL) == 2);

    const ui::ConnectionsModel& model = m_app->connectionsModel();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(openPeer) >= 0 && std::all_of(m_peers.cbegin(), m_peers.cend(),
                                                                 [&](const QString& p) {
                                                                     const int row = rowOf(p);
                                                                     return row >= 0 && !model.recordAt(row).isOpen();
                                                                 }),
                             10000);
    QCOMPARE(model.rowCount(), 4);
    const ConnectionRecord first = model.recordAt(rowOf(m_peers.at(0)));
    QCOMPARE(first.share, m_lab.shareNames().at(0));
    QCOMPARE(first.peerAddress, QStringLiteral("127.0.0.7"));
    QCOMPARE(first.bytesToNode, 3000u);
    QCOMPARE(first.bytesFromNode, 3000u);
    QCOMPARE(first.end, ConnectionEnd::Student);
    QCOMPARE(model.recordAt(rowOf(m_peers.at(2))).bytesFromNode, 20000u);
    QVERIFY(model.recordAt(rowOf(openPeer)).isOpen());
    QCOMPARE(model.index(rowOf(openPeer), ui::ConnectionsModel::EndColumn).data().toString(), QStringLiteral("open"));

    // Today: 127.0.0.7, .8 and .9 on the first share; .7 on the second.
    QTRY_COMPARE(today(0), QStringLiteral("3"));
    QCOMPARE(today(1), QStringLiteral("1"));

    // The ended ones are in the lab's log file, one JSON line each.
    QFile log(m_app->connections().journalFile());
    QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
    const QByteArray text = log.readAll();
    QCOMPARE(text.count('\n'), 3);
    for (const QString& peer : std::as_const(m_peers))
        QVERIFY2(text.contains(QByteArray(QByteArray("\"peer\":\"") + peer.toUtf8() + '"')), text.constData());
}

void TestDesktopConnections::thePaneFiltersAndExports() {
    ui::ConnectionsPane* pane = m_app->window().connectionsPane();
    QVERIFY(pane);
    pane->show();
    pane->setShareFilter(m_lab.shareNames().at(1));
    QCOMPARE(pane->shownRecords().size(), 1);
    const QString path = m_out.filePath(QStringLiteral("connections.csv"));
    Q_EMIT pane->exportRequested(path); // what choosing the file in Export CSV… does
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(lines.size(), 3); // header, one connection, the end
    QCOMPARE(lines.at(0).trimmed(), QByteArray("share,peer,identity,started,duration_ms,bytes_to_node,bytes_from_node,"
                                               "ended_by"));
    QVERIFY2(
        lines.at(1).startsWith(QByteArray(m_lab.shareNames().at(1).toUtf8() + ',' + m_peers.at(2).toUtf8() + ",,")),
        lines.at(1).constData());
    QVERIFY2(lines.at(1).trimmed().endsWith(",20000,20000,student"), lines.at(1).constData());
    pane->setShareFilter({});
    QCOMPARE(pane->shownRecords().size(), 4);

    const QString shots = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR");
    if (!shots.isEmpty() && QGuiApplication::platformName() == QLatin1String("xcb")) {
        m_app->window().resizeDocks({pane}, {330}, Qt::Vertical);
        m_app->window().raise();
        QTest::qWait(1500); // a health tick and a duration tick
        QDir().mkpath(shots);
        QProcess::execute(QStringLiteral("import"),
                          {QStringLiteral("-window"), QStringLiteral("root"), QDir(shots).filePath("connections.png")});
    }
}

void TestDesktopConnections::clearAsksThenForgetsTheListAndTheFile() {
    const QString file = m_app->connections().journalFile();
    QVERIFY(QFile::exists(file));
    m_app->window().connectionsPane()->findChild<QPushButton*>(QStringLiteral("clearConnectionsPushButton"))->click();
    QPointer<QMessageBox> box;
    QVERIFY(QTest::qWaitFor(
        [&] {
            box = m_app->window().findChild<QMessageBox*>(QStringLiteral("questionMessageBox"));
            return box && box->isVisible();
        },
        5000));
    box->findChild<QPushButton*>(QStringLiteral("acceptPushButton"))->click();
    QTRY_COMPARE(m_app->connectionsModel().rowCount(), 0);
    QVERIFY(!QFile::exists(file));
    QTRY_COMPARE(today(0), QStringLiteral("0"));
    // The connection still open ends later: it comes back as a row, and into a new file.
    ::close(m_open);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionsModel().rowCount(), 1, 10000);
    QCOMPARE(m_app->connectionsModel().recordAt(0).end, ConnectionEnd::Student);
    QTRY_VERIFY(QFile::exists(file));
}

void TestDesktopConnections::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopConnections)
#include "tst_desktopconnections.moc"
