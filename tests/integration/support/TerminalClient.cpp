// SPDX-License-Identifier: GPL-3.0-or-later
#include "TerminalClient.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>

namespace labshare::testsupport {

QByteArray TerminalClient::open(const QString& host, quint16 port, const QByteArray& target) {
    m_socket.connectToHost(host, port);
    if (!m_socket.waitForConnected(10000))
        return {};
    m_socket.write("GET " + target + " HTTP/1.1\r\nHost: " + host.toUtf8() + ':' + QByteArray::number(port) +
                   "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QDeadlineTimer deadline(10000);
    while (!m_buffer.contains("\r\n\r\n") && !deadline.hasExpired()) {
        if (!m_socket.waitForReadyRead(int(deadline.remainingTime())) && m_socket.bytesAvailable() == 0)
            break;
        m_buffer += m_socket.readAll();
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? m_buffer : m_buffer.left(end);
    const QByteArray statusLine = head.left(head.indexOf("\r\n"));
    if (end >= 0 && statusLine.startsWith("HTTP/1.1 101")) {
        if (!head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
            return "bad Sec-WebSocket-Accept in: " + head;
        m_buffer.remove(0, end + 4);
        m_open = true;
        parse();
    }
    return statusLine.isEmpty() ? head : statusLine;
}

void TerminalClient::sendFrame(quint8 firstByte, const QByteArray& payload) {
    QByteArray out;
    out.append(char(firstByte));
    const quint64 n = quint64(payload.size());
    if (n < 126) {
        out.append(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        out.append(char(0x80 | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    } else {
        out.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((n >> shift) & 0xFF));
    }
    const quint32 maskWord = QRandomGenerator::global()->generate();
    const QByteArray mask(reinterpret_cast<const char*>(&maskWord), 4);
    out += mask;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(char(payload.at(i) ^ mask.at(i % 4)));
    sendRaw(out);
}

void TerminalClient::sendText(const QByteArray& payload) {
    sendFrame(0x81, payload);
}

void TerminalClient::sendRaw(const QByteArray& bytes) {
    m_socket.write(bytes);
    m_socket.flush();
}

bool TerminalClient::readSome(int timeoutMs) {
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs)) {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_ended = true;
        return false;
    }
    m_buffer += m_socket.readAll();
    parse();
    return true;
}

void TerminalClient::parse() {
    while (m_buffer.size() >= 2) {
        const auto b0 = quint8(m_buffer.at(0));
        quint64 length = quint8(m_buffer.at(1)) & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(quint8(m_buffer.at(2))) << 8) | quint8(m_buffer.at(3));
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | quint8(m_buffer.at(i));
            header = 10;
        }
        if (quint64(m_buffer.size()) < quint64(header) + length)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        switch (b0 & 0x0F) {
        case 0x1:
            m_texts.append(payload);
            if (payload.startsWith('s'))
                m_statuses.append(payload.mid(1));
            break;
        case 0x2:
            m_screen += payload;
            break;
        case 0x8:
            m_closeCode = payload.size() >= 2 ? (quint8(payload.at(0)) << 8) | quint8(payload.at(1)) : 1005;
            m_ended = true;
            break;
        default:
            break;
        }
    }
}

bool TerminalClient::waitFor(const QByteArray& text, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!m_screen.contains(text)) {
        if (m_ended || deadline.hasExpired())
            return false;
        readSome(int(std::min<qint64>(deadline.remainingTime(), 500)));
        if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            m_ended = true;
    }
    return true;
}

QByteArray TerminalClient::waitForMessage(const QByteArray& text, int timeoutMs, int nth) {
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        int found = 0;
        for (const QByteArray& m : std::as_const(m_texts))
            if (m.contains(text) && ++found == nth)
                return m;
        if (m_ended || deadline.hasExpired())
            return {};
        readSome(int(std::min<qint64>(deadline.remainingTime(), 500)));
        if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            m_ended = true;
    }
}

bool TerminalClient::waitClosed(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!m_ended && !deadline.hasExpired()) {
        readSome(int(std::min<qint64>(deadline.remainingTime(), 500)));
        if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            m_ended = true;
    }
    return m_ended;
}

QByteArray TerminalClient::resumeToken() const {
    for (qsizetype i = m_texts.size() - 1; i >= 0; --i)
        if (m_texts.at(i).startsWith('k'))
            return m_texts.at(i).mid(1);
    return {};
}

QString TerminalClient::diagnostics() const {
    return QStringLiteral("close code %1, statuses [%2], screen:\n%3")
        .arg(m_closeCode)
        .arg(QString::fromUtf8(m_statuses.join(", ")), QString::fromUtf8(m_screen.right(2000)));
}

QByteArray httpGet(const QString& host, quint16 port, const QByteArray& target, int timeoutMs) {
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: " + host.toUtf8() + "\r\n\r\n");
    QByteArray answer;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 500))))
            answer += socket.readAll();
        else if (socket.state() != QAbstractSocket::ConnectedState)
            break;
    }
    return answer + socket.readAll();
}

} // namespace labshare::testsupport
