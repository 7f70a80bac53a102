// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gate/GateMessages.h"
#include "gate/TlsSession.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace labshare::gate {

// The student's side of the gate's exchange (docs/gate-protocol.md), over a TLS session to the
// gate: offers a ticket kept from an earlier admission or asks to sign in, hands on the code to
// show, and once admitted carries the stream both ways. Pure state: the owner moves the bytes.
class GateClient {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::GateClient)

public:
    enum class State { Talking, Admitted, Refused, Failed };

    GateClient(std::unique_ptr<TlsSession> tls, secrets::SecretBytes ticket);

    void receive(const QByteArray& bytes); // from the gate
    QByteArray takeForGate();
    void send(const QByteArray& plaintext); // Admitted: to the node
    QByteArray takeStream();                // Admitted: from the node
    void close();

    State state() const { return m_state; }
    bool gateClosed() const { return m_tls->peerClosed(); }
    QString gateFingerprint() const { return m_tls->peerFingerprint(); }
    QString share() const { return m_share; }
    // The code to show the student, once, when the gate starts a sign-in.
    std::optional<GateMessage> takeSignIn() { return std::exchange(m_signIn, std::nullopt); }
    QString identity() const { return m_identity; }
    const secrets::SecretBytes& newTicket() const { return m_newTicket; } // Admitted after a sign-in: keep it
    QDateTime ticketExpires() const { return m_expires; }
    bool ticketRefused() const { return m_ticketRefused; } // the offered ticket was not taken: forget it
    QString problem() const { return m_problem; }          // Refused or Failed: one line

private:
    void advance();
    void onMessage(GateMessage&& message);
    void sendFirst(); // the ticket, or a sign-in request
    void fail(const QString& problem);

    std::unique_ptr<TlsSession> m_tls;
    secrets::SecretBytes m_ticket;
    MessageReader m_reader;
    State m_state = State::Talking;
    QString m_share;
    std::optional<GateMessage> m_signIn;
    QString m_identity;
    secrets::SecretBytes m_newTicket;
    QDateTime m_expires;
    bool m_ticketOffered = false;
    bool m_firstSent = false;
    bool m_ticketRefused = false;
    QByteArray m_stream;
    QString m_problem;
};

} // namespace labshare::gate
