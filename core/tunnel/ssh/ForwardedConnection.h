// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/bookkeeping/ShareCounters.h"
#include "tunnel/net/Socket.h"

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <QByteArray>

namespace labshare::tunnel {

// One forwarded connection: a `forwarded-tcpip` channel from the relay joined to a TCP socket to
// the node. Bytes move both ways without blocking, each direction buffered at most kBufferCap
// (the SSH window and the socket buffers hold the rest, so a slow side slows the other), EOF is
// passed on as a half-close, and the channel and socket are closed on every path. Worker thread only.
class ForwardedConnection {
public:
    static constexpr qsizetype kBufferCap = 256 * 1024;

    // `activity` is set whenever libssh hands this connection something, so the loop polls again at once.
    // `record` (share, originator) and `reporter`: see ConnectionTrace; none for the inner leg of a gated one.
    ForwardedConnection(ssh_channel channel, Socket target, ShareCounters& counters, bool& activity,
                        ConnectionRecord record = {}, ConnectionTrace::Reporter reporter = {});
    ~ForwardedConnection();
    ForwardedConnection(const ForwardedConnection&) = delete;
    ForwardedConnection& operator=(const ForwardedConnection&) = delete;

    int targetFd() const { return m_target.fd(); }
    short targetEvents() const; // what to poll the node socket for this round
    void onTargetEvents(short revents);
    void pump(); // moves what can move now; call after libssh has processed input

    bool isFinished() const { return m_finished; }
    bool connectFailed() const { return m_connectError != 0; }
    int connectError() const { return m_connectError; }
    ConnectionTrace& trace() { return m_trace; }

private:
    static int onChannelData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* self);
    static void onChannelEof(ssh_session, ssh_channel, void* self);
    static void onChannelClose(ssh_session, ssh_channel, void* self);

    void flushToTarget();
    void pullBufferedChannelData();
    void readFromTarget();
    void flushToChannel();
    // Ends it; how: the side that closed first, else `how` (the side that failed).
    void finish(ConnectionEnd how);

    ssh_channel m_channel;
    Socket m_target;
    ConnectionTrace m_trace;
    ConnectionEnd m_firstClosed = ConnectionEnd::Open; // Student or Node, whichever sent EOF first
    bool& m_activity;
    ssh_channel_callbacks_struct m_callbacks{};

    QByteArray m_toTarget;  // from the channel, not yet written to the node
    QByteArray m_toChannel; // from the node, not yet accepted by the channel
    bool m_connected = false;
    int m_connectError = 0;
    bool m_channelHoldsData = true; // libssh may hold channel data we have not taken yet
    bool m_channelEof = false;
    bool m_targetWriteShut = false;
    bool m_targetEof = false;
    bool m_channelEofSent = false;
    bool m_channelClosed = false;
    bool m_finished = false;
};

} // namespace labshare::tunnel
