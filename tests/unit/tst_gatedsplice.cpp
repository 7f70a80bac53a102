// SPDX-License-Identifier: GPL-3.0-or-later
// A LAN client through a gated share's splice, with real sockets: the student's end of a socket
// pair played by hand (TLS client and the exchange), an echo server on 127.0.0.1 as the node.
#include "gate/GateClient.h"
#include "gate/GateSession.h"
#include "tunnel/net/GatedSplice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace labshare;
using namespace labshare::gate;
using namespace labshare::tunnel;

namespace {

// The node: echoes whatever arrives, and counts the connections it saw.
struct EchoNode {
    QTcpServer server;
    int connections = 0;
    EchoNode() {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                ++connections;
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [socket] { socket->write(socket->readAll()); });
            }
        });
    }
};

// The student's end: `labshare connect`'s side of the exchange (GateClient) over the socket pair,
// or a plain client when `client` is null.
struct Student {
    int fd = -1;
    std::unique_ptr<GateClient> client;
    QByteArray stream; // plaintext after the verdict
    QByteArray plain;  // bytes as they came, for a plain client
    bool eof = false;

    void sendRaw(const QByteArray& bytes) const {
        QCOMPARE_GE(::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL), 0);
    }
    void flush() const {
        if (const QByteArray out = client ? client->takeForGate() : QByteArray(); !out.isEmpty())
            sendRaw(out);
    }
    void exchange() {
        flush();
        char chunk[65536];
        while (true) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n == 0)
                eof = true;
            if (n <= 0)
                break;
            if (client)
                client->receive(QByteArray(chunk, n));
            else
                plain.append(chunk, n);
        }
        flush();
        if (client)
            stream += client->takeStream();
    }
};

// Runs the splice's poll loop (and the node's event loop) until `done` or 5 s.
bool spin(GatedSplice& splice, Student& student, const std::function<bool()>& done) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        student.exchange();
        if (done())
            return true;
        pollfd fds[2] = {{splice.clientFd(), splice.clientEvents(), 0}, {splice.nodeFd(), splice.nodeEvents(), 0}};
        ::poll(fds, splice.nodeFd() >= 0 ? 2 : 1, 10);
        if (fds[0].revents)
            splice.onClientEvents(fds[0].revents);
        if (splice.nodeFd() >= 0 && fds[1].revents)
            splice.onNodeEvents(fds[1].revents);
        splice.tick(timer.elapsed());
        QCoreApplication::processEvents();
    }
    return false;
}

} // namespace

class TestGatedSplice : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        m_identity = *TlsIdentity::generate();
        m_share = {QStringLiteral("clab-n1-tcp-22"), {}, AllowList({QStringLiteral("alice@example.org")})};
    }

    void aPlainClientNeverReachesTheNode() {
        EchoNode node;
        Student student;
        GatedSplice splice = makeSplice(node, student);
        student.sendRaw("SSH-2.0-OpenSSH_9.2\r\n");
        QVERIFY(spin(splice, student, [&] { return splice.isFinished() && student.eof; }));
        QVERIFY2(student.plain.contains("labshare connect"), student.plain.constData());
        QCOMPARE(node.connections, 0);
        ::close(student.fd);
        checkReports(ConnectionEnd::Refused, {}); // the gate's notice, then it closed
    }

    void anAdmittedStudentReachesTheNodeThroughTls() {
        EchoNode node;
        Student student;
        student.client = helper();
        GatedSplice splice = makeSplice(node, student);
        QVERIFY(spin(splice, student, [&] { return splice.gate().signInWanted(); })); // no ticket: sign in
        QCOMPARE(node.connections, 0); // nothing reaches the node before the verdict
        splice.gate().signInStarted(
            {"CODE-1234", QUrl("https://id.example.org/device"), {}, QDateTime::currentDateTimeUtc().addSecs(600)}, 0);
        splice.gate().signInFinished(
            auth::Identity{"alice", "alice@example.org", {}, auth::EmailVerification::Verified});
        splice.pump();
        QVERIFY(spin(splice, student, [&] { return student.client->state() == GateClient::State::Admitted; }));
        student.client->send("ping through the gate\n");
        QVERIFY(spin(splice, student, [&] { return student.stream == "ping through the gate\n"; }));
        QCOMPARE(node.connections, 1);

        student.client->close(); // the student leaves: the node's side is half-closed, the echo server closes
        QVERIFY(spin(splice, student, [&] { return splice.isFinished(); }));
        ::close(student.fd);
        checkReports(ConnectionEnd::Student, QStringLiteral("alice@example.org"));
        QCOMPARE(m_reports.at(1).bytesToNode, 22u); // the plaintext, not the TLS around it
        QCOMPARE(m_reports.at(1).bytesFromNode, 22u);
    }

    void aRefusedStudentNeverReachesTheNode() {
        EchoNode node;
        Student student;
        student.client = helper();
        GatedSplice splice = makeSplice(node, student);
        QVERIFY(spin(splice, student, [&] { return splice.gate().signInWanted(); }));
        splice.gate().signInFinished(auth::Identity{"bob", "bob@example.test", {}, auth::EmailVerification::Verified});
        splice.pump();
        QVERIFY(spin(splice, student, [&] { return splice.isFinished() && student.eof; }));
        QCOMPARE(student.client->state(), GateClient::State::Refused);
        QCOMPARE(student.client->problem(), QString("bob@example.test is not on the list for clab-n1-tcp-22"));
        QCOMPARE(node.connections, 0);
        ::close(student.fd);
        checkReports(ConnectionEnd::Refused, QStringLiteral("bob@example.test"));
    }

    // A connection that never sends a byte holds a descriptor for nothing: closed once the limit has passed
    // (30 s by default; 300 ms here), and counted as refused.
    void aSilentClientIsClosedAfterTheLimit() {
        EchoNode node;
        Student student;
        const quint64 refusedBefore = m_counters.refused;
        GatedSplice splice = makeSplice(node, student, 300);
        QElapsedTimer waited;
        waited.start();
        QVERIFY(spin(splice, student, [&] { return splice.isFinished() && student.eof; }));
        QVERIFY2(waited.elapsed() >= 300, qPrintable(QString::number(waited.elapsed())));
        QVERIFY(splice.closedForSilence());
        QCOMPARE(m_counters.refused, refusedBefore + 1);
        QCOMPARE(node.connections, 0);
        ::close(student.fd);
        checkReports(ConnectionEnd::Silent, {});
    }

    void aClientThatSpokeIsNotClosedForSilence() {
        EchoNode node;
        Student student;
        student.client = helper();
        const quint64 refusedBefore = m_counters.refused;
        GatedSplice splice = makeSplice(node, student, 300);
        QVERIFY(spin(splice, student, [&] { return splice.gate().signInWanted(); })); // it said hello
        QElapsedTimer waited;
        waited.start();
        QVERIFY(spin(splice, student, [&] { return waited.elapsed() > 900 || splice.isFinished(); }));
        QVERIFY(!splice.isFinished());
        QVERIFY(!splice.closedForSilence());
        QCOMPARE(m_counters.refused, refusedBefore);
        ::close(student.fd);
    }

private:
    // A helper without a ticket, pinned to the gate's key.
    std::unique_ptr<GateClient> helper() const {
        Result<std::unique_ptr<TlsSession>> tls = TlsSession::client(m_identity.fingerprint());
        return tls ? std::make_unique<GateClient>(std::move(*tls), secrets::SecretBytes()) : nullptr;
    }

    GatedSplice makeSplice(EchoNode& node, Student& student, int silentLimitMs = GatedSplice::kSilentLimitMs) {
        int pair[2];
        ::socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
        ::fcntl(pair[1], F_SETFL, ::fcntl(pair[1], F_GETFL) | O_NONBLOCK);
        student.fd = pair[0];
        m_reports.clear();
        ConnectionRecord record;
        record.share = m_share.name;
        record.peerAddress = QStringLiteral("127.0.0.7");
        record.peerPort = 40007;
        return GatedSplice(Socket(pair[1]), std::make_unique<GateSession>(m_share, m_tickets, m_identity, 0),
                           QStringLiteral("127.0.0.1"), node.server.serverPort(), m_counters, 0, silentLimitMs, record,
                           [this](const ConnectionRecord& r) { m_reports << r; });
    }

    // The connection's records: opened, then ended once, `how`, as `identity`.
    void checkReports(ConnectionEnd how, const QString& identity) const {
        QCOMPARE(m_reports.size(), 2);
        QCOMPARE(m_reports.at(0).end, ConnectionEnd::Open);
        QCOMPARE(m_reports.at(0).peer(), QStringLiteral("127.0.0.7:40007"));
        QCOMPARE(m_reports.at(1).id, m_reports.at(0).id);
        QCOMPARE(m_reports.at(1).end, how);
        QCOMPARE(m_reports.at(1).identity, identity);
        QCOMPARE(m_reports.at(1).share, m_share.name);
        QVERIFY(m_reports.at(1).endedMs >= m_reports.at(1).startedMs);
    }

    TlsIdentity m_identity;
    GatedShare m_share;
    TicketBook m_tickets;
    ShareCounters m_counters;
    QList<ConnectionRecord> m_reports;
};

QTEST_GUILESS_MAIN(TestGatedSplice)
#include "tst_gatedsplice.moc"
