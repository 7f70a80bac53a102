// SPDX-License-Identifier: GPL-3.0-or-later
// A relay that sits on LabShare's requests: the tunnel engine against a real OpenSSH sshd whose session
// process is frozen (SIGSTOP) after a share came up, so a tcpip-forward sent then gets no answer until the
// test thaws it. Stopping a share, publishing another and stopping the whole engine are handled at once
// meanwhile, and once the relay answers, nothing listens on it for a stopped share.
#include "EchoNode.h"
#include "FreePort.h"
#include "ProcessTree.h"
#include "SshRelay.h"
#include "Wait.h"

#include "tunnel/TunnelEngine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <memory>

using namespace labshare::testsupport;
using namespace labshare::tunnel;

namespace {

constexpr int kUpTimeoutMs = 30000;
// What "at once" means here: a command is handled within this while the relay answers nothing.
constexpr int kPromptMs = 1000;
// How long a test waits for that before it fails; below the 9 s after which the silent relay counts as
// lost (3 keepalive intervals of 3 s), so a slow answer is measured, not a reconnect.
constexpr int kPatienceMs = 6000;
// Time for the worker to send the request it is about to wait for.
constexpr int kSendMs = 300;

// The relay's per-connection sshds, stopped until this is destroyed: they answer nothing meanwhile, but
// the kernel keeps the connection and takes what LabShare sends.
class FrozenRelay {
public:
    explicit FrozenRelay(const SshRelay& relay)
        : m_sessions(ProcessTree::descendants(relay.pid())) {
        for (qint64 pid : std::as_const(m_sessions))
            ::kill(static_cast<pid_t>(pid), SIGSTOP);
    }
    ~FrozenRelay() { thaw(); }
    FrozenRelay(const FrozenRelay&) = delete;
    FrozenRelay& operator=(const FrozenRelay&) = delete;

    bool isEmpty() const { return m_sessions.isEmpty(); }
    void thaw() {
        for (qint64 pid : std::as_const(m_sessions))
            ::kill(static_cast<pid_t>(pid), SIGCONT);
        m_sessions.clear();
    }

private:
    QList<qint64> m_sessions;
};

// Whether a connection to 127.0.0.1:`port` is refused: nothing listens there.
bool refuses(quint16 port) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = socket.waitForConnected(2000);
    socket.abort();
    return !connected && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

} // namespace

class TestRelayRequests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stoppingSharesWhileTheRelaySitsOnAListenIsImmediate();
    void stoppingTheEngineWhileTheRelaySitsOnAListenIsImmediate();
    void answeredKeepalivesLeaveTheRequestSlotFree();

private:
    void startEngine(const TunnelEngine::Options& options);
    ForwardSpec spec(const QString& name) const;
    QString why() const { return QStringLiteral("relay log (tail):\n") + m_relay.log().right(3000); }
    ShareState state(const QString& name) const { return m_last.value(name).state; }
    bool publishAndWaitUp(const ForwardSpec& s);

    SshRelay m_relay;
    EchoNode m_node;
    std::unique_ptr<TunnelEngine> m_engine;
    QHash<QString, ShareHealth> m_last;
    bool m_stopped = false;
};

void TestRelayRequests::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.41"))), qPrintable(m_node.errorString()));
}

void TestRelayRequests::init() {
    startEngine(TunnelEngine::Options{});
}

void TestRelayRequests::startEngine(const TunnelEngine::Options& options) {
    const auto profile = RelayProfile::fromUrl(m_relay.relayUrl(m_relay.knownHostsFile()));
    QVERIFY(profile.ok());
    m_engine.reset();
    m_last.clear();
    m_stopped = false;
    m_engine = std::make_unique<TunnelEngine>(*profile, options);
    connect(m_engine.get(), &TunnelEngine::shareChanged, this, [this](const ShareHealth& h) { m_last[h.name] = h; });
    connect(m_engine.get(), &TunnelEngine::stopped, this, [this] { m_stopped = true; });
}

void TestRelayRequests::cleanup() {
    m_engine.reset(); // shuts the worker down
}

ForwardSpec TestRelayRequests::spec(const QString& name) const {
    ForwardSpec s;
    s.name = name;
    s.node = QStringLiteral("n1");
    s.type = QStringLiteral("tcp");
    s.targetHost = m_node.address().toString();
    s.targetPort = m_node.port();
    s.remotePort = freeTcpPort(); // a known port, so the test can see whether the relay listens on it
    return s;
}

bool TestRelayRequests::publishAndWaitUp(const ForwardSpec& s) {
    m_engine->publish(s);
    return waitUntil([&] { return state(s.name) == ShareState::Up; }, kUpTimeoutMs);
}

void TestRelayRequests::stoppingSharesWhileTheRelaySitsOnAListenIsImmediate() {
    const ForwardSpec a = spec(QStringLiteral("clab-n1-tcp-a"));
    QVERIFY2(publishAndWaitUp(a), qPrintable(m_last.value(a.name).lastError + QLatin1Char('\n') + why()));
    QVERIFY2(m_relay.checkForwardListener(a.remotePort).isEmpty(), qPrintable(why()));

    FrozenRelay frozen(m_relay);
    QVERIFY2(!frozen.isEmpty(), "the relay has a per-connection sshd for the engine's session");
    const ForwardSpec b = spec(QStringLiteral("clab-n1-tcp-b"));
    m_engine->publish(b);
    QVERIFY(waitUntil([&] { return state(b.name) == ShareState::Connecting; }, kPromptMs));
    QTest::qWait(kSendMs); // the tcpip-forward for b is on its way; the relay will not answer it

    // Stop b (its listen unanswered) and a (bound: its cancel cannot be answered either).
    QElapsedTimer timer;
    timer.start();
    m_engine->unpublish(b.name);
    m_engine->unpublish(a.name);
    const bool stopped = waitUntil(
        [&] { return state(a.name) == ShareState::Stopped && state(b.name) == ShareState::Stopped; }, kPatienceMs);
    const qint64 stopMs = timer.elapsed();
    qInfo("both shares reported stopped %lld ms after the unpublish, the relay frozen", stopMs);
    QVERIFY2(stopped, "the shares were not reported stopped while the relay sat on a request");
    QVERIFY2(stopMs < kPromptMs, qPrintable(QStringLiteral("stopping took %1 ms").arg(stopMs)));

    // Another share is taken at once too; the relay hears of it when it answers again.
    const ForwardSpec c = spec(QStringLiteral("clab-n1-tcp-c"));
    timer.restart();
    m_engine->publish(c);
    QVERIFY2(waitUntil([&] { return state(c.name) == ShareState::Connecting; }, kPatienceMs),
             "a share published while the relay sat on a request was not taken");
    QVERIFY2(timer.elapsed() < kPromptMs, qPrintable(QStringLiteral("publishing took %1 ms").arg(timer.elapsed())));

    // Thawed, the relay grants b's listen, then hears the cancels and c's listen, in that order: once c
    // is up, neither a's port nor b's is listened on any more.
    frozen.thaw();
    QVERIFY2(waitUntil([&] { return state(c.name) == ShareState::Up; }, kUpTimeoutMs),
             qPrintable(m_last.value(c.name).lastError + QLatin1Char('\n') + why()));
    QVERIFY2(m_relay.checkForwardListener(c.remotePort).isEmpty(), qPrintable(why()));
    QVERIFY2(refuses(a.remotePort), qPrintable(QStringLiteral("the relay still listens for stopped a\n") + why()));
    QVERIFY2(refuses(b.remotePort), qPrintable(QStringLiteral("the relay listens for stopped b\n") + why()));
    QCOMPARE(state(a.name), ShareState::Stopped);
    QCOMPARE(state(b.name), ShareState::Stopped);
}

void TestRelayRequests::stoppingTheEngineWhileTheRelaySitsOnAListenIsImmediate() {
    const ForwardSpec a = spec(QStringLiteral("clab-n1-tcp-a"));
    QVERIFY2(publishAndWaitUp(a), qPrintable(m_last.value(a.name).lastError + QLatin1Char('\n') + why()));

    FrozenRelay frozen(m_relay);
    QVERIFY2(!frozen.isEmpty(), "the relay has a per-connection sshd for the engine's session");
    const ForwardSpec b = spec(QStringLiteral("clab-n1-tcp-b"));
    m_engine->publish(b);
    QVERIFY(waitUntil([&] { return state(b.name) == ShareState::Connecting; }, kPromptMs));
    QTest::qWait(kSendMs);

    QElapsedTimer timer;
    timer.start();
    m_engine->stop();
    const bool stopped = waitUntil([&] { return m_stopped; }, kPatienceMs);
    const qint64 stopMs = timer.elapsed();
    qInfo("the engine reported stopped %lld ms after stop(), the relay frozen", stopMs);
    QVERIFY2(stopped, "the engine did not stop while the relay sat on a request");
    QVERIFY2(stopMs < kPromptMs, qPrintable(QStringLiteral("stopping took %1 ms").arg(stopMs)));
    timer.restart();
    m_engine->shutdown(); // the worker thread has ended, or ends now
    QVERIFY2(timer.elapsed() < kPromptMs, qPrintable(QStringLiteral("shutdown took %1 ms").arg(timer.elapsed())));
    QCOMPARE(state(a.name), ShareState::Stopped);
    QCOMPARE(state(b.name), ShareState::Stopped);

    // Thawed, the relay finds the session closed and lets go of every port it held for it.
    frozen.thaw();
    QVERIFY2(waitUntil([&] { return refuses(a.remotePort) && refuses(b.remotePort); }, 15000),
             qPrintable(QStringLiteral("the relay still listens for the stopped engine's shares\n") + why()));
    QTest::qWait(500);
    QVERIFY2(refuses(a.remotePort) && refuses(b.remotePort), qPrintable(why()));
}

void TestRelayRequests::answeredKeepalivesLeaveTheRequestSlotFree() {
    // Keepalives take the request slot too, so each must be answered and leave it, or every later request
    // would queue behind it. With keepalives every 500 ms the session counts as lost after 1.5 s without a
    // byte from the relay: only answered keepalives keep an idle session up (sshd sends its own only after
    // 2 s without a byte from LabShare).
    TunnelEngine::Options options;
    options.keepaliveIntervalMs = 500;
    startEngine(options);
    const ForwardSpec a = spec(QStringLiteral("clab-n1-tcp-a"));
    QVERIFY2(publishAndWaitUp(a), qPrintable(m_last.value(a.name).lastError + QLatin1Char('\n') + why()));
    QStringList downs;
    QObject watching; // ends the connection below with this function
    connect(m_engine.get(), &TunnelEngine::shareChanged, &watching, [&downs, &a](const ShareHealth& h) {
        if (h.name == a.name && h.state != ShareState::Up)
            downs << shareStateName(h.state) + QStringLiteral(": ") + h.lastError;
    });
    QTest::qWait(4000); // eight keepalives
    QVERIFY2(downs.isEmpty(), qPrintable(downs.join(QStringLiteral("; "))));

    const ForwardSpec b = spec(QStringLiteral("clab-n1-tcp-b"));
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(publishAndWaitUp(b), qPrintable(m_last.value(b.name).lastError + QLatin1Char('\n') + why()));
    QVERIFY2(timer.elapsed() < kPromptMs, qPrintable(QStringLiteral("b came up after %1 ms").arg(timer.elapsed())));
    QVERIFY2(m_relay.checkForwardListener(b.remotePort).isEmpty(), qPrintable(why()));
    QVERIFY2(downs.isEmpty(), qPrintable(downs.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestRelayRequests)
#include "tst_relayrequests.moc"
