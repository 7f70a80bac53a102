// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "gate/BrowserSignIns.h"
#include "gate/GateSession.h"
#include "gate/Gatekeeper.h"
#include "gate/HttpRequestStream.h"
#include "gate/TicketBook.h"

namespace labshare::gate {

// One browser connection to a gated HTTP share. Every request is read (HttpRequestStream); one that
// carries a ticket cookie this gate issued to a listed person, from the address it was issued to,
// goes to the node with LabShare's cookie removed, and so does the rest of that connection's traffic
// (keep-alive, WebSocket upgrades) while each further request carries that ticket too. Any other
// request gets LabShare's own answer and the connection closes: the sign-in page for a browser
// signing in (BrowserSignIns, bound to a cookie and to the browser's address), the ticket once it is
// admitted, or who it is signed in as and why that is not enough. Pure state, like GateSession.
class HttpGate final : public Gatekeeper {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::HttpGate)

public:
    static constexpr qint64 kRequestTimeoutMs = 10000; // a first request head must come by then

    HttpGate(const GatedShare& share, TicketBook& tickets, BrowserSignIns& signIns, QString browserAt, qint64 nowMs);

    void receive(const QByteArray& bytes) override;
    void sendFromNode(const QByteArray& bytes) override;
    QByteArray takeForStudent() override { return std::exchange(m_forStudent, {}); }
    QByteArray takeForNode() override { return std::exchange(m_forNode, {}); }
    void nodeClosed() override;
    bool studentClosed() const override { return false; } // the socket's own EOF says it
    void tick(qint64 nowMs) override;

    bool isJoined() const override { return m_joined && !m_closing; }
    bool isClosing() const override { return m_closing; }
    bool isFinished() const override { return m_closing && m_forStudent.isEmpty(); }
    std::optional<GateVerdict> takeVerdict() override { return std::exchange(m_verdict, std::nullopt); }

private:
    void onHead(HttpRequestStream::Head head, qint64 nowMs);
    // The identity a ticket cookie admits to this share, or why not (nullopt: no usable ticket).
    void answerWithoutTicket(const HttpRequestStream::Head& head, qint64 nowMs);
    void answer(const QByteArray& response); // LabShare's own answer, then the connection closes
    void refuse(const QString& identity, const QString& reason, bool tell);

    const GatedShare& m_share;
    TicketBook& m_tickets;
    BrowserSignIns& m_signIns;
    QString m_browserAt;
    HttpRequestStream m_requests;
    QString m_admitted; // whom this connection belongs to once joined
    bool m_joined = false;
    bool m_forwarding = false; // the current request (its body) goes to the node
    bool m_closing = false;
    qint64 m_deadlineMs = 0;
    QByteArray m_forStudent;
    QByteArray m_forNode;
    std::optional<GateVerdict> m_verdict;
};

} // namespace labshare::gate
