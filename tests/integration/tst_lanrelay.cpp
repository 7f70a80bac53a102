// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare up --relay lan://127.0.0.1`: no SSH at all, LabShare itself listens on the chosen address and
// forwards to the nodes. Also: a relay URL LabShare cannot use is bad input (exit 2).
#include "ChecksumClient.h"
#include "EchoLab.h"
#include "LabshareUp.h"
#include "SocketTable.h"
#include "Wait.h"

#include <QStandardPaths>
#include <QTest>

using namespace labshare::testsupport;

class TestLanRelay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sharesComeUpOnTheChosenAddress();
    void concurrentConnectionsRoundTrip();
    void interruptTearsDownAndExitsZero();
    void restartKeepsThePublicPorts();
    void badRelayUrlIsBadInput_data();
    void badRelayUrlIsBadInput();

private:
    bool allUp() const {
        return std::all_of(m_names.cbegin(), m_names.cend(),
                           [&](const QString& n) { return m_up.lastState(n) == "up"; });
    }

    EchoLab m_lab{3, 41}; // n1..n3 on 127.0.0.41..43
    LabshareUp m_up;
    QStringList m_names;
};

void TestLanRelay::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_names = m_lab.shareNames();
    QVERIFY2(m_up.start(m_lab.topologyFile(), QStringLiteral("lan://127.0.0.1")), qPrintable(m_up.errorString()));
}

void TestLanRelay::sharesComeUpOnTheChosenAddress() {
    QVERIFY2(m_up.waitForStates(m_names, "up", 30000), qPrintable(m_up.diagnostics()));
    SocketTable table;
    QVERIFY2(table.capture(), qPrintable(table.errorString()));
    for (int i = 0; i < m_names.size(); ++i) {
        const ShareEvent e = m_up.lastEvent(m_names.at(i));
        QCOMPARE(e.node, m_lab.nodeName(i));
        QCOMPARE(e.port, int(m_lab.node(i).port()));
        QCOMPARE(e.publicHost(), "127.0.0.1");
        QVERIFY2(e.publicPort() != 0, qPrintable(e.toString()));
        // LabShare itself listens there, on that address only (not on every interface).
        const QList<SocketEntry> listeners = table.listenersOn(e.publicPort());
        QVERIFY2(listeners.size() == 1, qPrintable(table.text()));
        QCOMPARE(listeners.first().localAddress, "127.0.0.1");
        QVERIFY2(listeners.first().owners.size() == 1 && listeners.first().owners.first().pid == m_up.pid(),
                 qPrintable(table.text()));
    }
}

void TestLanRelay::concurrentConnectionsRoundTrip() {
    QVERIFY2(allUp(), qPrintable(m_up.diagnostics()));
    const QString problem = m_lab.roundTrip(m_up.publicEndpoints(m_names), 200);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + m_up.diagnostics()));
}

void TestLanRelay::interruptTearsDownAndExitsZero() {
    QVERIFY2(m_up.isRunning(), qPrintable(m_up.diagnostics()));
    QList<quint16> ports;
    for (const QString& name : std::as_const(m_names))
        ports.append(m_up.publicPort(name));
    const qsizetype mark = m_up.eventCount();
    QVERIFY2(m_up.interrupt(30000), qPrintable(m_up.diagnostics()));
    QCOMPARE(m_up.exitCode(), 0);
    for (const QString& name : std::as_const(m_names))
        QVERIFY2(m_up.everInState(name, "stopped", mark),
                 qPrintable(name + QStringLiteral(": not stopped\n") + m_up.diagnostics()));
    SocketTable table;
    QVERIFY2(table.capture(), qPrintable(table.errorString()));
    for (quint16 port : std::as_const(ports))
        QVERIFY2(port == 0 || table.listenersOn(port).isEmpty(), qPrintable(table.text()));
    QVERIFY2(m_up.nonJsonLines().isEmpty(), qPrintable(m_up.nonJsonLines().join(QLatin1Char('\n'))));
}

void TestLanRelay::restartKeepsThePublicPorts() {
    // The first run has stopped (previous test); a new run with the same HOME gets the same ports,
    // so the addresses handed to students stay valid.
    const QList<Endpoint> before = m_up.publicEndpoints(m_names);
    LabshareUp again(m_up.homeDirectory());
    QVERIFY2(again.start(m_lab.topologyFile(), QStringLiteral("lan://127.0.0.1")), qPrintable(again.errorString()));
    QVERIFY2(again.waitForStates(m_names, "up", 30000), qPrintable(again.diagnostics()));
    for (int i = 0; i < m_names.size(); ++i)
        QCOMPARE(again.publicPort(m_names.at(i)), before.at(i).port);
    ChecksumRun run;
    run.connections = 30;
    const ChecksumSummary summary = runChecksumClients(again.publicEndpoints(m_names), run);
    QVERIFY2(summary.allOk(), qPrintable(summary.describe() + QLatin1Char('\n') + again.diagnostics()));
    QVERIFY2(again.interrupt(), qPrintable(again.diagnostics()));
    QCOMPARE(again.exitCode(), 0);
}

void TestLanRelay::badRelayUrlIsBadInput_data() {
    QTest::addColumn<QString>("url");
    QTest::newRow("unknown scheme") << "gopher://127.0.0.1";
    QTest::newRow("unknown flavor") << "ssh://user@127.0.0.1:22?flavor=no-such-flavor";
    QTest::newRow("port out of range") << "ssh://user@127.0.0.1:70000?flavor=openssh";
    QTest::newRow("no relay host") << "ssh://?flavor=openssh";
}

void TestLanRelay::badRelayUrlIsBadInput() {
    QFETCH(QString, url);
    LabshareUp up;
    QVERIFY2(up.start(m_lab.topologyFile(), url), qPrintable(up.errorString()));
    QVERIFY2(up.waitForExit(15000), qPrintable(up.diagnostics()));
    QVERIFY2(up.exitCode() == 2, qPrintable(up.diagnostics()));
    // It says why, on stderr or as a JSON line.
    QVERIFY2(!up.stderrText().trimmed().isEmpty() || !up.stdoutLines().isEmpty(), qPrintable(up.diagnostics()));
    for (const QString& name : std::as_const(m_names))
        QVERIFY(!up.everInState(name, "up"));
}

QTEST_GUILESS_MAIN(TestLanRelay)
#include "tst_lanrelay.moc"
