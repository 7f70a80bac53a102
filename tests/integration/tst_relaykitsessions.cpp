// SPDX-License-Identifier: GPL-3.0-or-later
// The relay kit's session program (installer/relay/labshare-relay-session) on a real OpenSSH sshd with the kit's
// PAM module, validator and a real OpenID provider: a new session of the same LabShare installation and the same
// signed-in identity ends the stale one (frozen, holding the share's port), so the share gets its own port back
// while the stale session is still frozen; a session of another identity that names the same installation id ends
// nothing, and is served on a stand-in while the port stays the first one's.
// Runs as root (see RelayKitSshd).

#include "RelayKitSshd.h"

#include "ChecksumClient.h"
#include "EchoNode.h"
#include "OidcProvider.h"
#include "ProcessTree.h"
#include "Wait.h"

#include "tunnel/TunnelEngine.h"

#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace labshare::testsupport;
using labshare::tunnel::ForwardSpec;
using labshare::tunnel::RelayProfile;
using labshare::tunnel::SecretKind;
using labshare::tunnel::ShareHealth;
using labshare::tunnel::ShareState;
using labshare::tunnel::TunnelEngine;

namespace {

constexpr int kUpTimeoutMs = 30000;
// The session program never ends a session filed less than this ago (two LabShare processes of one installation
// would end each other's in turn); a second more, so the first session is settled.
constexpr int kSettleMs = 11000;

// One LabShare tunnel engine signed in with `token`, publishing one share, with what it last said of it.
struct Publisher {
    std::unique_ptr<TunnelEngine> engine;
    ShareHealth last;
};

} // namespace

class TestRelayKitSessions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void staleSessionOfTheSameInstallationIsReplaced();
    void anotherIdentityWithTheSameIdEndsNothing();

private:
    std::unique_ptr<Publisher> publish(const QByteArray& token, quint16 port = 0);
    QByteArray signIn(const QString& user);
    ForwardSpec spec(quint16 port) const;
    QString roundTrip(quint16 port) const;
    QString why(const Publisher& p);

    RelayKitSshd m_kit;
    EchoNode m_node;
    OidcProvider m_provider;
};

void TestRelayKitSessions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // every engine here is one installation: one installation-id file
    QString error;
    QVERIFY2(m_kit.start(&error), qPrintable(error));
    QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.42"))), qPrintable(m_node.errorString()));
    QVERIFY2(m_provider.start(), qPrintable(m_provider.error()));
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org, example.test")));
}

void TestRelayKitSessions::cleanupTestCase() {
    QString error;
    QVERIFY2(m_kit.stop(&error), qPrintable(error));
}

QByteArray TestRelayKitSessions::signIn(const QString& user) {
    const FixtureTokens tokens = m_provider.signInByHand(user, user + QStringLiteral("-pass"));
    if (!tokens.error.isEmpty())
        qWarning("sign-in as %s failed: %s", qPrintable(user), qPrintable(tokens.error));
    return tokens.accessToken;
}

ForwardSpec TestRelayKitSessions::spec(quint16 port) const {
    ForwardSpec s;
    s.name = QStringLiteral("clab-n1-tcp-%1").arg(m_node.port());
    s.node = QStringLiteral("n1");
    s.type = QStringLiteral("tcp");
    s.targetHost = m_node.address().toString();
    s.targetPort = m_node.port();
    s.remotePort = port;
    return s;
}

std::unique_ptr<Publisher> TestRelayKitSessions::publish(const QByteArray& token, quint16 port) {
    auto p = std::make_unique<Publisher>();
    TunnelEngine::Options options;
    options.secrets = [token](SecretKind kind, const QString&) -> std::optional<labshare::secrets::SecretBytes> {
        if (kind != SecretKind::Token)
            return std::nullopt;
        return labshare::secrets::SecretBytes(token);
    };
    const auto profile = RelayProfile::fromUrl(m_kit.relayUrl());
    if (!profile)
        return p;
    p->engine = std::make_unique<TunnelEngine>(*profile, options);
    Publisher* raw = p.get();
    connect(p->engine.get(), &TunnelEngine::shareChanged, this, [raw](const ShareHealth& h) { raw->last = h; });
    p->engine->publish(spec(port));
    return p;
}

QString TestRelayKitSessions::roundTrip(quint16 port) const {
    ChecksumRun run;
    run.connections = 4;
    run.timeoutMs = 30000;
    const ChecksumSummary summary = runChecksumClients({Endpoint{QHostAddress::LocalHost, port}}, run);
    return summary.allOk() ? QString() : summary.describe();
}

QString TestRelayKitSessions::why(const Publisher& p) {
    return QStringLiteral("state %1, public %2, reclaiming %3, error \"%4\"\nrelay log (tail):\n%5")
        .arg(int(p.last.state))
        .arg(p.last.publicAddress())
        .arg(p.last.reclaimingPort)
        .arg(p.last.lastError, m_kit.sshd().log().right(3000));
}

void TestRelayKitSessions::staleSessionOfTheSameInstallationIsReplaced() {
    const QByteArray token = signIn(QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    std::unique_ptr<Publisher> first = publish(token);
    QVERIFY2(waitUntil([&] { return first->last.state == ShareState::Up; }, kUpTimeoutMs), qPrintable(why(*first)));
    const quint16 port = first->last.publicPort;
    QTest::qWait(kSettleMs);
    // The laptop slept: its session stays on the relay, frozen, holding the port.
    const QList<qint64> stale = ProcessTree::descendants(m_kit.sshd().pid());
    QVERIFY(!stale.isEmpty());
    for (qint64 pid : stale)
        ::kill(static_cast<pid_t>(pid), SIGSTOP);

    std::unique_ptr<Publisher> second = publish(token, port);
    // Its own port while the stale session is still frozen: only the session program's kill can have freed it.
    const bool own = waitUntil(
        [&] {
            const ShareHealth& h = second->last;
            return h.state == ShareState::Up && h.publicPort == port && h.reclaimingPort == 0;
        },
        kUpTimeoutMs);
    for (qint64 pid : stale)
        ::kill(static_cast<pid_t>(pid), SIGCONT);
    QVERIFY2(own, qPrintable(why(*second)));
    const bool ended = waitUntil(
        [&] {
            return std::none_of(stale.cbegin(), stale.cend(), [](qint64 pid) { return ProcessTree::isAlive(pid); });
        },
        10000);
    QVERIFY2(ended, qPrintable(why(*second)));
    const QString problem = roundTrip(port);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why(*second)));
    first->engine->shutdown();
    second->engine->shutdown();
}

void TestRelayKitSessions::anotherIdentityWithTheSameIdEndsNothing() {
    // Everyone signs in to the one relay account: carol naming alice's installation id must not end her session.
    std::unique_ptr<Publisher> alice = publish(signIn(QStringLiteral("alice")));
    QVERIFY2(waitUntil([&] { return alice->last.state == ShareState::Up; }, kUpTimeoutMs), qPrintable(why(*alice)));
    const quint16 port = alice->last.publicPort;
    const QList<qint64> hers = ProcessTree::descendants(m_kit.sshd().pid());
    QTest::qWait(kSettleMs);

    std::unique_ptr<Publisher> carol = publish(signIn(QStringLiteral("carol")), port);
    QVERIFY2(waitUntil([&] { return carol->last.state == ShareState::Up; }, kUpTimeoutMs), qPrintable(why(*carol)));
    QCOMPARE(carol->last.reclaimingPort, port); // served on a stand-in: the port stays alice's
    QVERIFY(carol->last.publicPort != port);
    for (qint64 pid : hers)
        QVERIFY2(ProcessTree::isAlive(pid), qPrintable(why(*carol)));
    QCOMPARE(alice->last.state, ShareState::Up);
    for (quint16 p : {port, carol->last.publicPort}) {
        const QString problem = roundTrip(p);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + why(*carol)));
    }
    carol->engine->shutdown();
    alice->engine->shutdown();
}

QTEST_GUILESS_MAIN(TestRelayKitSessions)
#include "tst_relaykitsessions.moc"
