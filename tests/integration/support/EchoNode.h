// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

#include <atomic>
#include <thread>

namespace labshare::testsupport {

// A lab node's TCP service: echoes every byte back, on a thread of its own, so it serves while the test
// thread is busy elsewhere. When a client shuts down its sending side, the node finishes echoing what
// it got, then closes: a tunnel that mishandles half-close loses the tail of the echo.
// Plain POSIX sockets, because QTcpSocket closes the whole socket (dropping unsent data) as soon as it
// reads the peer's FIN, so it cannot play a half-close-correct server.
class EchoNode {
public:
    EchoNode();
    ~EchoNode();
    EchoNode(const EchoNode&) = delete;
    EchoNode& operator=(const EchoNode&) = delete;

    // Listens on `address` (an IPv4 address such as 127.0.0.11) and `port` (0: any free one).
    [[nodiscard]] bool listen(const QHostAddress& address, quint16 port = 0);
    void close();

    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }

    qint64 connectionCount() const { return m_connections.load(); } // accepted so far
    qint64 openConnections() const { return m_open.load(); }
    qint64 bytesEchoed() const { return m_bytes.load(); } // received (and echoed back) so far

private:
    void serve();

    std::thread m_thread;
    int m_listener = -1;
    int m_wake = -1; // eventfd: close() wakes the thread through it
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_error;
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_connections{0};
    std::atomic<qint64> m_open{0};
    std::atomic<qint64> m_bytes{0};
};

} // namespace labshare::testsupport
