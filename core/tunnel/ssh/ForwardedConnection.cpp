// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/ForwardedConnection.h"
#include "common/Logging.h"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {
constexpr qsizetype kChunk = 64 * 1024;
}

ForwardedConnection::ForwardedConnection(ssh_channel channel, Socket target, ShareCounters& counters, bool& activity,
                                         ConnectionRecord record, ConnectionTrace::Reporter reporter)
    : m_channel(channel)
    , m_target(std::move(target))
    , m_trace(counters, std::move(record), std::move(reporter))
    , m_activity(activity) {
    m_callbacks.userdata = this;
    m_callbacks.channel_data_function = &ForwardedConnection::onChannelData;
    m_callbacks.channel_eof_function = &ForwardedConnection::onChannelEof;
    m_callbacks.channel_close_function = &ForwardedConnection::onChannelClose;
    ssh_callbacks_init(&m_callbacks);
    ssh_set_channel_callbacks(m_channel, &m_callbacks);
}

ForwardedConnection::~ForwardedConnection() {
    ssh_remove_channel_callbacks(m_channel, &m_callbacks);
    if (!m_channelClosed && ssh_channel_is_open(m_channel))
        ssh_channel_close(m_channel);
    ssh_channel_free(m_channel);
}

short ForwardedConnection::targetEvents() const {
    if (m_finished)
        return 0;
    if (!m_connected)
        return POLLOUT;
    short events = 0;
    if (!m_toTarget.isEmpty())
        events |= POLLOUT;
    if (!m_targetEof && m_toChannel.size() < kBufferCap && ssh_channel_window_size(m_channel) > 0)
        events |= POLLIN;
    return events;
}

void ForwardedConnection::onTargetEvents(short revents) {
    if (m_finished)
        return;
    if (!m_connected) {
        if (!(revents & (POLLOUT | POLLERR | POLLHUP)))
            return;
        m_connectError = m_target.finishConnect();
        if (m_connectError != 0) {
            qCDebug(lcTunnel) << "node connection failed:" << errnoText(m_connectError);
            finish(ConnectionEnd::Unreachable);
            return;
        }
        m_connected = true;
        pump();
        return;
    }
    if (revents & POLLOUT)
        flushToTarget();
    if (revents & (POLLIN | POLLHUP | POLLERR))
        readFromTarget();
}

int ForwardedConnection::onChannelData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* self) {
    auto* c = static_cast<ForwardedConnection*>(self);
    c->m_activity = true;
    if (c->m_finished || isStderr)
        return static_cast<int>(len); // nothing to deliver it to
    const qsizetype room = kBufferCap - c->m_toTarget.size();
    const qsizetype take = std::min<qsizetype>(room, len);
    c->m_toTarget.append(static_cast<const char*>(data), take);
    // What we leave stays in libssh's channel buffer and keeps the SSH window shut: back-pressure.
    c->m_channelHoldsData = take < static_cast<qsizetype>(len);
    if (c->m_connected)
        c->flushToTarget();
    return static_cast<int>(take);
}

void ForwardedConnection::onChannelEof(ssh_session, ssh_channel, void* self) {
    auto* c = static_cast<ForwardedConnection*>(self);
    c->m_channelEof = true;
    c->m_activity = true;
    if (c->m_firstClosed == ConnectionEnd::Open)
        c->m_firstClosed = ConnectionEnd::Student;
}

void ForwardedConnection::onChannelClose(ssh_session, ssh_channel, void* self) {
    auto* c = static_cast<ForwardedConnection*>(self);
    c->m_channelClosed = true;
    c->m_channelEof = true;
    c->m_activity = true;
    if (c->m_firstClosed == ConnectionEnd::Open)
        c->m_firstClosed = ConnectionEnd::Student;
}

void ForwardedConnection::pump() {
    if (m_finished || !m_connected) {
        if (m_channelClosed && !m_finished && !m_connected)
            finish(ConnectionEnd::Student);
        return;
    }
    pullBufferedChannelData();
    flushToTarget();
    if (m_channelEof && m_toTarget.isEmpty() && !m_channelHoldsData && !m_targetWriteShut) {
        ::shutdown(m_target.fd(), SHUT_WR);
        m_targetWriteShut = true;
    }
    flushToChannel();
    if (m_targetEof && m_toChannel.isEmpty() && !m_channelEofSent && !m_channelClosed) {
        ssh_channel_send_eof(m_channel);
        m_channelEofSent = true;
    }
    if (m_channelClosed || (m_targetWriteShut && (m_channelEofSent || m_channelClosed)))
        finish(ConnectionEnd::Student);
}

void ForwardedConnection::pullBufferedChannelData() {
    while (m_channelHoldsData && !m_finished && m_toTarget.size() < kBufferCap) {
        char buffer[kChunk];
        const qsizetype want = std::min<qsizetype>(kBufferCap - m_toTarget.size(), kChunk);
        const int n = ssh_channel_read_nonblocking(m_channel, buffer, static_cast<uint32_t>(want), 0);
        if (n == SSH_ERROR) {
            finish(ConnectionEnd::Student);
            return;
        }
        if (n <= 0) {
            m_channelHoldsData = false;
            return;
        }
        m_toTarget.append(buffer, n);
    }
}

void ForwardedConnection::flushToTarget() {
    quint64 sent = 0;
    const bool ok = sendBuffered(m_target.fd(), m_toTarget, &sent);
    m_trace.toNode(sent);
    if (!ok)
        finish(ConnectionEnd::Node);
}

void ForwardedConnection::readFromTarget() {
    while (!m_targetEof && !m_finished) {
        flushToChannel();
        const qsizetype window = static_cast<qsizetype>(ssh_channel_window_size(m_channel));
        const qsizetype want = std::min({kChunk, kBufferCap - m_toChannel.size(), window});
        if (want <= 0 || !m_toChannel.isEmpty())
            return;
        char buffer[kChunk];
        const ssize_t n = ::recv(m_target.fd(), buffer, static_cast<size_t>(want), 0);
        if (n == 0) {
            m_targetEof = true;
            if (m_firstClosed == ConnectionEnd::Open)
                m_firstClosed = ConnectionEnd::Node;
        } else if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                finish(ConnectionEnd::Node);
            return;
        } else {
            m_toChannel.append(buffer, n);
            flushToChannel();
        }
    }
}

void ForwardedConnection::flushToChannel() {
    if (m_toChannel.isEmpty() || m_channelClosed)
        return;
    const qsizetype window = static_cast<qsizetype>(ssh_channel_window_size(m_channel));
    const qsizetype len = std::min(window, m_toChannel.size());
    if (len <= 0)
        return;
    const int n = ssh_channel_write(m_channel, m_toChannel.constData(), static_cast<uint32_t>(len));
    if (n == SSH_ERROR) {
        finish(ConnectionEnd::Student);
        return;
    }
    m_trace.fromNode(static_cast<quint64>(n));
    m_toChannel.remove(0, n);
}

void ForwardedConnection::finish(ConnectionEnd how) {
    if (m_finished)
        return;
    m_finished = true;
    m_target.close();
    // A node that never answered is that, whoever gave up first; otherwise the side that closed first.
    m_trace.end(how == ConnectionEnd::Unreachable || m_firstClosed == ConnectionEnd::Open ? how : m_firstClosed);
}

} // namespace labshare::tunnel
