// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/GateClient.h"

#include <QCoreApplication>

namespace labshare::gate {

GateClient::GateClient(std::unique_ptr<TlsSession> tls, secrets::SecretBytes ticket)
    : m_tls(std::move(tls))
    , m_ticket(std::move(ticket)) {}

void GateClient::receive(const QByteArray& bytes) {
    if (m_state == State::Refused || m_state == State::Failed)
        return;
    m_tls->receive(bytes);
    advance();
}

void GateClient::advance() {
    if (m_tls->error()) {
        fail(m_tls->error()->message);
        return;
    }
    if (m_state == State::Admitted) {
        m_stream += m_tls->takeReceived();
        return;
    }
    if (m_tls->isEstablished() && !m_firstSent)
        sendFirst(); // at once, not after the hello: a round trip less for every connection
    m_reader.append(m_tls->takeReceived());
    while (m_state == State::Talking) {
        Result<std::optional<GateMessage>> message = m_reader.next();
        if (!message) {
            fail(message.error().message);
            return;
        }
        if (!*message)
            break;
        onMessage(std::move(**message));
    }
    if (m_state == State::Admitted)
        m_stream += m_reader.takeRest();
    if (m_state == State::Talking && m_tls->peerClosed())
        fail(tr("the gate closed the connection without a verdict"));
}

void GateClient::onMessage(GateMessage&& message) {
    switch (message.type) {
    case GateMessage::Type::Hello:
        m_share = message.share;
        return;
    case GateMessage::Type::SignIn:
        m_ticketRefused = m_ticketOffered; // the gate did not take it
        m_signIn = std::move(message);
        return;
    case GateMessage::Type::Admitted:
        m_identity = message.identity;
        m_newTicket = std::move(message.ticket);
        m_expires = message.expires;
        m_state = State::Admitted;
        return;
    case GateMessage::Type::Refused:
        m_identity = message.identity;
        m_problem = message.reason;
        m_state = State::Refused;
        return;
    case GateMessage::Type::Ticket:
    case GateMessage::Type::SignInRequest:
        fail(tr("the gate sent a message only a helper sends"));
        return;
    }
}

void GateClient::sendFirst() {
    m_firstSent = true;
    GateMessage first;
    if (!m_ticket.isEmpty()) {
        first.type = GateMessage::Type::Ticket;
        first.ticket = m_ticket.copy();
        m_ticketOffered = true;
    } else {
        first.type = GateMessage::Type::SignInRequest;
    }
    m_tls->send(encodeMessage(first));
}

QByteArray GateClient::takeForGate() {
    return m_tls->takeOutgoing();
}

void GateClient::send(const QByteArray& plaintext) {
    if (m_state == State::Admitted)
        m_tls->send(plaintext);
}

QByteArray GateClient::takeStream() {
    return std::exchange(m_stream, {});
}

void GateClient::close() {
    m_tls->close();
}

void GateClient::fail(const QString& problem) {
    m_problem = problem;
    m_state = State::Failed;
}

} // namespace labshare::gate
