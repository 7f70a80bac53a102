// SPDX-License-Identifier: GPL-3.0-or-later
// The gate's TLS over memory buffers: a key made once and read back from its PEM, a handshake between
// a server and a client shuttled by hand, the pin checked before anything is sent (a resumed session
// included: see anotherKeyIsRefusedBeforeAnythingIsSent, whose client holds the real gate's ticket),
// later connections resumed, garbage refused.
#include "gate/TlsSession.h"

#include <QRegularExpression>
#include <QTest>

using namespace labshare::gate;

namespace {

// Moves bytes between the two until neither has anything more to say.
void shuttle(TlsSession& a, TlsSession& b) {
    for (int round = 0; round < 20; ++round) {
        const QByteArray ab = a.takeOutgoing();
        const QByteArray ba = b.takeOutgoing();
        if (ab.isEmpty() && ba.isEmpty())
            return;
        b.receive(ab);
        a.receive(ba);
    }
}

} // namespace

class TestTlsSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        auto identity = TlsIdentity::generate();
        QVERIFY(identity);
        m_identity = *identity;
    }

    void anIdentitySurvivesItsPem() {
        QVERIFY(QRegularExpression("^SHA256:[A-Za-z0-9+/]{43}$").match(m_identity.fingerprint()).hasMatch());
        const QByteArray pem = m_identity.toPem().exposed();
        QVERIFY(pem.contains("PRIVATE KEY") && pem.contains("CERTIFICATE"));
        auto again = TlsIdentity::fromPem(pem);
        QVERIFY(again);
        QCOMPARE(again->fingerprint(), m_identity.fingerprint());
        auto other = TlsIdentity::generate();
        QVERIFY(other && other->fingerprint() != m_identity.fingerprint());
        QVERIFY(!TlsIdentity::fromPem("-----BEGIN PRIVATE KEY-----\nnot base64\n"));
        // A key with another key's certificate is refused.
        const QByteArray mixed = pem.left(pem.indexOf("-----BEGIN CERTIFICATE")) +
                                 other->toPem().exposed().mid(other->toPem().view().indexOf("-----BEGIN CERTIFICATE"));
        QVERIFY(!TlsIdentity::fromPem(mixed));
    }

    void aPinnedClientTalksToTheGate() {
        auto server = TlsSession::server(m_identity);
        auto client = TlsSession::client(m_identity.fingerprint());
        QVERIFY(server && client);
        (*client)->send("hello from the student\n");
        (*server)->send("hello from the gate\n");
        shuttle(**client, **server);
        QVERIFY((*client)->isEstablished() && (*server)->isEstablished());
        QCOMPARE((*client)->peerFingerprint(), m_identity.fingerprint());
        QCOMPARE((*server)->takeReceived(), QByteArray("hello from the student\n"));
        QCOMPARE((*client)->takeReceived(), QByteArray("hello from the gate\n"));

        const QByteArray big(300 * 1024, 'x'); // more than a TLS record and a read chunk
        (*server)->send(big);
        shuttle(**client, **server);
        QCOMPARE((*client)->takeReceived(), big);

        (*client)->close();
        shuttle(**client, **server);
        QVERIFY((*server)->peerClosed());
        QVERIFY(!(*server)->error());
    }

    // A later connection to the same gate resumes from the ticket the last one got: no certificate,
    // and the pin still holds, because only the gate that showed the pinned key can open the ticket.
    void aLaterConnectionResumes() {
        auto gate = TlsIdentity::generate(); // a gate no earlier case has talked to
        QVERIFY(gate);
        for (int connection = 0; connection < 3; ++connection) {
            auto server = TlsSession::server(*gate);
            auto client = TlsSession::client(gate->fingerprint());
            QVERIFY(server && client);
            (*server)->send("hello\n"); // the ticket travels with the gate's first words
            shuttle(**client, **server);
            QVERIFY((*client)->isEstablished());
            QCOMPARE((*client)->isResumed(), connection > 0);
            QCOMPARE((*client)->peerFingerprint(), gate->fingerprint());
            QCOMPARE((*client)->takeReceived(), QByteArray("hello\n"));
        }
        // A client pinned to another key never offers this gate's ticket, and learns nothing from one.
        auto other = TlsIdentity::generate();
        QVERIFY(other);
        auto server = TlsSession::server(*gate);
        auto wrongPin = TlsSession::client(other->fingerprint());
        QVERIFY(server && wrongPin);
        shuttle(**wrongPin, **server);
        QVERIFY(!(*wrongPin)->isEstablished() && (*wrongPin)->error());
    }

    void anotherKeyIsRefusedBeforeAnythingIsSent() {
        auto impostor = TlsIdentity::generate();
        QVERIFY(impostor);
        auto server = TlsSession::server(*impostor);
        auto client = TlsSession::client(m_identity.fingerprint());
        QVERIFY(server && client);
        (*client)->send("lst1.a-ticket-that-must-not-leak\n");
        shuttle(**client, **server);
        QVERIFY(!(*client)->isEstablished());
        QVERIFY((*client)->error());
        QVERIFY2((*client)->error()->message.contains(impostor->fingerprint()),
                 qPrintable((*client)->error()->message));
        QVERIFY((*server)->takeReceived().isEmpty());
    }

    void anUnpinnedClientLearnsTheKey() {
        auto server = TlsSession::server(m_identity);
        auto client = TlsSession::client({});
        QVERIFY(server && client);
        shuttle(**client, **server);
        QVERIFY((*client)->isEstablished());
        QCOMPARE((*client)->peerFingerprint(), m_identity.fingerprint());
    }

    void garbageEndsTheSession() {
        auto server = TlsSession::server(m_identity);
        QVERIFY(server);
        (*server)->receive("SSH-2.0-OpenSSH_9.2\r\n");
        QVERIFY((*server)->error());
        QVERIFY(!(*server)->isEstablished());
        (*server)->send("nothing"); // ignored after an error
        QVERIFY((*server)->takeReceived().isEmpty());
    }

private:
    TlsIdentity m_identity;
};

QTEST_GUILESS_MAIN(TestTlsSession)
#include "tst_tlssession.moc"
