// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTcpSocket>

namespace labshare::testsupport {

// A browser tab of a terminal share, as a test drives it: the WebSocket handshake on the handout URL, keys
// sent as the page sends them ("i…", resizes as "r<cols>x<rows>"), masked as browsers must, and what comes
// back collected: the terminal's output, the status lines, the close code. Waits block with deadlines.
class TerminalClient {
public:
    // Opens http://host:port`target` with Upgrade: websocket; the answer's status line (empty: no answer).
    QByteArray open(const QString& host, quint16 port, const QByteArray& target);
    bool isOpen() const { return m_open; }

    void type(const QByteArray& keys) { sendText('i' + keys); }
    void resize(int cols, int rows) { sendText('r' + QByteArray::number(cols) + 'x' + QByteArray::number(rows)); }
    void sendText(const QByteArray& payload);
    void sendFrame(quint8 firstByte, const QByteArray& payload);
    void sendRaw(const QByteArray& bytes);
    void closeSocket() { m_socket.abort(); }
    // Stops taking bytes off the socket beyond `bytes`, so the kernel's buffers fill: a browser that hangs.
    void stopReading(qint64 bytes) {
        m_socket.setReadBufferSize(bytes);
        m_stopped = true;
    }

    // Reads until the terminal's output contains `text`; false on timeout or close.
    [[nodiscard]] bool waitFor(const QByteArray& text, int timeoutMs = 20000);
    // Reads until the server closes (a close frame or the socket's end).
    [[nodiscard]] bool waitClosed(int timeoutMs = 20000);

    // Reads until the `nth` text message containing `text` came; that message (empty on timeout or close).
    QByteArray waitForMessage(const QByteArray& text, int timeoutMs = 20000, int nth = 1);

    QByteArray screen() const { return m_screen; }
    QList<QByteArray> statuses() const { return m_statuses; }
    QByteArray resumeToken() const;               // the last "k<token>" the terminal gave (empty: none yet)
    int closeCode() const { return m_closeCode; } // 0: none came
    QString diagnostics() const;

private:
    bool readSome(int timeoutMs);
    void parse();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_screen;
    QList<QByteArray> m_statuses;
    QList<QByteArray> m_texts; // every text message
    int m_closeCode = 0;
    bool m_open = false;
    bool m_ended = false;
    bool m_stopped = false;
};

// One HTTP/1.1 GET; the whole answer (the server closes after it). Empty on failure.
QByteArray httpGet(const QString& host, quint16 port, const QByteArray& target, int timeoutMs = 10000);

} // namespace labshare::testsupport
