// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/SocketSplice.h"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

SocketSplice::SocketSplice(Socket client, Socket node, ShareCounters& counters)
    : m_client(std::move(client))
    , m_node(std::move(node))
    , m_counters(counters) {
    ++m_counters.open;
    ++m_counters.total;
}

SocketSplice::~SocketSplice() {
    --m_counters.open;
}

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
        flush(m_client.fd(), m_down, m_counters.fromNode);
    if (revents & (POLLIN | POLLHUP | POLLERR))
        move(m_client.fd(), m_node.fd(), m_up, m_counters.toNode);
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
            return;
        }
        m_connected = true;
        return;
    }
    if (revents & POLLOUT)
        flush(m_node.fd(), m_up, m_counters.toNode);
    if (revents & (POLLIN | POLLHUP | POLLERR))
        move(m_node.fd(), m_client.fd(), m_down, m_counters.fromNode);
    checkDone();
}

void SocketSplice::move(int from, int to, Direction& d, quint64& counter) {
    while (!d.eof && !m_finished && d.buffer.size() < kBufferCap) {
        char chunk[64 * 1024];
        const size_t want = static_cast<size_t>(std::min<qsizetype>(sizeof(chunk), kBufferCap - d.buffer.size()));
        const ssize_t n = ::recv(from, chunk, want, 0);
        if (n == 0) {
            d.eof = true;
        } else if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                m_finished = true;
            break;
        } else {
            d.buffer.append(chunk, n);
            flush(to, d, counter);
            if (!d.buffer.isEmpty())
                break; // the other side is full: stop reading, let the kernel push back
        }
    }
    flush(to, d, counter);
}

void SocketSplice::flush(int to, Direction& d, quint64& counter) {
    if (!m_finished && !sendBuffered(to, d.buffer, &counter)) {
        m_finished = true;
        return;
    }
    if (d.eof && d.buffer.isEmpty() && !d.shutDown) {
        ::shutdown(to, SHUT_WR);
        d.shutDown = true;
    }
}

void SocketSplice::checkDone() {
    if (m_up.shutDown && m_down.shutDown)
        m_finished = true;
    if (m_finished) {
        m_client.close();
        m_node.close();
    }
}

} // namespace labshare::tunnel
