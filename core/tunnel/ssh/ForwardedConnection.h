// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/bookkeeping/ShareCounters.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/ChannelWindow.h"
#include "tunnel/ssh/OutputBacklog.h"

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <QByteArray>

namespace labshare::tunnel {

// One forwarded connection: a `forwarded-tcpip` channel from the relay joined to a TCP socket to
// the node. Bytes move both ways without blocking, EOF is passed on as a half-close, what the student sent
// reaches the node even when the relay closes the channel first, and the channel and socket are closed on every
// path. Towards the node the relay may have at most ChannelWindow::kBound outstanding in
// LabShare (its window, libssh's buffer and this one's); towards the relay at most kBufferCap waits here for the
// relay's window, and the node is read only while the session's OutputBacklog admits more. Data goes straight from
// libssh's buffer or the node's socket when the other side takes it; what waits is copied, and the memory is released
// once drained. Worker thread only.
class ForwardedConnection {
public:
    static constexpr qsizetype kBufferCap = 256 * 1024;

    // `activity` is set whenever libssh hands this connection something, so the loop polls again at once. `output`
    // is the session's, shared by all its connections. `record` (share, originator) and `reporter`: see
    // ConnectionTrace; none for the inner leg of a gated one.
    ForwardedConnection(ssh_channel channel, Socket target, ShareCounters& counters, bool& activity,
                        OutputBacklog& output, ConnectionRecord record = {}, ConnectionTrace::Reporter reporter = {});
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

    qsizetype heldForTarget() const { return m_toTarget.size() - m_toTargetSent; }
    void holdForTarget(const char* data, qsizetype size);
    void flushToTarget();
    // Takes from `data` (what libssh holds) what the node takes now, and what ChannelWindow allows into m_toTarget.
    qsizetype takeChannelData(const char* data, qsizetype len);
    void pullBufferedChannelData();
    void growWindow();
    void readFromTarget();
    void flushToChannel();
    qsizetype writeToChannel(const char* data, qsizetype size); // what the window took, -1 once finished
    // Ends it; how: the side that closed first, else `how` (the side that failed).
    void finish(ConnectionEnd how);

    ssh_channel m_channel;
    Socket m_target;
    ConnectionTrace m_trace;
    ConnectionEnd m_firstClosed = ConnectionEnd::Open; // Student or Node, whichever sent EOF first
    bool& m_activity;
    OutputBacklog& m_output;
    ssh_channel_callbacks_struct m_callbacks{};

    ChannelWindow m_window;
    QByteArray m_toTarget; // from the channel, not yet written to the node: from m_toTargetSent on
    qsizetype m_toTargetSent = 0;
    qsizetype m_libsshHolds = 0; // bytes of channel data libssh holds that we have not taken yet
    QByteArray m_toChannel;      // from the node, not yet accepted by the channel
    bool m_connected = false;
    int m_connectError = 0;
    bool m_channelEof = false;
    bool m_targetWriteShut = false;
    bool m_targetEof = false;
    bool m_channelEofSent = false;
    bool m_channelClosed = false;
    bool m_finished = false;
};

} // namespace labshare::tunnel
