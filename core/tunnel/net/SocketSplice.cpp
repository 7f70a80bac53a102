// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/SocketSplice.h"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

SocketSplice::SocketSplice(Socket client, Socket node, ShareCounters& counters, ConnectionRecord record,
                           ConnectionTrace::Reporter reporter)
    : m_client(std::move(client))
    , m_node(std::move(node))
    , m_trace(counters, std::move(record), std::move(reporter)) {}

SocketSplice::~SocketSplice() = default;

short SocketSplice::clientEvents() const {
    if (m_finished || !m_connected)
        return 0; // the client waits until the node has answered
    short events = 0;
    if (!m_up.eof && m_up.buffer.size() < kBufferCap)
        events |= POLLIN;
    if (!m_down.buffer.isEmpty())
        events |= POLLOUT;
    return events;
}

short SocketSplice::nodeEvents() const {
    if (m_finished)
        return 0;
    if (!m_connected)
        return POLLOUT;
    short events = 0;
    if (!m_down.eof && m_down.buffer.size() < kBufferCap)
        events |= POLLIN;
    if (!m_up.buffer.isEmpty())
        events |= POLLOUT;
    return events;
}

void SocketSplice::onClientEvents(short revents) {
    if (m_finished || !m_connected)
        return;
    if (revents & POLLOUT)
        flush(m_client.fd(), m_down);
    if (revents & (POLLIN | POLLHUP | POLLERR))
        move(m_client.fd(), m_node.fd(), m_up);
    checkDone();
}

void SocketSplice::onNodeEvents(short revents) {
    if (m_finished)
        return;
    if (!m_connected) {
        if (!(revents & (POLLOUT | POLLERR | POLLHUP)))
            return;
        m_connectError = m_node.finishConnect();
        if (m_connectError != 0) {
            m_finished = true;
            m_trace.end(ConnectionEnd::Unreachable);
            return;
        }
        m_connected = true;
        return;
    }
    if (revents & POLLOUT)
        flush(m_node.fd(), m_up);
    if (revents & (POLLIN | POLLHUP | POLLERR))
        move(m_node.fd(), m_client.fd(), m_down);
    checkDone();
}

void SocketSplice::move(int from, int to, Direction& d) {
    while (!d.eof && !m_finished && d.buffer.size() < kBufferCap) {
        char chunk[64 * 1024];
        const size_t want = static_cast<size_t>(std::min<qsizetype>(sizeof(chunk), kBufferCap - d.buffer.size()));
        const ssize_t n = ::recv(from, chunk, want, 0);
        if (n == 0) {
            d.eof = true;
            if (m_firstClosed == ConnectionEnd::Open && (!m_up.eof || !m_down.eof)) // the first to close
                m_firstClosed = &d == &m_up ? ConnectionEnd::Student : ConnectionEnd::Node;
        } else if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                fail(from);
            break;
        } else {
            d.buffer.append(chunk, n);
            flush(to, d);
            if (!d.buffer.isEmpty())
                break; // the other side is full: stop reading, let the kernel push back
        }
    }
    flush(to, d);
}

void SocketSplice::flush(int to, Direction& d) {
    if (m_finished)
        return;
    quint64 sent = 0;
    const bool ok = sendBuffered(to, d.buffer, &sent);
    if (&d == &m_up)
        m_trace.toNode(sent);
    else
        m_trace.fromNode(sent);
    if (!ok) {
        fail(to);
        return;
    }
    if (d.eof && d.buffer.isEmpty() && !d.shutDown) {
        ::shutdown(to, SHUT_WR);
        d.shutDown = true;
    }
}

void SocketSplice::fail(int fd) {
    m_finished = true;
    if (m_firstClosed == ConnectionEnd::Open)
        m_firstClosed = fd == m_client.fd() ? ConnectionEnd::Student : ConnectionEnd::Node;
}

void SocketSplice::checkDone() {
    if (m_up.shutDown && m_down.shutDown)
        m_finished = true;
    if (m_finished) {
        m_trace.end(m_firstClosed == ConnectionEnd::Open ? ConnectionEnd::Student : m_firstClosed);
        m_client.close();
        m_node.close();
    }
}

} // namespace labshare::tunnel
