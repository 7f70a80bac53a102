// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/GatedSplice.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {

constexpr size_t kChunk = 64 * 1024;

} // namespace

GatedSplice::GatedSplice(Socket client, std::unique_ptr<gate::Gatekeeper> gate, QString nodeHost, quint16 nodePort,
                         ShareCounters& counters, qint64 openedMs, int silentLimitMs)
    : m_client(std::move(client))
    , m_gate(std::move(gate))
    , m_nodeHost(std::move(nodeHost))
    , m_nodePort(nodePort)
    , m_counters(counters)
    , m_openedMs(openedMs)
    , m_silentLimitMs(silentLimitMs) {
    ++m_counters.open;
    ++m_counters.total;
}

GatedSplice::~GatedSplice() {
    --m_counters.open;
}

short GatedSplice::clientEvents() const {
    if (m_finished)
        return 0;
    short events = 0;
    if (!m_clientEof && m_toNode.size() < kBufferCap && m_toClient.size() < kBufferCap)
        events |= POLLIN;
    if (!m_toClient.isEmpty())
        events |= POLLOUT;
    return events;
}

short GatedSplice::nodeEvents() const {
    if (m_finished || !m_node.isValid())
        return 0;
    if (!m_nodeConnected)
        return POLLOUT;
    short events = 0;
    if (!m_nodeEof && m_toClient.size() < kBufferCap)
        events |= POLLIN;
    if (!m_toNode.isEmpty())
        events |= POLLOUT;
    return events;
}

void GatedSplice::onClientEvents(short revents) {
    if (m_finished)
        return;
    if (revents & (POLLIN | POLLHUP | POLLERR))
        readClient();
    pump();
}

void GatedSplice::onNodeEvents(short revents) {
    if (m_finished || !m_node.isValid())
        return;
    if (!m_nodeConnected) {
        if (!(revents & (POLLOUT | POLLERR | POLLHUP)))
            return;
        m_connectError = m_node.finishConnect();
        if (m_connectError != 0) {
            finish();
            return;
        }
        m_nodeConnected = true;
    } else if (revents & (POLLIN | POLLHUP | POLLERR)) {
        readNode();
    }
    pump();
}

void GatedSplice::tick(qint64 nowMs) {
    if (m_finished)
        return;
    if (!m_heard && nowMs - m_openedMs >= m_silentLimitMs) {
        m_silent = true;
        ++m_counters.refused;
        finish();
        return;
    }
    m_gate->tick(nowMs);
    pump();
}

void GatedSplice::readClient() {
    char chunk[kChunk];
    const ssize_t n = ::recv(m_client.fd(), chunk, sizeof chunk, 0);
    if (n > 0) {
        m_heard = true;
        m_gate->receive(QByteArray(chunk, n));
    } else if (n == 0) {
        m_clientEof = true;
    } else if (errno != EAGAIN && errno != EINTR) {
        finish();
    }
}

void GatedSplice::readNode() {
    char chunk[kChunk];
    const ssize_t n = ::recv(m_node.fd(), chunk, sizeof chunk, 0);
    if (n > 0) {
        m_counters.fromNode += quint64(n);
        m_gate->sendFromNode(QByteArray(chunk, n));
    } else if (n == 0) {
        m_nodeEof = true;
        m_gate->nodeClosed();
    } else if (errno != EAGAIN && errno != EINTR) {
        finish();
    }
}

void GatedSplice::pump() {
    if (m_finished)
        return;
    m_toClient += m_gate->takeForStudent();
    if (m_gate->isJoined() || m_gate->isClosing())
        m_toNode += m_gate->takeForNode();
    if (m_gate->isJoined() && !m_node.isValid()) {
        Result<Socket> node = Socket::connectTo(m_nodeHost, m_nodePort);
        if (!node) {
            m_connectError = ECONNREFUSED;
            finish();
            return;
        }
        m_node = std::move(*node);
    }
    if (!flush(m_client, m_toClient, nullptr))
        return;
    if (m_nodeConnected && !flush(m_node, m_toNode, &m_counters.toNode))
        return;
    const bool studentDone = m_clientEof || m_gate->studentClosed();
    if (m_nodeConnected && studentDone && m_toNode.isEmpty() && !m_nodeWriteShut) {
        ::shutdown(m_node.fd(), SHUT_WR);
        m_nodeWriteShut = true;
    }
    // Done: the gate refused (and its answer is out), or both sides have finished.
    const bool refusedAndSaid = m_gate->isFinished() && m_toClient.isEmpty() && !m_node.isValid();
    const bool bothDone = m_nodeWriteShut && (m_nodeEof || !m_nodeConnected) && m_toClient.isEmpty();
    if (refusedAndSaid || bothDone || (m_clientEof && !m_gate->isJoined()))
        finish();
}

bool GatedSplice::flush(Socket& to, QByteArray& buffer, quint64* counter) {
    if (sendBuffered(to.fd(), buffer, counter))
        return true;
    finish();
    return false;
}

void GatedSplice::finish() {
    m_finished = true;
    m_client.close();
    m_node.close();
}

} // namespace labshare::tunnel
