// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "gate/AllowList.h"
#include "gate/GateEvents.h"
#include "gate/GateMessages.h"
#include "gate/Gatekeeper.h"
#include "gate/TicketBook.h"
#include "gate/TlsSession.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace labshare::gate {

// What every connection to one gated share has in common. Owned by the relay worker.
struct GatedShare {
    QString name;     // clab-r1-tcp-22
    QString sharedBy; // the instructor, as their provider names them; may be empty
    AllowList allowList;
};

// One connection through a gated share, from its first byte until it is joined to the node or
// refused; nothing reaches the node before the verdict. Plain clients (the first bytes are not a TLS
// ClientHello) get one line naming `labshare connect`. In TLS, the exchange of docs/gate-protocol.md:
// a valid ticket admits at once; otherwise the owner runs a device sign-in (signInWanted(), then
// signInStarted() and signInFinished()) and the allow-list decides. Pure state: the owner moves the
// bytes and the time; nothing here blocks, touches a descriptor or talks to the identity provider.
class GateSession final : public Gatekeeper {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::GateSession)

public:
    static constexpr qint64 kHelloTimeoutMs = 10000;

    enum class State { Sniffing, Talking, SigningIn, Joined, Closing };

    GateSession(const GatedShare& share, TicketBook& tickets, const TlsIdentity& identity, qint64 nowMs);

    // Bytes from the student. Joined, the plaintext in them is for the node: takeForNode().
    void receive(const QByteArray& bytes) override;
    void sendFromNode(const QByteArray& plaintext) override; // Joined only
    QByteArray takeForStudent() override;
    QByteArray takeForNode() override;
    void nodeClosed() override; // a close_notify for the student, then Closing
    bool studentClosed() const override { return m_studentClosed; }
    void tick(qint64 nowMs) override;

    bool signInWanted() const override { return m_signInWanted; } // ask the identity provider for a device code
    void signInStarted(const auth::DeviceCode& code, qint64 nowMs) override;
    void signInFinished(const Result<auth::Identity>& identity) override;

    State state() const { return m_state; }
    bool isJoined() const override { return m_state == State::Joined; }
    bool isClosing() const override { return m_state == State::Closing; }
    // Closing with nothing left for the student: the owner closes the channel.
    bool isFinished() const override { return m_state == State::Closing && m_forStudent.isEmpty() && !pendingTls(); }
    std::optional<GateVerdict> takeVerdict() override { return std::exchange(m_verdict, std::nullopt); }

private:
    void advance();
    void onHelperMessage(const GateMessage& message);
    void admit(const QString& email, secrets::SecretBytes newTicket, const QDateTime& expires);
    void refuse(const QString& identity, const QString& reason);
    void send(const GateMessage& message);
    bool pendingTls() const { return m_tls && m_tls->outgoingPending() > 0; }

    const GatedShare& m_share;
    TicketBook& m_tickets;
    std::unique_ptr<TlsSession> m_tls;
    const TlsIdentity& m_identity;
    MessageReader m_reader;
    State m_state = State::Sniffing;
    QByteArray m_sniffed;
    QByteArray m_forStudent;
    QByteArray m_forNode;
    qint64 m_deadlineMs = 0; // when the hello or the sign-in runs out; 0: no deadline
    bool m_helloSent = false;
    bool m_studentClosed = false;
    bool m_signInWanted = false;
    std::optional<GateVerdict> m_verdict;
};

} // namespace labshare::gate
