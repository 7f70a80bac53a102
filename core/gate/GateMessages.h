// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace labshare::gate {

// What the gate and `labshare connect` say to each other inside the TLS session, before the
// stream is joined to the node (docs/gate-protocol.md). One message per line, compact JSON, at
// most kMaxMessageBytes with its newline, every message with "v": 1 and a "type". Move-only: a ticket
// is a secret.
struct GateMessage {
    enum class Type {
        Hello,         // gate → helper: which share, shared by whom
        Ticket,        // helper → gate: a ticket from an earlier admission
        SignInRequest, // helper → gate: no ticket (or a refused one); please start a sign-in
        SignIn,        // gate → helper: the device code and where to enter it
        Admitted,      // gate → helper: the stream to the node follows this line
        Refused,       // gate → helper: why not; the gate closes after it
    };

    Type type = Type::Hello;
    QString share;               // Hello
    QString sharedBy;            // Hello: the instructor as their provider names them; may be empty
    secrets::SecretBytes ticket; // Ticket; Admitted (a new ticket; empty when the one offered was used)
    QString userCode;            // SignIn
    QUrl link;                   // SignIn: where to enter the code
    QUrl linkComplete;           // SignIn: with the code filled in; may be empty
    int expiresIn = 0;           // SignIn: seconds the code is valid
    QString identity;            // Admitted, Refused: the e-mail signed in (Refused: may be empty)
    QDateTime expires;           // Admitted: when the ticket ends (UTC)
    QString reason;              // Refused: one line for the student
};

constexpr qsizetype kMaxMessageBytes = 4096;
constexpr int kProtocolVersion = 1;

// The message as one line, newline included.
QByteArray encodeMessage(const GateMessage& message);

// Reads messages off a byte stream as they complete. A line longer than kMaxMessageBytes, one
// that is not a JSON object of this protocol's version, an unknown type or a missing or malformed
// field is an error naming what was wrong; after an error the reader is spent (the caller closes).
class MessageReader {
public:
    void append(const QByteArray& bytes) { m_buffer += bytes; }
    // The next complete message, nullopt while the line is incomplete, or an error.
    Result<std::optional<GateMessage>> next();
    // What is left after the messages read so far (the first bytes of the joined stream).
    QByteArray takeRest() { return std::exchange(m_buffer, {}); }

private:
    QByteArray m_buffer;
    bool m_failed = false;
};

// A connection's first bytes: a TLS ClientHello record (what `labshare connect` opens with), as
// opposed to a plain client (ssh, a browser) that does not know the share is gated.
bool looksLikeTlsClientHello(const QByteArray& firstBytes);
// The one line a plain client gets before the gate closes.
QByteArray plainClientNotice(const QString& share);

} // namespace labshare::gate
