// SPDX-License-Identifier: GPL-3.0-or-later
// Recovery from relay failures, 20 cycles in a row against a real OpenSSH sshd behind a line that can lose the
// network (DropLine), with LabShare's tunnel engine publishing three shares of an echo lab:
// - killed: the relay and its sessions die; a new relay starts on the same address;
// - frozen: our session on the relay stops answering (SIGSTOP) while holding every share's port;
// - dropped: the network between LabShare and the relay goes silent and comes back; the old session lingers.
// Each cycle prints how long after the relay could be reached again (the new relay started, the network came
// back, LabShare gave up on the frozen session) every share carried data again: on its own port, or on a
// stand-in while an old session still holds it. The goal is 5 s; the test fails only when a share does not
// come back at all. At the end, the process has as many descriptors and threads as before the first cycle.

#include "DropLine.h"
#include "EchoLab.h"
#include "ProcessTree.h"
#include "SshRelay.h"
#include "Wait.h"

#include "tunnel/TunnelEngine.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace labshare::testsupport;
using labshare::tunnel::ForwardSpec;
using labshare::tunnel::RelayProfile;
using labshare::tunnel::ShareHealth;
using labshare::tunnel::ShareState;
using labshare::tunnel::TunnelEngine;

namespace {

constexpr int kCycles = 20;
constexpr int kBackTimeoutMs = 60000;

enum class Failure { Killed, Frozen, Dropped };

const char* failureName(Failure f) {
    switch (f) {
    case Failure::Killed:
        return "killed ";
    case Failure::Frozen:
        return "frozen ";
    case Failure::Dropped:
        return "dropped";
    }
    return "";
}

qsizetype entriesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size();
}

} // namespace

class TestRelayRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyShareCarriesDataWithinSecondsOfTheRelay();
    void cleanupTestCase();

private:
    bool allNoticed() const;
    bool allOnTheirOwnPorts() const;
    QString carriesData() const; // empty when every share's live address echoes intact data
    QString why() const;

    SshRelay m_relay;
    DropLine m_line;
    EchoLab m_lab{3, 61};
    std::unique_ptr<TunnelEngine> m_engine;
    QHash<QString, ShareHealth> m_health;
    QStringList m_names;
};

void TestRelayRecovery::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    QVERIFY2(m_line.start(m_relay.port()), qPrintable(m_line.errorString()));
    // Through the line: LabShare reaches the relay at the line's port, and knows its host key there.
    const QString knownHosts = m_relay.emptyKnownHostsFile();
    QFile hosts(knownHosts);
    QVERIFY(hosts.open(QIODevice::WriteOnly));
    hosts.write(QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_line.port()).arg(m_relay.hostPublicKey()).toUtf8());
    hosts.close();
    RelayUrlOptions url;
    url.knownHostsFile = knownHosts;
    const QString direct = m_relay.relayUrl(url);
    const QString through = QString(direct).replace(QStringLiteral("127.0.0.1:%1").arg(m_relay.port()),
                                                    QStringLiteral("127.0.0.1:%1").arg(m_line.port()));
    QVERIFY(through != direct);
    const auto profile = RelayProfile::fromUrl(through);
    QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
    TunnelEngine::Options options;
    options.keepaliveIntervalMs = 1000; // a silent relay is given up after 3 s
    m_engine = std::make_unique<TunnelEngine>(*profile, options);
    connect(m_engine.get(), &TunnelEngine::shareChanged, this,
            [this](const ShareHealth& h) { m_health.insert(h.name, h); });
    m_names = m_lab.shareNames();
    for (int i = 0; i < m_lab.size(); ++i) {
        ForwardSpec spec;
        spec.name = m_names.at(i);
        spec.node = m_lab.nodeName(i);
        spec.type = QStringLiteral("tcp");
        spec.targetHost = m_lab.node(i).address().toString();
        spec.targetPort = m_lab.node(i).port();
        m_engine->publish(spec);
    }
    QVERIFY2(waitUntil([this] { return allOnTheirOwnPorts(); }, 30000), qPrintable(why()));
}

void TestRelayRecovery::cleanupTestCase() {
    if (m_engine)
        m_engine->shutdown();
}

bool TestRelayRecovery::allNoticed() const {
    return std::all_of(m_names.cbegin(), m_names.cend(),
                       [this](const QString& n) { return m_health.value(n).state != ShareState::Up; });
}

bool TestRelayRecovery::allOnTheirOwnPorts() const {
    return std::all_of(m_names.cbegin(), m_names.cend(), [this](const QString& n) {
        const ShareHealth h = m_health.value(n);
        return h.state == ShareState::Up && h.publicPort != 0 && h.reclaimingPort == 0;
    });
}

QString TestRelayRecovery::carriesData() const {
    QList<Endpoint> live;
    for (const QString& n : m_names) {
        const ShareHealth h = m_health.value(n);
        if (h.state != ShareState::Up)
            return n + QStringLiteral(" is not up");
        live.append(Endpoint{QHostAddress(h.publicHost), h.publicPort});
    }
    // Every payload comes back intact through every share (not the nodes' byte counts: a try that failed while
    // the relay was away may still be echoing).
    ChecksumRun run;
    run.connections = 3;
    run.minBytes = 1024;
    run.maxBytes = 16 * 1024;
    run.timeoutMs = 3000;
    const ChecksumSummary summary = runChecksumClients(live, run);
    return summary.allOk() ? QString() : summary.describe();
}

QString TestRelayRecovery::why() const {
    QStringList lines;
    for (const QString& n : m_names) {
        const ShareHealth h = m_health.value(n);
        lines << QStringLiteral("%1: %2 %3 reclaiming %4 also %5 \"%6\"")
                     .arg(n, labshare::tunnel::shareStateName(h.state), h.publicAddress())
                     .arg(h.reclaimingPort)
                     .arg(h.alsoPort)
                     .arg(h.lastError);
    }
    return lines.join(QLatin1Char('\n')) + QStringLiteral("\nrelay log (tail):\n") + m_relay.log().right(2000);
}

void TestRelayRecovery::everyShareCarriesDataWithinSecondsOfTheRelay() {
    QVERIFY2(carriesData().isEmpty(), qPrintable(carriesData()));
    const qsizetype fdsBefore = entriesIn(QStringLiteral("/proc/self/fd"));
    const qsizetype threadsBefore = entriesIn(QStringLiteral("/proc/self/task"));
    QList<qint64> backMs;
    for (int cycle = 0; cycle < kCycles; ++cycle) {
        const auto failure = static_cast<Failure>(cycle % 3);
        const QList<qint64> sessions = ProcessTree::descendants(m_relay.pid());
        switch (failure) {
        case Failure::Killed:
            m_relay.kill();
            break;
        case Failure::Frozen:
            for (qint64 pid : sessions)
                ::kill(static_cast<pid_t>(pid), SIGSTOP);
            break;
        case Failure::Dropped:
            m_line.drop();
            break;
        }
        QVERIFY2(waitUntil([this] { return allNoticed(); }, 30000), qPrintable(why()));
        // From here the relay can be reached again: a new one, the network back, the frozen session given up.
        QElapsedTimer back;
        if (failure == Failure::Killed)
            QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
        if (failure == Failure::Dropped)
            m_line.restore();
        back.start();
        // Tried every 100 ms (not inside waitUntil: a try runs the event loop itself).
        const QDeadlineTimer deadline(kBackTimeoutMs);
        QString problem;
        do {
            (void)waitUntil([] { return false; }, 100); // the engine's reports come in meanwhile
            problem = carriesData();
        } while (!problem.isEmpty() && !deadline.hasExpired());
        QVERIFY2(problem.isEmpty(),
                 qPrintable(QStringLiteral("cycle %1 (%2): ").arg(cycle + 1).arg(QLatin1String(failureName(failure))) +
                            problem + QLatin1Char('\n') + why()));
        backMs << back.elapsed();
        qInfo("cycle %2d %s: every share carried data %5.2f s after the relay could be reached", cycle + 1,
              failureName(failure), double(backMs.last()) / 1000);
        // The old session goes for good (sshd's ClientAlive would end a dropped one too): every share gets its own
        // port back, so the next cycle starts where this one did.
        if (failure == Failure::Frozen)
            for (qint64 pid : sessions)
                ::kill(static_cast<pid_t>(pid), SIGKILL);
        if (failure == Failure::Dropped)
            m_line.closeDropped();
        QVERIFY2(waitUntil([this] { return allOnTheirOwnPorts(); }, kBackTimeoutMs), qPrintable(why()));
    }
    const qint64 worst = *std::max_element(backMs.cbegin(), backMs.cend());
    const int withinGoal = int(std::count_if(backMs.cbegin(), backMs.cend(), [](qint64 ms) { return ms <= 5000; }));
    qInfo("%d cycles: worst %.2f s, %d of %d within 5 s", kCycles, double(worst) / 1000, withinGoal, kCycles);

    QVERIFY2(carriesData().isEmpty(), qPrintable(why()));
    qsizetype fdsAfter = 0;
    const bool fdsFlat = waitUntil(
        [&] {
            fdsAfter = entriesIn(QStringLiteral("/proc/self/fd"));
            return fdsAfter <= fdsBefore;
        },
        15000);
    const qsizetype threadsAfter = entriesIn(QStringLiteral("/proc/self/task"));
    qInfo("descriptors %lld before, %lld after; threads %lld before, %lld after", qlonglong(fdsBefore),
          qlonglong(fdsAfter), qlonglong(threadsBefore), qlonglong(threadsAfter));
    QVERIFY2(fdsFlat, "descriptors leaked over the cycles");
    QCOMPARE(threadsAfter, threadsBefore);
}

QTEST_GUILESS_MAIN(TestRelayRecovery)
#include "tst_relayrecovery.moc"
