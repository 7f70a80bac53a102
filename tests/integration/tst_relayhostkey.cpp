// SPDX-License-Identifier: GPL-3.0-or-later
// The relay's host key is checked against known_hosts: headless `labshare up` refuses an unknown key
// unless --accept-new-host-key (and then records it), and refuses a changed key always, naming the
// fingerprint it was shown.
#include "ChecksumClient.h"
#include "EchoLab.h"
#include "LabshareUp.h"
#include "SshRelay.h"
#include "Tools.h"
#include "Wait.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace labshare::testsupport;

namespace {

constexpr int kTimeoutMs = 30000;

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool mentionsTheHostKey(const QString& error) {
    static const QRegularExpression re(QStringLiteral("host[ -]?key|fingerprint"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(error).hasMatch();
}

} // namespace

class TestRelayHostKey : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownHostKeyIsRefusedHeadless_data();
    void unknownHostKeyIsRefusedHeadless();
    void acceptNewHostKeyTrustsAndRecordsIt_data();
    void acceptNewHostKeyTrustsAndRecordsIt();
    void changedHostKeyIsRefusedEvenWithTheFlag();

private:
    QString knownHostsFor(const QString& kind);
    // Runs `labshare up` until its share fails or the process exits, and checks that it was refused:
    // never up, a failed share whose error names the host key, exit code 1 if it exited, no login at the relay.
    void expectRefusal(LabshareUp& up, const QString& name, qsizetype relayLogMark, ShareEvent* failed);
    QString why(const LabshareUp& up) const {
        return up.diagnostics() + QStringLiteral("\nrelay log (tail):\n") + m_relay.log().right(3000);
    }

    SshRelay m_relay;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestRelayHostKey::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
}

QString TestRelayHostKey::knownHostsFor(const QString& kind) {
    if (kind == QLatin1String("empty"))
        return m_relay.emptyKnownHostsFile();
    const QString path = m_dir.filePath(QStringLiteral("known_hosts-%1").arg(++m_files));
    if (kind == QLatin1String("missing"))
        return path; // does not exist yet
    // The relay's key, but for another port: OpenSSH keys entries by [host]:port, so this host is unknown.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_relay.port() + 1).arg(m_relay.hostPublicKey()).toUtf8());
    return path;
}

void TestRelayHostKey::expectRefusal(LabshareUp& up, const QString& name, qsizetype relayLogMark, ShareEvent* failed) {
    const bool settled = waitUntil(
        [&] { return up.lastState(name) == "failed" || up.everInState(name, "up") || !up.isRunning(); }, kTimeoutMs);
    QVERIFY2(settled, qPrintable(QStringLiteral("neither failed nor exited\n") + why(up)));
    QVERIFY2(!up.everInState(name, "up"), qPrintable(QStringLiteral("came up with that host key\n") + why(up)));
    if (!up.isRunning())
        QVERIFY2(up.exitCode() == 1, qPrintable(QStringLiteral("exited, but not with 1\n") + why(up)));
    // The refusal is reported on the share (an exiting process may report it stopped afterwards).
    const QList<ShareEvent> events = up.events();
    const auto it = std::find_if(events.crbegin(), events.crend(),
                                 [&](const ShareEvent& e) { return e.name == name && e.state == "failed"; });
    QVERIFY2(it != events.crend(), qPrintable(QStringLiteral("no failed share event\n") + why(up)));
    *failed = *it;
    QVERIFY2(mentionsTheHostKey(failed->error), qPrintable(failed->toString()));
    // The refusal came before authentication: the relay never logged this client in.
    QVERIFY2(!m_relay.log().mid(relayLogMark).contains(QStringLiteral("Accepted publickey")),
             qPrintable(m_relay.log().mid(relayLogMark)));
    // Still refused when asked to stop; then it exits (0 after a clean teardown, 1 after the failure).
    QVERIFY2(up.interrupt(kTimeoutMs), qPrintable(why(up)));
    QVERIFY2(up.exitCode() == 0 || up.exitCode() == 1, qPrintable(why(up)));
    QVERIFY2(!up.everInState(name, "up"), qPrintable(why(up)));
}

void TestRelayHostKey::unknownHostKeyIsRefusedHeadless_data() {
    QTest::addColumn<QString>("knownHosts");
    QTest::newRow("empty known_hosts") << "empty";
    QTest::newRow("no known_hosts file") << "missing";
    QTest::newRow("key known for another port only") << "other-port";
}

void TestRelayHostKey::unknownHostKeyIsRefusedHeadless() {
    QFETCH(QString, knownHosts);
    EchoLab lab(1, 21);
    QVERIFY2(lab.start(), qPrintable(lab.errorString()));
    const QString file = knownHostsFor(knownHosts);
    QVERIFY(!file.isEmpty());
    const QByteArray before = readFile(file);
    const qsizetype logMark = m_relay.log().size();

    LabshareUp up;
    QVERIFY2(up.start(lab.topologyFile(), m_relay.relayUrl(file)), qPrintable(up.errorString()));
    ShareEvent failed;
    expectRefusal(up, lab.shareNames().first(), logMark, &failed);
    if (QTest::currentTestFailed())
        return;
    // Nothing was trusted behind the user's back.
    QCOMPARE(readFile(file), before); // a missing file may have been created, but empty
    QVERIFY(!QFile::exists(QDir(up.homeDirectory()).filePath(QStringLiteral(".ssh/known_hosts"))));
}

void TestRelayHostKey::acceptNewHostKeyTrustsAndRecordsIt_data() {
    QTest::addColumn<QString>("knownHosts");
    QTest::newRow("empty known_hosts") << "empty";
    QTest::newRow("no known_hosts file") << "missing";
}

void TestRelayHostKey::acceptNewHostKeyTrustsAndRecordsIt() {
    QFETCH(QString, knownHosts);
    EchoLab lab(1, 22);
    QVERIFY2(lab.start(), qPrintable(lab.errorString()));
    const QString name = lab.shareNames().first();
    const QString file = knownHostsFor(knownHosts);
    const QString url = m_relay.relayUrl(file);
    {
        LabshareUp up;
        QVERIFY2(up.start(lab.topologyFile(), url, {QStringLiteral("--accept-new-host-key")}),
                 qPrintable(up.errorString()));
        QVERIFY2(up.waitForState(name, "up", kTimeoutMs), qPrintable(why(up)));
        const QString problem = m_relay.checkForwardListener(up.publicPort(name));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ChecksumRun run;
        run.connections = 20;
        run.timeoutMs = 30000;
        const ChecksumSummary summary = runChecksumClients(up.publicEndpoints({name}), run);
        QVERIFY2(summary.allOk(), qPrintable(summary.describe() + QLatin1Char('\n') + why(up)));

        // The accepted key is in the known_hosts file now, in a form OpenSSH reads (hashed or not).
        QByteArray found;
        const QString keygen = findTool(QStringLiteral("ssh-keygen"), QStringLiteral("openssh-client"), nullptr);
        QCOMPARE(runTool(keygen, {"-F", QStringLiteral("[127.0.0.1]:%1").arg(m_relay.port()), "-f", file}, &found), 0);
        const QString blob = m_relay.hostPublicKey().section(QLatin1Char(' '), 1, 1);
        QVERIFY2(!blob.isEmpty() && found.contains(blob.toUtf8()),
                 qPrintable(QStringLiteral("%1 holds:\n%2").arg(file, QString::fromUtf8(readFile(file)))));

        QVERIFY2(up.interrupt(kTimeoutMs), qPrintable(why(up)));
        QVERIFY2(up.exitCode() == 0, qPrintable(why(up)));
    }
    // A later run trusts the recorded key without being told to.
    LabshareUp again;
    QVERIFY2(again.start(lab.topologyFile(), url), qPrintable(again.errorString()));
    QVERIFY2(again.waitForState(name, "up", kTimeoutMs), qPrintable(why(again)));
    QVERIFY2(again.interrupt(kTimeoutMs), qPrintable(why(again)));
    QVERIFY2(again.exitCode() == 0, qPrintable(why(again)));
}

void TestRelayHostKey::changedHostKeyIsRefusedEvenWithTheFlag() {
    EchoLab lab(1, 23);
    QVERIFY2(lab.start(), qPrintable(lab.errorString()));
    const QString file = m_relay.knownHostsFile(); // the key the relay has now...
    const QString oldFingerprint = m_relay.hostKeyFingerprint();
    QVERIFY2(m_relay.regenerateHostKey(), qPrintable(m_relay.errorString())); // ...and then no longer
    const QString newFingerprint = m_relay.hostKeyFingerprint();
    QVERIFY(newFingerprint.startsWith(QLatin1String("SHA256:")));
    QVERIFY(newFingerprint != oldFingerprint);
    const QByteArray before = readFile(file);
    const qsizetype logMark = m_relay.log().size();

    LabshareUp up;
    QVERIFY2(up.start(lab.topologyFile(), m_relay.relayUrl(file), {QStringLiteral("--accept-new-host-key")}),
             qPrintable(up.errorString()));
    ShareEvent failed;
    expectRefusal(up, lab.shareNames().first(), logMark, &failed);
    if (QTest::currentTestFailed())
        return;
    // The message names the key the relay presented, so the user can check it out of band.
    QVERIFY2(failed.error.contains(QLatin1String("SHA256:")), qPrintable(failed.toString()));
    QVERIFY2(failed.error.contains(newFingerprint),
             qPrintable(QStringLiteral("expected %1 in %2").arg(newFingerprint, failed.toString())));
    QCOMPARE(readFile(file), before);
}

QTEST_GUILESS_MAIN(TestRelayHostKey)
#include "tst_relayhostkey.moc"
