// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

namespace labshare::terminal {

// RFC 6455 on the server's side, as a pure state machine: the handshake's accept value, client frames read
// (masked, as the RFC requires of browsers), server frames written (unmasked). Our own rather than Qt
// WebSockets, because the terminal's socket runs in a poll loop next to the SSH session on a worker thread,
// and every limit on what a student's browser may send is enforced here before a byte is kept: a frame or a
// message over kMaxMessageBytes, an unmasked or reserved-bit frame, an unknown opcode, a fragmented control
// frame or text that is not UTF-8 ends the connection with the close code the RFC names.
class WebSocketReader {
    Q_DECLARE_TR_FUNCTIONS(labshare::terminal::WebSocketReader)

public:
    static constexpr qsizetype kMaxMessageBytes = 64 * 1024;

    enum class Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };
    struct Message {
        Opcode opcode = Opcode::Binary; // Text, Binary (whole messages), Close, Ping or Pong
        QByteArray payload;
    };
    struct Failure {
        quint16 closeCode = 1002; // 1002 protocol error, 1007 bad text, 1009 too big
        QString reason;
    };

    // The messages these bytes complete; a failure ends the connection (send closeFrame(code) and close).
    Result<QList<Message>> feed(const QByteArray& bytes);
    const Failure& failure() const { return m_failure; }
    qsizetype buffered() const { return m_buffer.size() + m_message.size(); }

    // Sec-WebSocket-Accept for a Sec-WebSocket-Key.
    static QByteArray acceptFor(const QByteArray& key);
    // One unfragmented server frame.
    static QByteArray frame(Opcode opcode, const QByteArray& payload);
    static QByteArray closeFrame(quint16 code, const QByteArray& reason = {});

private:
    Error fail(quint16 code, const QString& reason);

    QByteArray m_buffer;
    QByteArray m_message; // a fragmented data message so far
    Opcode m_messageOpcode = Opcode::Binary;
    bool m_inMessage = false;
    Failure m_failure;
};

} // namespace labshare::terminal
