// SPDX-License-Identifier: GPL-3.0-or-later
// A share for named people, end to end with real parts: the real `labshare up` on the LAN relay
// (127.0.0.1) and on a real OpenSSH relay, with the gate, echo servers as the nodes, the OpenID provider fixture
// signing students in (BrowserUser approving the device code), the real keychain, and the real `labshare connect` as
// the student's helper on stdin/stdout. Nothing reaches a node before the gate has let someone in.
#include "BrowserUser.h"
#include "EchoNode.h"
#include "KeychainAnswers.h"
#include "LabDir.h"
#include "LabshareCli.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
#include "SshRelay.h"
#include "Wait.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare;
using namespace labshare::testsupport;

class TestGatedShare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
        QVERIFY2(m_forAlice.listen(QHostAddress(QStringLiteral("127.0.0.1"))), qPrintable(m_forAlice.errorString()));
        QVERIFY2(m_forDomain.listen(QHostAddress(QStringLiteral("127.0.0.1"))), qPrintable(m_forDomain.errorString()));
        QVERIFY(m_node.start()); // a real sshd as the node's SSH server
        m_alice = LabDir::shareName("n1", "tcp", m_forAlice.port());
        m_domain = LabDir::shareName("n1", "tcp", m_forDomain.port());
        m_ssh = LabDir::shareName("n1", "tcp", m_node.port());
        QVERIFY2(m_lab.write({{"n1", "127.0.0.1",
                               QString("tcp/%1/alice@example.org tcp/%2/example.edu tcp/%3/example.org")
                                   .arg(m_forAlice.port())
                                   .arg(m_forDomain.port())
                                   .arg(m_node.port())}}),
                 qPrintable(m_lab.errorString()));
        QVERIFY2(m_up.start(m_lab.topologyFile(), "lan://127.0.0.1",
                            {"--issuer", m_provider.issuer().toString(), "--client-id", m_provider.clientId()}),
                 qPrintable(m_up.diagnostics()));
        QVERIFY2(m_up.waitForStates({m_alice, m_domain, m_ssh}, "up", 20000), qPrintable(m_up.diagnostics()));
        m_fingerprint = m_up.lastEvent(m_alice).json.value("fingerprint").toString();
        QVERIFY2(m_fingerprint.startsWith("SHA256:"), qPrintable(m_up.lastEvent(m_alice).toString()));
        QCOMPARE(m_up.lastEvent(m_alice).json.value("who").toString(), QString("listed"));
        QVERIFY(m_student.isValid());
        forgetTicket();
    }

    void aPlainClientIsToldWhatToUse() {
        const QByteArray said = plainClientHears(m_up.publicPort(m_alice));
        QVERIFY2(said.contains("labshare connect"), said.constData());
        QCOMPARE(m_forAlice.bytesEchoed(), 0); // (LabShare's own reachability probes may connect)
    }

    void aListedStudentSignsInOnceThenUsesTheTicket() {
        {
            LabshareCli alice(m_student.path(), {"connect", address(m_alice), "--fingerprint", m_fingerprint});
            QVERIFY2(alice.waitForError("or open (\\S+)\\)"), qPrintable(alice.errors()));
            QCOMPARE(m_forAlice.bytesEchoed(), 0); // held at the gate until the verdict
            BrowserUser browser;
            QVERIFY2(browser.approveDevice(QUrl(alice.captureError("or open (\\S+)\\)")), "alice", "alice-pass"),
                     qPrintable(browser.error()));
            alice.write("hello through the gate\n");
            QVERIFY2(alice.waitForOutput(QRegularExpression::escape("hello through the gate\n")),
                     qPrintable(alice.errors()));
            QCOMPARE(alice.finish(15000), 0);
            QVERIFY2(alice.errors().contains("admitted as alice@example.org"), qPrintable(alice.errors()));
        }
        LabshareCli again(m_student.path(), {"connect", address(m_alice), "--fingerprint", m_fingerprint});
        again.write("again\n");
        QVERIFY2(again.waitForOutput(QRegularExpression::escape("again\n")), qPrintable(again.errors()));
        QCOMPARE(again.finish(15000), 0);
        QVERIFY2(!again.errors().contains("sign in"), qPrintable(again.errors())); // the ticket sufficed
        QCOMPARE(m_forAlice.bytesEchoed(), qint64(sizeof("hello through the gate\nagain\n") - 1));
        QVERIFY(waitUntil([this] { return accessEvents("admitted").size() >= 2; }, 5000));
    }

    // OpenSSH's own client, with `labshare connect` as its ProxyCommand, logs in to a real sshd.
    void sshLogsInWithTheHelperAsProxyCommand() {
        QString said;
        QCOMPARE(sshThroughTheGate(m_up.publicPort(m_ssh), "echo through-the-gate", &said), 0);
        QVERIFY2(said.contains("through-the-gate"), qPrintable(said));
    }

    // The same lab through a real OpenSSH relay: the gate runs on this machine, behind the relay's
    // forwarded channels, with the same key and tickets (the same installation).
    void anSshRelayGatesToo() {
        SshRelay relay;
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        LabshareUp overSsh(m_up.homeDirectory());
        QVERIFY2(overSsh.start(m_lab.topologyFile(), relay.relayUrl(relay.knownHostsFile()),
                               {"--issuer", m_provider.issuer().toString(), "--client-id", m_provider.clientId()}),
                 qPrintable(overSsh.diagnostics()));
        QVERIFY2(overSsh.waitForStates({m_alice, m_domain, m_ssh}, "up", 30000), qPrintable(overSsh.diagnostics()));
        QCOMPARE(overSsh.lastEvent(m_ssh).json.value("fingerprint").toString(), m_fingerprint);
        const QString problem = relay.checkForwardListener(overSsh.publicPort(m_ssh)); // the relay's, not ours
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const QByteArray plain = plainClientHears(overSsh.publicPort(m_alice));
        QVERIFY2(plain.contains("labshare connect"), plain.constData());

        QString said;
        QCOMPARE(sshThroughTheGate(overSsh.publicPort(m_ssh), "echo over-the-relay", &said), 0);
        QVERIFY2(said.contains("over-the-relay"), qPrintable(said));

        const qint64 echoedBefore = m_forDomain.bytesEchoed();
        LabshareCli refused(m_student.path(), {"connect", QString("127.0.0.1:%1").arg(overSsh.publicPort(m_domain)),
                                               "--fingerprint", m_fingerprint});
        QCOMPARE(refused.finish(15000), 1);
        QVERIFY2(refused.errors().contains(QString("alice@example.org is not on the list for %1").arg(m_domain)),
                 qPrintable(refused.errors()));
        QCOMPARE(m_forDomain.bytesEchoed(), echoedBefore);
        QVERIFY(overSsh.interrupt());
    }

    void theListIsCheckedForEveryShare() {
        // alice's ticket is valid at this gate, but example.edu's share does not list her.
        LabshareCli alice(m_student.path(), {"connect", address(m_domain), "--fingerprint", m_fingerprint});
        QCOMPARE(alice.finish(15000), 1);
        QVERIFY2(alice.errors().contains(QString("alice@example.org is not on the list for %1").arg(m_domain)),
                 qPrintable(alice.errors()));
        QCOMPARE(m_forDomain.bytesEchoed(), 0);
    }

    void logoutForgetsTheTickets() {
        QCOMPARE(readKeychain("gate-ticket " + m_fingerprint).status, secrets::SecretStatus::Ok);
        LabshareCli logout(m_student.path(), {"logout"});
        QCOMPARE(logout.finish(), 0);
        QVERIFY2(logout.output().contains("Forgot the ticket for shares for named people."),
                 qPrintable(logout.describe()));
        QCOMPARE(readKeychain("gate-ticket " + m_fingerprint).status, secrets::SecretStatus::NotFound);
    }

    void anUnverifiedAddressIsRefused() {
        forgetTicket();
        LabshareCli bob(m_student.path(), {"connect", address(m_alice), "--fingerprint", m_fingerprint});
        QVERIFY2(bob.waitForError("or open (\\S+)\\)"), qPrintable(bob.errors()));
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(QUrl(bob.captureError("or open (\\S+)\\)")), "bob", "bob-pass"),
                 qPrintable(browser.error()));
        QCOMPARE(bob.finish(15000), 1);
        QVERIFY2(bob.errors().contains("bob@other.example is not verified"), qPrintable(bob.errors()));
        QCOMPARE(m_forAlice.bytesEchoed(), qint64(sizeof("hello through the gate\nagain\n") - 1));
        QVERIFY(waitUntil([this] { return !accessEvents("refused").isEmpty(); }, 5000));
    }

    void anotherKeyIsRefused() {
        LabshareCli wrong(m_student.path(),
                          {"connect", address(m_alice), "--fingerprint", "SHA256:" + QString(43, 'A')});
        QCOMPARE(wrong.finish(15000), 1);
        QVERIFY2(wrong.errors().contains("someone may be in between"), qPrintable(wrong.errors()));
    }

    // Without an identity provider there is no gate: such entries stay out, and say why.
    void withoutAnIdentityProviderTheyStayOut() {
        LabshareUp bare; // a HOME of its own: no `labshare login` remembered
        QVERIFY2(bare.start(m_lab.topologyFile(), "lan://127.0.0.1"), qPrintable(bare.diagnostics()));
        QVERIFY2(bare.waitForExit(20000), qPrintable(bare.diagnostics()));
        QCOMPARE(bare.exitCode(), 2); // every entry of this lab names people
        QVERIFY2(bare.stderrText().contains(QString("%1 is meant only for alice@example.org; it is left out: the gate "
                                                    "needs your identity provider")
                                                .arg(m_alice)),
                 qPrintable(bare.stderrText()));
        QVERIFY2(bare.stderrText().contains("--open-anyway"), qPrintable(bare.stderrText()));
    }

    void cleanupTestCase() {
        forgetTicket();
        QVERIFY(m_up.interrupt());
    }

private:
    // What a client that does not speak the gate's protocol (it says it is ssh) hears at 127.0.0.1:`port`.
    static QByteArray plainClientHears(quint16 port) {
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, port);
        if (!plain.waitForConnected(5000))
            return "(could not connect)";
        plain.write("SSH-2.0-OpenSSH_9.2\r\n");
        QByteArray said;
        (void)waitUntil( // what it heard says the rest
            [&] {
                said += plain.readAll();
                return plain.state() == QAbstractSocket::UnconnectedState || said.contains("labshare connect");
            },
            10000);
        return said;
    }
    // The real `ssh`, with `labshare connect` as its ProxyCommand, runs `command` on the node's sshd
    // behind the gated share at 127.0.0.1:`port`. The exit code; what it printed in `said`.
    int sshThroughTheGate(quint16 port, const QString& command, QString* said) {
        const QString knownHosts = m_student.filePath("known_hosts");
        QFile known(knownHosts);
        if (!known.open(QIODevice::WriteOnly))
            return -1;
        known.write(QString("[127.0.0.1]:%1 %2\n").arg(port).arg(m_node.hostPublicKey()).toUtf8());
        known.close();
        QProcess ssh;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", m_student.path()); // the helper's settings; the ticket is in the keychain
        ssh.setProcessEnvironment(env);
        ssh.start("ssh",
                  {"-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
                   "UserKnownHostsFile=" + knownHosts, "-o",
                   QString("ProxyCommand=%1 connect %h:%p --fingerprint %2").arg(labshareBinary(), m_fingerprint), "-i",
                   m_node.clientKey(), "-p", QString::number(port), m_node.user() + "@127.0.0.1", command});
        if (!ssh.waitForFinished(30000))
            return -1;
        *said = QString::fromUtf8(ssh.readAllStandardOutput() + ssh.readAllStandardError());
        return ssh.exitCode();
    }
    QString address(const QString& share) const { return QString("127.0.0.1:%1").arg(m_up.publicPort(share)); }
    QList<QJsonObject> accessEvents(const QString& verdict) const {
        QList<QJsonObject> out;
        for (const QString& line : m_up.nonJsonLines() + m_up.stdoutLines()) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            if (object.value("event") == QLatin1String("access") && object.value("verdict") == verdict)
                out.append(object);
        }
        return out;
    }
    void forgetTicket() { QVERIFY(removeFromKeychain("gate-ticket " + m_fingerprint)); }

    static QString labshareBinary() { return QStringLiteral(LABSHARE_TEST_BINARY); }

    OidcProvider m_provider;
    SshRelay m_node;
    QString m_ssh;
    EchoNode m_forAlice;
    EchoNode m_forDomain;
    LabDir m_lab;
    LabshareUp m_up;
    QTemporaryDir m_student;
    QString m_alice;
    QString m_domain;
    QString m_fingerprint;
};

QTEST_GUILESS_MAIN(TestGatedShare)
#include "tst_gatedshare.moc"
