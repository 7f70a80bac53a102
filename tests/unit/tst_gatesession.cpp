// SPDX-License-Identifier: GPL-3.0-or-later
// One connection through a gated share, driven from both ends in memory: a student's helper (TLS
// client and the exchange of docs/gate-protocol.md) on one side, the sign-in answers on the other.
#include "gate/GateSession.h"

#include <QTest>

using namespace labshare;
using namespace labshare::gate;

namespace {

auth::Identity person(const QString& email, auth::EmailVerification verification = auth::EmailVerification::Verified) {
    return {QStringLiteral("sub-") + email, email, {}, verification};
}

auth::DeviceCode code() {
    return {QStringLiteral("WDJB-MJHT"), QUrl("https://id.example.org/device"),
            QUrl("https://id.example.org/device?user_code=WDJB-MJHT"), QDateTime::currentDateTimeUtc().addSecs(600)};
}

// The student's side: what `labshare connect` does, by hand.
struct Helper {
    std::unique_ptr<TlsSession> tls;
    MessageReader reader;
    std::vector<GateMessage> heard;

    explicit Helper(const QString& pin) {
        Result<std::unique_ptr<TlsSession>> made = TlsSession::client(pin);
        tls = std::move(*made);
    }
    void say(const GateMessage& message) { tls->send(encodeMessage(message)); }
    // Moves bytes both ways and collects the gate's messages; returns the stream bytes after them.
    QByteArray exchange(GateSession& gate) {
        QByteArray stream;
        for (int round = 0; round < 20; ++round) {
            const QByteArray up = tls->takeOutgoing();
            gate.receive(up);
            const QByteArray down = gate.takeForStudent();
            if (up.isEmpty() && down.isEmpty())
                break;
            tls->receive(down);
            reader.append(tls->takeReceived());
            while (true) {
                auto message = reader.next();
                if (!message || !*message)
                    break;
                heard.push_back(std::move(**message));
                if (heard.back().type == GateMessage::Type::Admitted)
                    stream += reader.takeRest();
            }
            if (!heard.empty() && heard.back().type == GateMessage::Type::Admitted)
                stream += reader.takeRest();
        }
        return stream;
    }
    bool heardType(GateMessage::Type type) const {
        return std::any_of(heard.cbegin(), heard.cend(), [type](const GateMessage& m) { return m.type == type; });
    }
    const GateMessage& last() const {
        static const GateMessage none;
        return heard.empty() ? none : heard.back();
    }
};

GateMessage ticketMessage(const QByteArray& ticket) {
    GateMessage message;
    message.type = GateMessage::Type::Ticket;
    message.ticket = secrets::SecretBytes(ticket);
    return message;
}

GateMessage signInRequest() {
    GateMessage message;
    message.type = GateMessage::Type::SignInRequest;
    return message;
}

} // namespace

class TestGateSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        m_identity = *TlsIdentity::generate();
        m_share = {QStringLiteral("clab-r1-tcp-22"), QStringLiteral("Zoë Instructor"),
                   AllowList({QStringLiteral("alice@example.org"), QStringLiteral("example.edu")})};
    }

    void aPlainClientIsToldAndTurnedAway() {
        TicketBook tickets;
        GateSession gate(m_share, tickets, m_identity, 0);
        gate.receive("SSH-2.0-OpenSSH_9.2\r\n");
        QVERIFY(gate.takeForStudent().contains("labshare connect"));
        QVERIFY(gate.isFinished());
        QVERIFY(gate.takeForNode().isEmpty());
        const auto verdict = gate.takeVerdict();
        QVERIFY(verdict && !verdict->admitted());
    }

    void aFirstVisitSignsInThenAdmitsWithATicket() {
        TicketBook tickets;
        GateSession gate(m_share, tickets, m_identity, 0);
        Helper helper(m_identity.fingerprint());
        helper.exchange(gate);
        QCOMPARE(helper.last().type, GateMessage::Type::Hello);
        QCOMPARE(helper.last().share, m_share.name);
        QCOMPARE(helper.last().sharedBy, m_share.sharedBy);

        helper.say(signInRequest());
        helper.exchange(gate);
        QVERIFY(gate.signInWanted());
        gate.signInStarted(code(), 1000);
        helper.exchange(gate);
        QCOMPARE(helper.last().type, GateMessage::Type::SignIn);
        QCOMPARE(helper.last().userCode, QString("WDJB-MJHT"));
        QVERIFY(helper.last().expiresIn > 590);
        QVERIFY(gate.takeForNode().isEmpty());

        gate.signInFinished(person("kate@Example.EDU"));
        helper.tls->send("SSH-2.0-client\r\n"); // the student's first stream bytes may follow at once
        const QByteArray fromGate = helper.exchange(gate);
        QVERIFY(fromGate.isEmpty());
        QCOMPARE(helper.last().type, GateMessage::Type::Admitted);
        QCOMPARE(helper.last().identity, QString("kate@Example.EDU"));
        QVERIFY(helper.last().ticket.view().startsWith("lst1."));
        QVERIFY(gate.isJoined());
        QCOMPARE(gate.takeForNode(), QByteArray("SSH-2.0-client\r\n"));
        const auto verdict = gate.takeVerdict();
        QVERIFY(verdict && verdict->admitted());
        QCOMPARE(verdict->identity, QString("kate@Example.EDU"));

        gate.sendFromNode("SSH-2.0-node\r\n");
        helper.tls->receive(gate.takeForStudent());
        QCOMPARE(helper.tls->takeReceived(), QByteArray("SSH-2.0-node\r\n"));
        m_ticket = helper.last().ticket.exposed();
        m_tickets = std::move(tickets);
    }

    void aTicketAdmitsWithoutASignIn() {
        GateSession gate(m_share, m_tickets, m_identity, 0);
        Helper helper(m_identity.fingerprint());
        helper.say(ticketMessage(m_ticket));
        helper.exchange(gate);
        QVERIFY(!gate.signInWanted());
        QCOMPARE(helper.last().type, GateMessage::Type::Admitted);
        QVERIFY(helper.last().ticket.isEmpty()); // the one offered stays valid
        QCOMPARE(helper.last().identity, QString("kate@example.edu"));
        QVERIFY(gate.isJoined());
    }

    void aTicketIsCheckedAgainstTheListEveryTime() {
        const GatedShare other{QStringLiteral("clab-r2-tcp-22"), {}, AllowList({QStringLiteral("alice@example.org")})};
        GateSession gate(other, m_tickets, m_identity, 0);
        Helper helper(m_identity.fingerprint());
        helper.say(ticketMessage(m_ticket));
        helper.exchange(gate);
        QCOMPARE(helper.last().type, GateMessage::Type::Refused);
        QCOMPARE(helper.last().reason, QString("kate@example.edu is not on the list for clab-r2-tcp-22"));
        QVERIFY(gate.takeForNode().isEmpty());
    }

    void anUnknownTicketMeansSigningIn() {
        TicketBook elsewhere;
        const QByteArray foreign = elsewhere.issue("alice@example.org").ticket.exposed();
        GateSession gate(m_share, m_tickets, m_identity, 0);
        Helper helper(m_identity.fingerprint());
        helper.say(ticketMessage(foreign));
        helper.exchange(gate);
        QVERIFY(gate.signInWanted());
        QVERIFY(!gate.isJoined());
    }

    void theListDecides_data() {
        QTest::addColumn<QString>("email");
        QTest::addColumn<int>("verification");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not listed") << "bob@example.test" << int(auth::EmailVerification::Verified)
                                    << "bob@example.test is not on the list for clab-r1-tcp-22";
        QTest::newRow("unverified") << "alice@example.org" << int(auth::EmailVerification::Unverified)
                                    << "not verified by the identity provider";
        QTest::newRow("claim missing") << "alice@example.org" << int(auth::EmailVerification::Unstated)
                                       << "not verified by the identity provider";
    }
    void theListDecides() {
        QFETCH(QString, email);
        QFETCH(int, verification);
        QFETCH(QString, reason);
        TicketBook tickets;
        GateSession gate(m_share, tickets, m_identity, 0);
        Helper helper(m_identity.fingerprint());
        helper.say(signInRequest());
        helper.exchange(gate);
        gate.signInStarted(code(), 0);
        gate.signInFinished(person(email, auth::EmailVerification(verification)));
        helper.exchange(gate);
        QCOMPARE(helper.last().type, GateMessage::Type::Refused);
        QVERIFY2(helper.last().reason.contains(reason), qPrintable(helper.last().reason));
        QVERIFY(helper.tls->peerClosed());
        QVERIFY(gate.isFinished());
        QVERIFY(gate.takeForNode().isEmpty());
        QCOMPARE(tickets.size(), 0);
    }

    void aSignInThatFailsOrExpiresRefuses() {
        TicketBook tickets;
        GateSession failed(m_share, tickets, m_identity, 0);
        Helper one(m_identity.fingerprint());
        one.say(signInRequest());
        one.exchange(failed);
        failed.signInFinished(makeError(ErrorCode::Network, QStringLiteral("the identity provider is down")));
        one.exchange(failed);
        QCOMPARE(one.last().reason, QString("the identity provider is down"));

        GateSession slow(m_share, tickets, m_identity, 0);
        Helper two(m_identity.fingerprint());
        two.say(signInRequest());
        two.exchange(slow);
        slow.signInStarted(code(), 1000);
        slow.tick(1000 + 599 * 1000);
        QCOMPARE(slow.state(), GateSession::State::SigningIn);
        slow.tick(1000 + 601 * 1000);
        two.exchange(slow);
        QVERIFY2(two.last().reason.contains("expired"), qPrintable(two.last().reason));
    }

    void silenceAndGarbageEndTheExchange() {
        TicketBook tickets;
        GateSession silent(m_share, tickets, m_identity, 0);
        silent.tick(GateSession::kHelloTimeoutMs - 1);
        QCOMPARE(silent.state(), GateSession::State::Sniffing);
        silent.tick(GateSession::kHelloTimeoutMs);
        QVERIFY(silent.isFinished());

        GateSession mute(m_share, tickets, m_identity, 0); // TLS, then nothing
        Helper quiet(m_identity.fingerprint());
        quiet.exchange(mute);
        mute.tick(GateSession::kHelloTimeoutMs);
        quiet.exchange(mute);
        QVERIFY2(quiet.last().reason.contains("no hello"), qPrintable(quiet.last().reason));

        GateSession confused(m_share, tickets, m_identity, 0);
        Helper browser(m_identity.fingerprint());
        browser.tls->send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        browser.exchange(confused);
        QCOMPARE(browser.last().type, GateMessage::Type::Refused);
        QVERIFY2(browser.last().reason.contains("malformed"), qPrintable(browser.last().reason));
        QVERIFY(confused.takeForNode().isEmpty());

        GateSession early(m_share, tickets, m_identity, 0); // a verdict the helper has no business sending
        Helper cheeky(m_identity.fingerprint());
        GateMessage admitted;
        admitted.type = GateMessage::Type::Admitted;
        admitted.identity = "alice@example.org";
        admitted.expires = QDateTime::currentDateTimeUtc();
        cheeky.say(admitted);
        cheeky.exchange(early);
        QCOMPARE(cheeky.last().type, GateMessage::Type::Refused);
        QVERIFY(!early.isJoined());
    }

private:
    TlsIdentity m_identity;
    GatedShare m_share;
    TicketBook m_tickets;
    QByteArray m_ticket;
};

QTEST_GUILESS_MAIN(TestGateSession)
#include "tst_gatesession.moc"
