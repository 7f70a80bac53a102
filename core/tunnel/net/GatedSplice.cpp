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
                         ShareCounters& counters, qint64 openedMs, int silentLimitMs, ConnectionRecord record,
                         ConnectionTrace::Reporter reporter)
    : m_client(std::move(client))
    , m_gate(std::move(gate))
    , m_nodeHost(std::move(nodeHost))
    , m_nodePort(nodePort)
    , m_trace(counters, std::move(record), std::move(reporter))
    , m_openedMs(openedMs)
    , m_silentLimitMs(silentLimitMs) {}

GatedSplice::~GatedSplice() = default;

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
            finish(ConnectionEnd::Unreachable);
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
        m_trace.countRefused();
        finish(ConnectionEnd::Silent);
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
        if (m_firstClosed == ConnectionEnd::Open)
            m_firstClosed = ConnectionEnd::Student;
    } else if (errno != EAGAIN && errno != EINTR) {
        m_firstClosed = m_firstClosed == ConnectionEnd::Open ? ConnectionEnd::Student : m_firstClosed;
        finish(ConnectionEnd::Student);
    }
}

void GatedSplice::readNode() {
    char chunk[kChunk];
    const ssize_t n = ::recv(m_node.fd(), chunk, sizeof chunk, 0);
    if (n > 0) {
        m_trace.fromNode(quint64(n));
        m_gate->sendFromNode(QByteArray(chunk, n));
    } else if (n == 0) {
        m_nodeEof = true;
        if (m_firstClosed == ConnectionEnd::Open)
            m_firstClosed = ConnectionEnd::Node;
        m_gate->nodeClosed();
    } else if (errno != EAGAIN && errno != EINTR) {
        m_firstClosed = m_firstClosed == ConnectionEnd::Open ? ConnectionEnd::Node : m_firstClosed;
        finish(ConnectionEnd::Node);
    }
}

std::optional<gate::GateVerdict> GatedSplice::takeVerdict() {
    collectVerdict();
    if (m_verdicts.isEmpty())
        return std::nullopt;
    return m_verdicts.takeFirst();
}

void GatedSplice::collectVerdict() {
    if (std::optional<gate::GateVerdict> verdict = m_gate->takeVerdict()) {
        if (!verdict->identity.isEmpty())
            m_trace.setIdentity(verdict->identity);
        m_refused |= verdict->kind == gate::GateVerdict::Kind::Refused;
        m_verdicts.append(*verdict);
    }
}

void GatedSplice::pump() {
    if (m_finished)
        return;
    collectVerdict();
    m_toClient += m_gate->takeForStudent();
    if (m_gate->isJoined() || m_gate->isClosing())
        m_toNode += m_gate->takeForNode();
    if (m_gate->isJoined() && !m_node.isValid()) {
        Result<Socket> node = Socket::connectTo(m_nodeHost, m_nodePort);
        if (!node) {
            m_connectError = ECONNREFUSED;
            finish(ConnectionEnd::Unreachable);
            return;
        }
        m_node = std::move(*node);
    }
    if (!flush(m_client, m_toClient))
        return;
    if (m_nodeConnected && !flush(m_node, m_toNode))
        return;
    const bool studentDone = m_clientEof || m_gate->studentClosed();
    if (studentDone && m_firstClosed == ConnectionEnd::Open)
        m_firstClosed = ConnectionEnd::Student; // a TLS close from `labshare connect` is the student's end too
    if (m_nodeConnected && studentDone && m_toNode.isEmpty() && !m_nodeWriteShut) {
        ::shutdown(m_node.fd(), SHUT_WR);
        m_nodeWriteShut = true;
    }
    // Done: the gate refused (and its answer is out), or both sides have finished.
    const bool refusedAndSaid = m_gate->isFinished() && m_toClient.isEmpty() && !m_node.isValid();
    const bool bothDone = m_nodeWriteShut && (m_nodeEof || !m_nodeConnected) && m_toClient.isEmpty();
    // Never joined: refused when the gate said no; else the gate closed it after its answer (the sign-in page,
    // the notice to a client that is not `labshare connect`), or the client left first.
    const ConnectionEnd notJoined = m_refused        ? ConnectionEnd::Refused
                                    : refusedAndSaid ? ConnectionEnd::Gate
                                                     : ConnectionEnd::Open;
    if (refusedAndSaid || bothDone || (m_clientEof && !m_gate->isJoined()))
        finish(m_node.isValid() ? ConnectionEnd::Open : notJoined);
}

bool GatedSplice::flush(Socket& to, QByteArray& buffer) {
    quint64 sent = 0;
    const bool ok = sendBuffered(to.fd(), buffer, &sent);
    if (&to == &m_node)
        m_trace.toNode(sent);
    if (ok)
        return true;
    if (m_firstClosed == ConnectionEnd::Open)
        m_firstClosed = &to == &m_node ? ConnectionEnd::Node : ConnectionEnd::Student;
    finish(m_firstClosed);
    return false;
}

void GatedSplice::finish(ConnectionEnd how) {
    if (!m_finished) {
        collectVerdict();
        const bool bySide = how == ConnectionEnd::Open || how == ConnectionEnd::Student || how == ConnectionEnd::Node;
        m_trace.end(!bySide                                ? how
                    : m_firstClosed != ConnectionEnd::Open ? m_firstClosed
                    : how != ConnectionEnd::Open           ? how
                                                           : ConnectionEnd::Student);
    }
    m_finished = true;
    m_client.close();
    m_node.close();
}

} // namespace labshare::tunnel
