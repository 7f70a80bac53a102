// SPDX-License-Identifier: GPL-3.0-or-later
// The gate of a web share for named people, request by request: what reaches the node (only requests
// with a ticket this gate gave to a listed person at that address, LabShare's cookie removed), what
// the browser gets instead (the sign-in page, its status, the ticket, who it is signed in as), and that
// a connection belongs to one person for its whole life.
#include "gate/HttpGate.h"
#include "gate/HttpGatePages.h"

#include <QDateTime>
#include <QTest>

using namespace labshare;
using namespace labshare::gate;

namespace {

const QString kBrowser = QStringLiteral("192.0.2.10");

auth::Identity verified(const QString& email) {
    return {{}, email, {}, auth::EmailVerification::Verified};
}

QByteArray get(const QByteArray& target, const QByteArray& cookies = {}) {
    return "GET " + target + " HTTP/1.1\r\nHost: relay:40131\r\n" +
           (cookies.isEmpty() ? QByteArray() : "Cookie: " + cookies + "\r\n") + "\r\n";
}

QByteArray setCookie(const QByteArray& response, const QByteArray& name) {
    const QByteArray prefix = "Set-Cookie: " + name + "=";
    const qsizetype at = response.indexOf(prefix);
    if (at < 0)
        return {};
    const qsizetype start = at + 13 + name.size();
    return response.mid(start, response.indexOf(';', start) - start);
}

} // namespace

class TestHttpGate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_tickets = TicketBook();
        m_signIns = BrowserSignIns();
    }

    void aBrowserWithoutTicketGetsTheSignInPageAndNothingReachesTheNode() {
        HttpGate gate = make();
        gate.receive(get("/d/home"));
        const QByteArray page = gate.takeForStudent();
        QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
        QVERIFY(page.contains("Connection: close"));
        QVERIFY(page.contains("HttpOnly; SameSite=Lax"));
        QVERIFY(!setCookie(page, HttpGatePages::kSignInCookie).isEmpty());
        QVERIFY(gate.takeForNode().isEmpty());
        QVERIFY(!gate.isJoined());
        QVERIFY(gate.isFinished());
    }

    void theSignInGoesOnAcrossConnectionsUntilTheTicket() {
        HttpGate first = make();
        first.receive(get("/d/home"));
        const QByteArray signIn = setCookie(first.takeForStudent(), HttpGatePages::kSignInCookie);
        const QByteArray cookie = QByteArray(HttpGatePages::kSignInCookie) + '=' + signIn;
        QCOMPARE(status(cookie), QByteArray("waiting"));

        quint64 nextId = 1;
        const auto wanted = m_signIns.takeWanted(nextId);
        QCOMPARE(wanted.size(), std::size_t(1));
        auth::DeviceCode code{"WDJB-MJHT", QUrl("https://id.example/device"),
                              QUrl("https://id.example/device?user_code=WDJB-MJHT"),
                              QDateTime::currentDateTimeUtc().addSecs(600)};
        QVERIFY(m_signIns.answer({wanted[0].first, code, std::nullopt, {}}, 0));
        QCOMPARE(status(cookie), QByteArray("code"));
        HttpGate second = make();
        second.receive(get("/d/home", cookie));
        QVERIFY(second.takeForStudent().contains("WDJB-MJHT"));

        QVERIFY(m_signIns.answer({wanted[0].first, std::nullopt, verified("Alice@Example.org"), {}}, 0));
        QCOMPARE(status(cookie), QByteArray("done"));
        HttpGate third = make();
        third.receive(get("/d/home?orgId=1", cookie));
        const QByteArray redirect = third.takeForStudent();
        QVERIFY2(redirect.startsWith("HTTP/1.1 303 See Other\r\nLocation: /d/home?orgId=1\r\n"), redirect.constData());
        const QByteArray ticket = setCookie(redirect, HttpGatePages::kTicketCookie);
        const std::optional<TicketBook::Holder> holder = m_tickets.holder(ticket);
        QVERIFY(holder);
        QCOMPARE(holder->browserAt, kBrowser); // a browser's ticket, for this address only
        QVERIFY(!m_signIns.find(signIn));      // used
        QVERIFY(third.takeForNode().isEmpty());
    }

    void aTicketLetsRequestsThroughWithoutLabSharesCookie() {
        const QByteArray ticket = browserTicket("alice@example.org");
        HttpGate gate = make();
        const QByteArray post = "POST /api/ds/query HTTP/1.1\r\nHost: relay\r\nCookie: grafana_session=g1; "
                                "labshare_ticket=" +
                                ticket + "\r\nContent-Length: 4\r\n\r\n{}{}";
        gate.receive(post + get("/public/img/x.svg", "labshare_ticket=" + ticket));
        QVERIFY(gate.isJoined());
        QCOMPARE(gate.takeForNode(), QByteArray("POST /api/ds/query HTTP/1.1\r\nHost: relay\r\nCookie: "
                                                "grafana_session=g1\r\nContent-Length: 4\r\n\r\n{}{}"
                                                "GET /public/img/x.svg HTTP/1.1\r\nHost: relay:40131\r\n\r\n"));
        std::optional<GateVerdict> verdict = gate.takeVerdict();
        QVERIFY(verdict && verdict->admitted() && verdict->identity == "alice@example.org");
        gate.sendFromNode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(gate.takeForStudent(), QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        // The connection is alice's: a request without her ticket ends it, and goes nowhere.
        gate.receive(get("/admin"));
        QVERIFY(gate.takeForNode().isEmpty());
        QVERIFY(gate.isClosing());
    }

    void aTicketCountsOnlyFromItsBrowserAndOnlyForHttp_data() {
        QTest::addColumn<QString>("issuedTo");
        QTest::newRow("another address") << "192.0.2.99";
        QTest::newRow("labshare connect's ticket") << QString();
    }

    void aTicketCountsOnlyFromItsBrowserAndOnlyForHttp() {
        QFETCH(QString, issuedTo);
        const QByteArray ticket = browserTicket("alice@example.org", issuedTo);
        HttpGate gate = make();
        gate.receive(get("/", "labshare_ticket=" + ticket));
        QVERIFY(gate.takeForNode().isEmpty());
        QVERIFY(gate.takeForStudent().contains("Sign in to continue"));
    }

    void someoneNotListedIsToldWhoTheyAre() {
        const QByteArray ticket = browserTicket("carol@example.test");
        HttpGate gate = make();
        gate.receive(get("/", "labshare_ticket=" + ticket));
        const QByteArray page = gate.takeForStudent();
        QVERIFY2(page.startsWith("HTTP/1.1 403 "), page.constData());
        QVERIFY(page.contains("<b>carol@example.test</b>"));
        QVERIFY(page.contains(HttpGatePages::kSignInAgainPath));
        const std::optional<GateVerdict> verdict = gate.takeVerdict();
        QVERIFY(verdict && verdict->kind == GateVerdict::Kind::Refused && verdict->identity == "carol@example.test");
        QVERIFY(gate.takeForNode().isEmpty());
    }

    void labSharesOwnPathsNeverReachTheNode() {
        const QByteArray ticket = browserTicket("alice@example.org");
        HttpGate gate = make();
        gate.receive(get("/.labshare/sign-in-again", "labshare_ticket=" + ticket));
        const QByteArray answer = gate.takeForStudent();
        QVERIFY2(answer.startsWith("HTTP/1.1 303 See Other\r\nLocation: /\r\n"), answer.constData());
        QVERIFY(answer.contains("labshare_ticket=; Max-Age=0"));
        QVERIFY(!setCookie(answer, HttpGatePages::kSignInCookie).isEmpty());
        QVERIFY(gate.takeForNode().isEmpty());
    }

    void aRedirectNeverLeavesTheHost() {
        // The ticket's redirect goes back to the request's own path; a target that is not one goes to "/".
        const auto wanted = startAndIdentify("alice@example.org");
        HttpGate gate = make();
        gate.receive("GET //evil.example/x HTTP/1.1\r\nHost: relay\r\nCookie: labshare_signin=" + wanted + "\r\n\r\n");
        QVERIFY(gate.takeForStudent().contains("Location: /\r\n"));
    }

    // Anyone who reaches the share could otherwise make LabShare ask the provider for codes without end.
    void oneAddressStartsOnlySoManySignInsAtOnce() {
        for (int i = 0; i < BrowserSignIns::kMaxPerAddress; ++i) {
            HttpGate gate = make();
            gate.receive(get("/"));
            QVERIFY(gate.takeForStudent().startsWith("HTTP/1.1 200 OK"));
        }
        HttpGate more = make();
        more.receive(get("/"));
        const QByteArray refused = more.takeForStudent();
        QVERIFY2(refused.startsWith("HTTP/1.1 429 "), refused.constData());
        QVERIFY(refused.contains("under way from your address"));
        HttpGate elsewhere(m_share, m_tickets, m_signIns, "192.0.2.77", QDateTime::currentMSecsSinceEpoch());
        elsewhere.receive(get("/"));
        QVERIFY(elsewhere.takeForStudent().startsWith("HTTP/1.1 200 OK")); // another student is not held up
        quint64 nextId = 1;
        QCOMPARE(m_signIns.takeWanted(nextId).size(), std::size_t(BrowserSignIns::kMaxPerAddress + 1));
    }

    void garbageAndSilenceAreTurnedAway() {
        HttpGate garbage = make();
        garbage.receive("SSH-2.0-OpenSSH_9.2\r\n");
        QVERIFY(garbage.takeForStudent().startsWith("HTTP/1.1 400 Bad Request"));
        QVERIFY(garbage.isClosing());

        HttpGate silent(m_share, m_tickets, m_signIns, kBrowser, 1000);
        silent.tick(1000 + HttpGate::kRequestTimeoutMs - 1);
        QVERIFY(!silent.isClosing());
        silent.tick(1000 + HttpGate::kRequestTimeoutMs);
        QVERIFY(silent.isFinished());
    }

private:
    // A ticket this gate gave to `email` at `browserAt` (empty: one of labshare connect's).
    QByteArray browserTicket(const QString& email, const QString& browserAt = kBrowser) {
        return m_tickets.issue(email, QDateTime::currentDateTimeUtc(), browserAt).ticket.exposed();
    }
    HttpGate make() { return HttpGate(m_share, m_tickets, m_signIns, kBrowser, QDateTime::currentMSecsSinceEpoch()); }
    QByteArray status(const QByteArray& cookie) {
        HttpGate gate = make();
        gate.receive(get(HttpGatePages::kStatusPath, cookie));
        const QByteArray answer = gate.takeForStudent();
        return answer.mid(answer.indexOf("\r\n\r\n") + 4).trimmed();
    }
    // A browser sign-in of this share, already answered with `email`: its cookie value.
    QByteArray startAndIdentify(const QString& email) {
        const QByteArray cookie = m_signIns.start(m_share.name, kBrowser, 0).exposed();
        quint64 nextId = 100;
        const auto wanted = m_signIns.takeWanted(nextId);
        (void)m_signIns.answer({wanted.front().first, std::nullopt, verified(email), {}}, 0);
        return cookie;
    }

    GatedShare m_share{QStringLiteral("clab-grafana-http-3000"), {}, AllowList({QStringLiteral("alice@example.org")})};
    TicketBook m_tickets;
    BrowserSignIns m_signIns;
};

QTEST_GUILESS_MAIN(TestHttpGate)
#include "tst_httpgate.moc"
