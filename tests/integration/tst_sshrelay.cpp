// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare up` through a real OpenSSH relay on loopback: three shares come up, the public ports are the
// relay's own listeners, 200 concurrent connections round-trip intact, one source address over LabShare's cap
// cannot lock another out, the shares recover by themselves
// when the relay dies and comes back, and SIGINT tears everything down.
#include "ChecksumClient.h"
#include "EchoLab.h"
#include "FreePort.h"
#include "LabshareUp.h"
#include "ProcessTree.h"
#include "SocketTable.h"
#include "SourceBoundClient.h"
#include "SshRelay.h"
#include "Wait.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <QStandardPaths>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace labshare::testsupport;

namespace {

constexpr int kUpTimeoutMs = 30000;
constexpr int kRecoverTimeoutMs = 60000;
const QStringList kNotUp{"idle", "connecting", "degraded", "reconnecting", "failed"};

} // namespace

class TestSshRelay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void threeSharesComeUp();
    void publicPortsAreTheRelaysListeners();
    void concurrentConnectionsRoundTrip();
    void oneSourceCannotLockTheOthersOut();
    void sharesRecoverWhenTheRelayRestarts();
    void silentRelayIsDeclaredDeadAndThePortRetaken();
    void interruptTearsDownAndExitsZero();
    void aClassThatEndsStopsEveryShareAndExitsZero();
    void unreachableRelayExitsOne();

private:
    QString why() const {
        return m_up.diagnostics() + QStringLiteral("\nrelay log (tail):\n") + m_relay.log().right(3000);
    }
    bool allUp() const {
        return std::all_of(m_names.cbegin(), m_names.cend(),
                           [&](const QString& n) { return m_up.lastState(n) == "up"; });
    }

    SshRelay m_relay;
    EchoLab m_lab{3, 11}; // n1..n3 on 127.0.0.11..13
    LabshareUp m_up;
    QStringList m_names;
};

void TestSshRelay::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_names = m_lab.shareNames();
    const QString url = m_relay.relayUrl(m_relay.knownHostsFile());
    QVERIFY2(m_up.start(m_lab.topologyFile(), url), qPrintable(m_up.errorString()));
}

void TestSshRelay::threeSharesComeUp() {
    QVERIFY2(m_up.waitForStates(m_names, "up", kUpTimeoutMs), qPrintable(why()));
    QSet<quint16> ports;
    for (int i = 0; i < m_names.size(); ++i) {
        const ShareEvent e = m_up.lastEvent(m_names.at(i));
        QCOMPARE(e.node, m_lab.nodeName(i));
        QCOMPARE(e.type, "tcp");
        QCOMPARE(e.port, int(m_lab.node(i).port()));
        QCOMPARE(e.error, QString());
        // public-host=127.0.0.1, and `public` is always host:port.
        QCOMPARE(e.publicHost(), "127.0.0.1");
        QVERIFY2(e.publicPort() != 0, qPrintable(e.toString()));
        ports.insert(e.publicPort());
    }
    QCOMPARE(ports.size(), m_names.size());
}

void TestSshRelay::publicPortsAreTheRelaysListeners() {
    QVERIFY2(allUp(), qPrintable(why()));
    for (const QString& name : std::as_const(m_names)) {
        const QString problem = m_relay.checkForwardListener(m_up.publicPort(name));
        QVERIFY2(problem.isEmpty(), qPrintable(name + QStringLiteral(": ") + problem));
    }
}

void TestSshRelay::concurrentConnectionsRoundTrip() {
    QVERIFY2(allUp(), qPrintable(why()));
    // Each share reaches its own node: node i echoed exactly what was sent to share i.
    const QString problem = m_lab.roundTrip(m_up.publicEndpoints(m_names), 200);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why()));
}

// The relay states each forwarded connection's originator: one address holding more connections than
// LabShare's cap per source (64) gets the rest closed at once, and another address still gets through.
void TestSshRelay::oneSourceCannotLockTheOthersOut() {
    QVERIFY2(allUp(), qPrintable(why()));
    const QString name = m_names.first();
    const Endpoint share = m_up.publicEndpoints({name}).first();
    const quint64 refusedBefore = m_up.lastHealth(name).value("refused").toInteger();
    constexpr int kIdle = 100, kPerSource = 64;
    std::vector<int> idle;
    for (int i = 0; i < kIdle; ++i) {
        const int fd = connectFrom(QStringLiteral("127.0.0.5"), share, false);
        QVERIFY2(fd >= 0, strerror(errno));
        idle.push_back(fd);
    }
    const auto closedCount = [&idle] {
        return std::count_if(idle.cbegin(), idle.cend(), closedByPeer);
    };
    QVERIFY2(waitUntil([&] { return closedCount() == kIdle - kPerSource; }, 30000),
             qPrintable(QStringLiteral("%1 of %2 closed\n").arg(closedCount()).arg(kIdle) + why()));
    const QString other = roundTripsFrom(QStringLiteral("127.0.0.6"), share, 5, 64 * 1024);
    QVERIFY2(other.isEmpty(), qPrintable(other + QLatin1Char('\n') + why()));
    QCOMPARE(closedCount(), kIdle - kPerSource);
    QVERIFY2(waitUntil(
                 [&] {
                     const QJsonObject h = m_up.lastHealth(name);
                     return h.value("refused").toInteger() == qint64(refusedBefore) + (kIdle - kPerSource) &&
                            h.value("open").toInt() == kPerSource;
                 },
                 5000),
             qPrintable(QString::fromUtf8(QJsonDocument(m_up.lastHealth(name)).toJson(QJsonDocument::Compact))));
    for (int fd : idle)
        ::close(fd);
    QVERIFY2(waitUntil([&] { return m_up.lastHealth(name).value("open").toInt() == 0; }, 10000), qPrintable(why()));
}

void TestSshRelay::sharesRecoverWhenTheRelayRestarts() {
    QVERIFY2(allUp(), qPrintable(why()));
    const quint16 relayPort = m_relay.port();
    const qsizetype mark = m_up.eventCount();
    m_relay.kill();
    for (const QString& name : std::as_const(m_names))
        QVERIFY2(m_up.waitForStateSince(name, kNotUp, mark, 30000),
                 qPrintable(name + QStringLiteral(" still reports up with the relay dead\n") + why()));

    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QCOMPARE(m_relay.port(), relayPort);
    QVERIFY2(m_up.waitForStates(m_names, "up", kRecoverTimeoutMs), qPrintable(why()));
    QVERIFY(m_up.isRunning());
    for (const QString& name : std::as_const(m_names)) {
        QCOMPARE(m_up.publicHost(name), "127.0.0.1");
        const QString problem = m_relay.checkForwardListener(m_up.publicPort(name));
        QVERIFY2(problem.isEmpty(), qPrintable(name + QStringLiteral(" after the restart: ") + problem));
    }
    ChecksumRun run;
    run.connections = 60;
    run.timeoutMs = 30000;
    const ChecksumSummary summary = runChecksumClients(m_up.publicEndpoints(m_names), run);
    QVERIFY2(summary.allOk(), qPrintable(summary.describe() + QLatin1Char('\n') + why()));
}

void TestSshRelay::silentRelayIsDeclaredDeadAndThePortRetaken() {
    // The relay's end of our session stops answering without closing (a frozen sshd, a dropped
    // Wi-Fi): only the keepalives notice. The frozen session still holds the listeners, so the new
    // session serves every share at once on a stand-in port the relay picks, and keeps asking for the
    // share's own port; once the old session lets go, both addresses work.
    QVERIFY2(allUp(), qPrintable(why()));
    const QList<Endpoint> before = m_up.publicEndpoints(m_names);
    const QList<qint64> sessions = ProcessTree::descendants(m_relay.pid());
    QVERIFY2(!sessions.isEmpty(), "the relay has a per-connection sshd for our session");
    for (qint64 pid : sessions)
        ::kill(static_cast<pid_t>(pid), SIGSTOP);
    const qsizetype mark = m_up.eventCount();
    for (const QString& name : std::as_const(m_names))
        QVERIFY2(m_up.waitForStateSince(name, {"reconnecting", "connecting"}, mark, kRecoverTimeoutMs),
                 qPrintable(why()));
    const auto reclaiming = [this](const QString& name) {
        return m_up.lastEvent(name).json.value(QStringLiteral("reclaiming")).toString();
    };
    // Served again while the frozen session still holds every port: on stand-ins, the own ports reclaiming.
    for (int i = 0; i < m_names.size(); ++i) {
        const QString& name = m_names.at(i);
        QVERIFY2(m_up.waitForStateSince(name, {"up"}, mark, kRecoverTimeoutMs), qPrintable(why()));
        QCOMPARE(reclaiming(name), before.at(i).toString());
        QVERIFY2(m_up.publicPort(name) != before.at(i).port, qPrintable(m_up.lastEvent(name).toString()));
    }
    const QList<Endpoint> standIns = m_up.publicEndpoints(m_names);
    QString problem = m_lab.roundTrip(standIns, 30);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why()));
    // Let the frozen session go: it sees our side closed and exits, freeing the ports, which come back.
    for (qint64 pid : sessions)
        ::kill(static_cast<pid_t>(pid), SIGCONT);
    const bool reclaimed = waitUntil(
        [&] {
            return std::all_of(m_names.cbegin(), m_names.cend(),
                               [&](const QString& n) { return reclaiming(n).isEmpty(); });
        },
        kRecoverTimeoutMs);
    QVERIFY2(reclaimed, qPrintable(why()));
    for (int i = 0; i < m_names.size(); ++i) {
        const ShareEvent e = m_up.lastEvent(m_names.at(i));
        QCOMPARE(e.state, "up");
        QCOMPARE(e.publicPort(), before.at(i).port);                                          // the same ports, retaken
        QCOMPARE(e.json.value(QStringLiteral("also")).toString(), standIns.at(i).toString()); // and kept
    }
    for (const QList<Endpoint>& addresses : {before, standIns}) {
        problem = m_lab.roundTrip(addresses, 30);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why()));
    }
}

void TestSshRelay::unreachableRelayExitsOne() {
    // Nothing listens there: a clear error and exit 1, not an endless wait.
    LabshareUp up;
    const QString url = QStringLiteral("ssh://%1@127.0.0.1:%2?flavor=openssh&identity=%3")
                            .arg(m_relay.user())
                            .arg(freeTcpPort())
                            .arg(m_relay.clientKey());
    QVERIFY2(up.start(m_lab.topologyFile(), url), qPrintable(up.errorString()));
    QVERIFY2(up.waitForExit(30000), qPrintable(up.diagnostics()));
    QCOMPARE(up.exitCode(), 1);
    QVERIFY2(up.stderrText().contains(QStringLiteral("cannot reach the relay")), qPrintable(up.diagnostics()));
}

void TestSshRelay::interruptTearsDownAndExitsZero() {
    QVERIFY2(m_up.isRunning(), qPrintable(why()));
    QList<quint16> ports;
    for (const QString& name : std::as_const(m_names))
        ports.append(m_up.publicPort(name));
    const qsizetype mark = m_up.eventCount();
    QVERIFY2(m_up.interrupt(30000), qPrintable(QStringLiteral("no exit 30 s after SIGINT\n") + why()));
    QCOMPARE(m_up.exitCode(), 0);
    for (const QString& name : std::as_const(m_names)) {
        QVERIFY2(m_up.everInState(name, "stopped", mark),
                 qPrintable(name + QStringLiteral(": no stopped event\n") + why()));
        QCOMPARE(m_up.lastState(name), "stopped");
    }
    // The relay no longer listens for any of them.
    SocketTable table;
    const bool closed = waitUntil(
        [&] {
            return table.capture() && std::all_of(ports.cbegin(), ports.cend(),
                                                  [&](quint16 p) { return p == 0 || table.listenersOn(p).isEmpty(); });
        },
        15000);
    QVERIFY2(closed, qPrintable(QStringLiteral("the relay still listens:\n") + table.text()));
    QVERIFY2(m_up.nonJsonLines().isEmpty(), qPrintable(m_up.nonJsonLines().join(QLatin1Char('\n'))));
    QVERIFY2(!m_up.healthEvents().isEmpty(), qPrintable(QStringLiteral("no health event in the whole run\n") + why()));
}

void TestSshRelay::aClassThatEndsStopsEveryShareAndExitsZero() {
    // The next class, with the same remembered ports, over in a few seconds: `up --for` stops every share
    // at the end, exits 0, and the relay lets every port go.
    QList<quint16> remembered;
    for (const QString& name : std::as_const(m_names))
        remembered.append(m_up.publicPort(name));
    LabshareUp up(m_up.homeDirectory());
    QVERIFY2(up.start(m_lab.topologyFile(), m_relay.relayUrl(m_relay.knownHostsFile()), {"--for", "6s"}),
             qPrintable(up.errorString()));
    QVERIFY2(up.waitForStates(m_names, "up", kUpTimeoutMs), qPrintable(up.diagnostics()));
    for (int i = 0; i < m_names.size(); ++i)
        QCOMPARE(up.publicPort(m_names.at(i)), remembered.at(i)); // the ledger kept them for this class
    QVERIFY2(up.waitForExit(30000), qPrintable(QStringLiteral("still running after its 6 s\n") + up.diagnostics()));
    QCOMPARE(up.exitCode(), 0);
    for (const QString& name : std::as_const(m_names))
        QCOMPARE(up.lastState(name), "stopped");
    QStringList phases;
    for (const QString& line : up.stdoutLines()) {
        const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
        if (event.value("event").toString() == "class")
            phases << event.value("phase").toString();
    }
    QCOMPARE(phases, QStringList({"ending", "ended"})); // less than five minutes: the warning comes at once
    SocketTable table;
    const bool closed = waitUntil(
        [&] {
            return table.capture() && std::all_of(remembered.cbegin(), remembered.cend(),
                                                  [&](quint16 p) { return table.listenersOn(p).isEmpty(); });
        },
        15000);
    QVERIFY2(closed, qPrintable(QStringLiteral("the relay still listens:\n") + table.text()));
}

QTEST_GUILESS_MAIN(TestSshRelay)
#include "tst_sshrelay.moc"
