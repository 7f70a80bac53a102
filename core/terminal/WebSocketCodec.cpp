// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal/WebSocketCodec.h"

#include <QCryptographicHash>
#include <QString>

namespace labshare::terminal {

namespace {

// Invalid or cut-off sequences decode to U+FFFD, so they do not survive the round trip.
bool isUtf8(const QByteArray& bytes) {
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

} // namespace

Error WebSocketReader::fail(quint16 code, const QString& reason) {
    m_failure = {code, reason};
    m_buffer.clear();
    m_message.clear();
    return makeError(ErrorCode::BadInput, reason);
}

Result<QList<WebSocketReader::Message>> WebSocketReader::feed(const QByteArray& bytes) {
    m_buffer += bytes;
    QList<Message> out;
    while (m_buffer.size() >= 2) {
        const auto b0 = static_cast<quint8>(m_buffer.at(0));
        const auto b1 = static_cast<quint8>(m_buffer.at(1));
        const bool fin = b0 & 0x80;
        const quint8 op = b0 & 0x0F;
        if (b0 & 0x70)
            return fail(1002, tr("a WebSocket frame with reserved bits set"));
        if (!(b1 & 0x80))
            return fail(1002, tr("an unmasked WebSocket frame from the browser"));
        quint64 length = b1 & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                break;
            length = (quint64(quint8(m_buffer.at(2))) << 8) | quint8(m_buffer.at(3));
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | quint8(m_buffer.at(i));
            header = 10;
        }
        const bool control = op & 0x08;
        if (control && (!fin || length > 125))
            return fail(1002, tr("a fragmented or oversized WebSocket control frame"));
        if (op != 0x0 && op != 0x1 && op != 0x2 && op != 0x8 && op != 0x9 && op != 0xA)
            return fail(1002, tr("an unknown WebSocket opcode %1").arg(op));
        if (length > quint64(kMaxMessageBytes) ||
            (!control && quint64(m_message.size()) + length > quint64(kMaxMessageBytes)))
            return fail(1009, tr("a WebSocket message over %1 bytes").arg(kMaxMessageBytes));
        if (m_buffer.size() < header + 4 + qsizetype(length))
            break;
        const QByteArray mask = m_buffer.mid(header, 4);
        QByteArray payload = m_buffer.mid(header + 4, qsizetype(length));
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ mask.at(i % 4));
        m_buffer.remove(0, header + 4 + qsizetype(length));

        if (control) {
            out.append({Opcode(op), payload});
            continue;
        }
        if (op == 0x0 && !m_inMessage)
            return fail(1002, tr("a WebSocket continuation frame with no message to continue"));
        if (op != 0x0 && m_inMessage)
            return fail(1002, tr("a new WebSocket message inside a fragmented one"));
        if (op != 0x0)
            m_messageOpcode = Opcode(op);
        m_message += payload;
        m_inMessage = !fin;
        if (fin) {
            if (m_messageOpcode == Opcode::Text && !isUtf8(m_message))
                return fail(1007, tr("a WebSocket text message that is not UTF-8"));
            out.append({m_messageOpcode, std::exchange(m_message, {})});
        }
    }
    return out;
}

QByteArray WebSocketReader::acceptFor(const QByteArray& key) {
    const QByteArray text = key.trimmed() + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(text, QCryptographicHash::Sha1).toBase64();
}

QByteArray WebSocketReader::frame(Opcode opcode, const QByteArray& payload) {
    QByteArray out;
    out.append(char(0x80 | quint8(opcode)));
    const quint64 n = quint64(payload.size());
    if (n < 126) {
        out.append(char(n));
    } else if (n <= 0xFFFF) {
        out.append(char(126));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    } else {
        out.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((n >> shift) & 0xFF));
    }
    return out + payload;
}

QByteArray WebSocketReader::closeFrame(quint16 code, const QByteArray& reason) {
    QByteArray payload;
    payload.append(char(code >> 8));
    payload.append(char(code & 0xFF));
    payload += reason.left(120);
    return frame(Opcode::Close, payload);
}

} // namespace labshare::terminal
