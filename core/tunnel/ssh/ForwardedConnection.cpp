// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/ForwardedConnection.h"
#include "common/Logging.h"

#include <algorithm>
#include <cerrno>
#include <memory>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {
constexpr qsizetype kChunk = 64 * 1024;
}

ForwardedConnection::ForwardedConnection(ssh_channel channel, Socket target, ShareCounters& counters, bool& activity,
                                         OutputBacklog& output, ConnectionRecord record,
                                         ConnectionTrace::Reporter reporter)
    : m_channel(channel)
    , m_target(std::move(target))
    , m_trace(counters, std::move(record), std::move(reporter))
    , m_activity(activity)
    , m_output(output) {
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
    if (heldForTarget() > 0)
        events |= POLLOUT;
    if (!m_targetEof && !m_channelClosed && m_toChannel.size() < kBufferCap && ssh_channel_window_size(m_channel) > 0 &&
        m_output.admits())
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
    // `data` is all libssh holds for the channel, this packet included; what we leave keeps the window shut.
    const qsizetype took = c->takeChannelData(static_cast<const char*>(data), len);
    c->m_libsshHolds = c->m_finished ? 0 : len - took;
    return static_cast<int>(c->m_finished ? len : took);
}

qsizetype ForwardedConnection::takeChannelData(const char* data, qsizetype len) {
    qsizetype took = 0;
    if (m_connected && heldForTarget() == 0) { // straight to the node, no copy
        const ssize_t n = ::send(m_target.fd(), data, static_cast<size_t>(len), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            finish(ConnectionEnd::Node);
            return len;
        }
        took = std::max<ssize_t>(n, 0);
        m_trace.toNode(static_cast<quint64>(took));
    }
    const qsizetype keep = ChannelWindow::toTake(heldForTarget(), len - took);
    if (keep > 0)
        holdForTarget(data + took, keep);
    m_window.taken(took + keep);
    return took + keep;
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
        if (m_channelClosed && !m_finished && !m_connected && heldForTarget() == 0 && m_libsshHolds == 0)
            finish(ConnectionEnd::Student); // else what the student sent waits for the node's connect
        return;
    }
    // While the node takes everything, take more of what libssh holds: nothing else wakes the loop for it.
    qsizetype holds = -1;
    while (!m_finished && m_libsshHolds > 0 && m_libsshHolds != holds && heldForTarget() == 0) {
        holds = m_libsshHolds;
        pullBufferedChannelData();
        flushToTarget();
    }
    flushToTarget();
    growWindow();
    if (m_channelEof && heldForTarget() == 0 && m_libsshHolds == 0 && !m_targetWriteShut && !m_finished) {
        ::shutdown(m_target.fd(), SHUT_WR);
        m_targetWriteShut = true;
    }
    flushToChannel();
    if (m_targetEof && m_toChannel.isEmpty() && !m_channelEofSent && !m_channelClosed) {
        ssh_channel_send_eof(m_channel);
        m_channelEofSent = true;
    }
    // A closed channel takes nothing more, but what the student sent before is still the node's (libssh keeps
    // a closed channel's unread data: its "delayed close"): done once all of it is written and the node told.
    if (m_targetWriteShut && (m_channelEofSent || m_channelClosed))
        finish(ConnectionEnd::Student);
}

void ForwardedConnection::pullBufferedChannelData() {
    // Into a buffer of our own: reading may run libssh's packet handling, and with it onChannelData.
    char buffer[kChunk];
    const qsizetype want = std::min(ChannelWindow::toRead(heldForTarget(), m_libsshHolds), kChunk);
    if (want <= 0 || m_finished)
        return;
    const int n = ssh_channel_read_nonblocking(m_channel, buffer, static_cast<uint32_t>(want), 0);
    if (n == SSH_ERROR) {
        finish(ConnectionEnd::Student);
        return;
    }
    if (n <= 0) { // it holds nothing after all
        m_libsshHolds = 0;
        return;
    }
    m_libsshHolds = std::max<qsizetype>(0, m_libsshHolds - n);
    m_window.taken(n);
    qsizetype sent = 0;
    if (heldForTarget() == 0) {
        const ssize_t w = ::send(m_target.fd(), buffer, static_cast<size_t>(n), MSG_NOSIGNAL);
        if (w < 0 && errno != EAGAIN && errno != EINTR) {
            finish(ConnectionEnd::Node);
            return;
        }
        sent = std::max<ssize_t>(w, 0);
        m_trace.toNode(static_cast<quint64>(sent));
    }
    holdForTarget(buffer + sent, n - sent);
}

void ForwardedConnection::growWindow() {
    if (m_finished || m_channelEof || m_channelClosed)
        return;
    const qsizetype window = m_window.grant(heldForTarget(), m_libsshHolds);
    if (window <= 0)
        return;
    // A read of the stderr stream (never used on a forwarded channel, and emptied by onChannelData) sets the window
    // to what it asks for (ChannelWindow, rule (c)) and takes none of the node's data. The zero timeout handles at
    // most one 4 KiB read of the socket. The scratch buffer is for what it could copy; its pages stay untouched.
    static thread_local const std::unique_ptr<char[]> scratch(new char[ChannelWindow::kBound]);
    if (ssh_channel_read_timeout(m_channel, scratch.get(), static_cast<uint32_t>(window), 1, 0) == SSH_ERROR &&
        !m_channelClosed && !ssh_channel_is_closed(m_channel)) {
        qCDebug(lcTunnel) << "channel window not granted:" << ssh_get_error(ssh_channel_get_session(m_channel));
        finish(ConnectionEnd::Student);
    }
}

void ForwardedConnection::holdForTarget(const char* data, qsizetype size) {
    if (m_toTargetSent > 0 && m_toTargetSent >= heldForTarget()) { // what was sent goes, moving no more than that
        m_toTarget.remove(0, m_toTargetSent);
        m_toTargetSent = 0;
    }
    m_toTarget.append(data, size);
}

void ForwardedConnection::flushToTarget() {
    while (heldForTarget() > 0 && !m_finished) {
        const ssize_t n = ::send(m_target.fd(), m_toTarget.constData() + m_toTargetSent,
                                 static_cast<size_t>(heldForTarget()), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                finish(ConnectionEnd::Node);
            return;
        }
        m_trace.toNode(static_cast<quint64>(n));
        m_toTargetSent += n;
    }
    m_toTarget = QByteArray(); // drained: its memory goes back
    m_toTargetSent = 0;
}

void ForwardedConnection::readFromTarget() {
    while (!m_targetEof && !m_finished) {
        flushToChannel();
        const qsizetype window = static_cast<qsizetype>(ssh_channel_window_size(m_channel));
        const qsizetype want = std::min({kChunk, kBufferCap - m_toChannel.size(), window});
        if (want <= 0 || !m_toChannel.isEmpty() || !m_output.admits())
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
            const qsizetype written = writeToChannel(buffer, n); // straight on when the window allows, no copy
            if (written >= 0 && written < n)
                m_toChannel.append(buffer + written, n - written);
        }
    }
}

void ForwardedConnection::flushToChannel() {
    if (m_toChannel.isEmpty() || !m_output.admits()) // held here it is freed once drained; in libssh it is not
        return;
    const qsizetype n = writeToChannel(m_toChannel.constData(), m_toChannel.size());
    if (n == m_toChannel.size())
        m_toChannel = QByteArray(); // drained: its memory goes back
    else if (n > 0)
        m_toChannel.remove(0, n);
}

qsizetype ForwardedConnection::writeToChannel(const char* data, qsizetype size) {
    if (m_channelClosed)
        return 0;
    const qsizetype len = std::min(static_cast<qsizetype>(ssh_channel_window_size(m_channel)), size);
    if (len <= 0)
        return 0;
    const int n = ssh_channel_write(m_channel, data, static_cast<uint32_t>(len));
    if (n == SSH_ERROR) {
        finish(ConnectionEnd::Student);
        return -1;
    }
    if (n <= 0) // SSH_AGAIN: the session is still sending
        return 0;
    m_trace.fromNode(static_cast<quint64>(n));
    m_output.handed(n);
    return n;
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
