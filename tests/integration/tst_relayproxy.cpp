// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare up` reaching the relay through a real HTTP CONNECT proxy (tinyproxy on loopback), as
// campus networks require: the shares come up, the SSH connection is the proxy's, data round-trips.
#include "ChecksumClient.h"
#include "EchoLab.h"
#include "EchoNode.h"
#include "LabshareUp.h"
#include "SocketTable.h"
#include "SshRelay.h"
#include "TinyProxy.h"
#include "Wait.h"

#include "tunnel/TunnelEngine.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <csignal>

using namespace labshare::testsupport;

class TestRelayProxy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sharesComeUpThroughTheProxy();
    void theRelayConnectionIsTheProxys();
    void concurrentConnectionsRoundTrip();
    void interruptTearsDownAndExitsZero();
    void aShareAddedWhileTheProxyAnswersDoesNotFailTheConnect();

private:
    QString why() const {
        return m_up.diagnostics() + QStringLiteral("\nrelay log (tail):\n") + m_relay.log().right(2000) +
               QStringLiteral("\ntinyproxy log (tail):\n") + m_proxy.log().right(2000);
    }
    bool allUp() const {
        return std::all_of(m_names.cbegin(), m_names.cend(),
                           [&](const QString& n) { return m_up.lastState(n) == "up"; });
    }

    SshRelay m_relay;
    TinyProxy m_proxy;
    EchoLab m_lab{3, 31}; // n1..n3 on 127.0.0.31..33
    LabshareUp m_up;
    QStringList m_names;
};

void TestRelayProxy::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    // The proxy allows CONNECT to the relay's port and nothing else.
    QVERIFY2(m_proxy.start(m_relay.port()), qPrintable(m_proxy.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_names = m_lab.shareNames();
    const QString url = m_relay.relayUrl(m_relay.knownHostsFile(), m_proxy.url());
    QVERIFY2(m_up.start(m_lab.topologyFile(), url), qPrintable(m_up.errorString()));
}

void TestRelayProxy::sharesComeUpThroughTheProxy() {
    QVERIFY2(m_up.waitForStates(m_names, "up", 30000), qPrintable(why()));
    for (const QString& name : std::as_const(m_names)) {
        QCOMPARE(m_up.publicHost(name), "127.0.0.1");
        const QString problem = m_relay.checkForwardListener(m_up.publicPort(name));
        QVERIFY2(problem.isEmpty(), qPrintable(name + QStringLiteral(": ") + problem));
    }
}

void TestRelayProxy::theRelayConnectionIsTheProxys() {
    QVERIFY2(allUp(), qPrintable(why()));
    const QRegularExpression connect(QStringLiteral("CONNECT 127\\.0\\.0\\.1:%1 HTTP/1\\.[01]").arg(m_relay.port()));
    QVERIFY2(connect.match(m_proxy.log()).hasMatch(), qPrintable(why()));
    // Every connection to the relay's port comes from tinyproxy; LabShare holds none of its own.
    SocketTable table;
    QVERIFY2(table.capture(), qPrintable(table.errorString()));
    const QList<SocketEntry> toRelay = table.connectionsTo(m_relay.port());
    QVERIFY2(!toRelay.isEmpty(), qPrintable(table.text()));
    for (const SocketEntry& e : toRelay) {
        QVERIFY2(e.owners.size() == 1, qPrintable(table.text()));
        QVERIFY2(e.owners.first().pid == m_proxy.pid(),
                 qPrintable(QStringLiteral("%1:%2 -> relay is held by %3 (pid %4), not tinyproxy (pid %5)")
                                .arg(e.localAddress)
                                .arg(e.localPort)
                                .arg(e.owners.first().process)
                                .arg(e.owners.first().pid)
                                .arg(m_proxy.pid())));
    }
}

void TestRelayProxy::concurrentConnectionsRoundTrip() {
    QVERIFY2(allUp(), qPrintable(why()));
    const QString problem = m_lab.roundTrip(m_up.publicEndpoints(m_names), 120);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why()));
}

void TestRelayProxy::interruptTearsDownAndExitsZero() {
    QVERIFY2(m_up.isRunning(), qPrintable(why()));
    const qsizetype mark = m_up.eventCount();
    QVERIFY2(m_up.interrupt(30000), qPrintable(why()));
    QVERIFY2(m_up.exitCode() == 0, qPrintable(why()));
    for (const QString& name : std::as_const(m_names))
        QVERIFY2(m_up.everInState(name, "stopped", mark), qPrintable(name + QStringLiteral(": not stopped\n") + why()));
    QVERIFY2(m_up.nonJsonLines().isEmpty(), qPrintable(m_up.nonJsonLines().join(QLatin1Char('\n'))));
}

void TestRelayProxy::aShareAddedWhileTheProxyAnswersDoesNotFailTheConnect() {
    // A lab's shares are published one after another, so the second arrives while the first
    // connect is still under way. That must not count as failing to reach the relay: a frozen
    // proxy holds the connect open while the second share is added.
    using namespace labshare::tunnel;
    TinyProxy proxy;
    QVERIFY2(proxy.start(m_relay.port()), qPrintable(proxy.errorString()));
    EchoNode node;
    QVERIFY2(node.listen(QHostAddress(QStringLiteral("127.0.0.34"))), qPrintable(node.errorString()));
    const auto profile = RelayProfile::fromUrl(m_relay.relayUrl(m_relay.knownHostsFile(), proxy.url()));
    QVERIFY(profile.ok());
    QVERIFY(::kill(static_cast<pid_t>(proxy.pid()), SIGSTOP) == 0);
    TunnelEngine engine(*profile, TunnelEngine::Options{});
    QHash<QString, ShareHealth> last;
    QStringList troubles;
    connect(&engine, &TunnelEngine::shareChanged, this, [&](const ShareHealth& h) {
        last[h.name] = h;
        if (h.state == ShareState::Reconnecting || h.state == ShareState::Failed)
            troubles << h.name + QStringLiteral(": ") + h.lastError;
    });
    const auto spec = [&node](int i) {
        ForwardSpec s;
        s.name = QStringLiteral("clab-n%1-tcp-%2").arg(i).arg(node.port());
        s.node = QStringLiteral("n%1").arg(i);
        s.type = QStringLiteral("tcp");
        s.targetHost = node.address().toString();
        s.targetPort = node.port();
        return s;
    };
    engine.publish(spec(1));
    QVERIFY(waitUntil([&] { return last.value(spec(1).name).state == ShareState::Connecting; }, 10000));
    QTest::qWait(300); // the worker is waiting for the frozen proxy's answer now
    engine.publish(spec(2));
    QTest::qWait(300);
    QVERIFY(::kill(static_cast<pid_t>(proxy.pid()), SIGCONT) == 0);
    QVERIFY2(
        waitUntil(
            [&] {
                return last.value(spec(1).name).state == ShareState::Up &&
                       last.value(spec(2).name).state == ShareState::Up;
            },
            30000),
        qPrintable(last.value(spec(1).name).lastError + QStringLiteral(" / ") + last.value(spec(2).name).lastError));
    if (!troubles.isEmpty()) // the relay's side of it
        qWarning("relay log (tail):\n%s", qPrintable(m_relay.log().right(5000)));
    QVERIFY2(troubles.isEmpty(), qPrintable(troubles.join(QStringLiteral("; "))));
    engine.shutdown();
}

QTEST_GUILESS_MAIN(TestRelayProxy)
#include "tst_relayproxy.moc"
