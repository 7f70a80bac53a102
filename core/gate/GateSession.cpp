// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/GateSession.h"

#include <QCoreApplication>

namespace labshare::gate {

GateSession::GateSession(const GatedShare& share, TicketBook& tickets, const TlsIdentity& identity, qint64 nowMs)
    : m_share(share)
    , m_tickets(tickets)
    , m_identity(identity)
    , m_deadlineMs(nowMs + kHelloTimeoutMs) {}

void GateSession::receive(const QByteArray& bytes) {
    if (m_state == State::Closing || bytes.isEmpty())
        return;
    if (m_state != State::Sniffing) {
        m_tls->receive(bytes);
        advance();
        return;
    }
    m_sniffed += bytes;
    if (m_sniffed.size() < 2)
        return;
    if (!looksLikeTlsClientHello(m_sniffed)) {
        m_forStudent += plainClientNotice(m_share.name);
        refuse({}, tr("a client without labshare connect reached %1").arg(m_share.name));
        return;
    }
    Result<std::unique_ptr<TlsSession>> tls = TlsSession::server(m_identity);
    if (!tls) {
        refuse({}, tls.error().message);
        return;
    }
    m_tls = std::move(*tls);
    m_state = State::Talking;
    m_tls->receive(std::exchange(m_sniffed, {}));
    advance();
}

void GateSession::advance() {
    if (m_tls->error()) {
        refuse({}, m_tls->error()->message);
        return;
    }
    if (m_tls->isEstablished() && !m_helloSent) {
        m_helloSent = true;
        GateMessage hello;
        hello.share = m_share.name;
        hello.sharedBy = m_share.sharedBy;
        send(hello);
    }
    if (m_state == State::Joined) {
        m_forNode += m_tls->takeReceived();
    } else {
        m_reader.append(m_tls->takeReceived());
        while (m_state == State::Talking || m_state == State::SigningIn) {
            Result<std::optional<GateMessage>> message = m_reader.next();
            if (!message) {
                refuse({}, message.error().message);
                return;
            }
            if (!*message)
                break;
            onHelperMessage(**message);
        }
    }
    if (m_tls->peerClosed()) {
        if (m_state == State::Joined)
            m_studentClosed = true;
        else if (m_state != State::Closing)
            refuse({}, tr("the student left before the gate let them in"));
    }
}

void GateSession::onHelperMessage(const GateMessage& message) {
    const bool talking = m_state == State::Talking;
    if (talking && message.type == GateMessage::Type::Ticket) {
        const std::optional<TicketBook::Holder> holder = m_tickets.holder(message.ticket.view());
        if (holder && holder->browserAt.isEmpty()) { // a browser's cookie is for HTTP shares only
            // Tickets are issued to verified addresses only; the list is checked again every time.
            const auth::Identity identity{{}, holder->email, {}, auth::EmailVerification::Verified};
            const Admission admission = m_share.allowList.admit(identity);
            if (admission == Admission::Admitted)
                admit(holder->email, {}, holder->expires);
            else
                refuse(holder->email, describeAdmission(admission, identity, m_share.name));
            return;
        }
        // Unknown here, expired or revoked: the same as no ticket (the helper forgets it).
    } else if (!(talking && message.type == GateMessage::Type::SignInRequest)) {
        refuse({}, tr("the helper broke the exchange (an unexpected message)"));
        return;
    }
    m_state = State::SigningIn;
    m_signInWanted = true;
    m_deadlineMs = 0; // the sign-in's own expiry applies once it has started
}

void GateSession::signInStarted(const auth::DeviceCode& code, qint64 nowMs) {
    if (m_state != State::SigningIn || !m_signInWanted)
        return;
    m_signInWanted = false;
    GateMessage signIn;
    signIn.type = GateMessage::Type::SignIn;
    signIn.userCode = code.userCode;
    signIn.link = code.verificationUri;
    signIn.linkComplete = code.verificationUriComplete;
    signIn.expiresIn = int(qMax<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(code.expiresAt)));
    m_deadlineMs = nowMs + qint64(signIn.expiresIn) * 1000;
    send(signIn);
}

void GateSession::signInFinished(const Result<auth::Identity>& identity) {
    if (m_state != State::SigningIn)
        return;
    m_signInWanted = false;
    if (!identity) {
        refuse({}, identity.error().message);
        return;
    }
    const Admission admission = m_share.allowList.admit(*identity);
    if (admission != Admission::Admitted) {
        refuse(identity->email, describeAdmission(admission, *identity, m_share.name));
        return;
    }
    TicketBook::Issued ticket = m_tickets.issue(identity->email);
    admit(identity->email, std::move(ticket.ticket), ticket.expires);
}

void GateSession::admit(const QString& email, secrets::SecretBytes newTicket, const QDateTime& expires) {
    GateMessage admitted;
    admitted.type = GateMessage::Type::Admitted;
    admitted.identity = email;
    admitted.ticket = std::move(newTicket);
    admitted.expires = expires;
    send(admitted);
    m_state = State::Joined;
    m_deadlineMs = 0;
    m_forNode += m_reader.takeRest(); // the stream may start in the same record as the last message
    m_verdict = GateVerdict{m_share.name, GateVerdict::Kind::Admitted, email,
                            describeAdmission(Admission::Admitted, {{}, email, {}, {}}, m_share.name)};
}

void GateSession::refuse(const QString& identity, const QString& reason) {
    if (m_state == State::Closing)
        return;
    if (m_tls && m_tls->isEstablished() && !m_tls->error()) {
        GateMessage refused;
        refused.type = GateMessage::Type::Refused;
        refused.identity = identity;
        refused.reason = reason;
        send(refused);
        m_tls->close();
    }
    m_state = State::Closing;
    m_signInWanted = false;
    m_verdict = GateVerdict{m_share.name, GateVerdict::Kind::Refused, identity, reason};
}

void GateSession::send(const GateMessage& message) {
    m_tls->send(encodeMessage(message));
}

void GateSession::sendFromNode(const QByteArray& plaintext) {
    if (m_state == State::Joined)
        m_tls->send(plaintext);
}

void GateSession::nodeClosed() {
    if (m_state == State::Joined) {
        m_tls->close();
        m_state = State::Closing;
    }
}

QByteArray GateSession::takeForStudent() {
    if (m_tls)
        m_forStudent += m_tls->takeOutgoing();
    return std::exchange(m_forStudent, {});
}

QByteArray GateSession::takeForNode() {
    return std::exchange(m_forNode, {});
}

void GateSession::tick(qint64 nowMs) {
    if (m_deadlineMs == 0 || nowMs < m_deadlineMs || m_state == State::Joined || m_state == State::Closing)
        return;
    refuse({}, m_state == State::SigningIn
                   ? tr("the sign-in code expired before it was used")
                   : tr("no hello from labshare connect within %1 seconds").arg(kHelloTimeoutMs / 1000));
}

} // namespace labshare::gate
