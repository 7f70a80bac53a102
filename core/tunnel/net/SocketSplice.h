// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionTrace.h"
#include "tunnel/bookkeeping/ShareCounters.h"
#include "tunnel/net/Socket.h"

#include <QByteArray>

namespace labshare::tunnel {

// Joins two TCP sockets (a LAN client and the node) without blocking: each direction buffers at
// most kBufferCap, EOF is passed on as a half-close, both sockets close when both directions are
// done or either fails. Worker thread only.
class SocketSplice {
public:
    static constexpr qsizetype kBufferCap = 256 * 1024;

    // `record` (share, the client's address) and `reporter`: see ConnectionTrace.
    SocketSplice(Socket client, Socket node, ShareCounters& counters, ConnectionRecord record = {},
                 ConnectionTrace::Reporter reporter = {});
    ~SocketSplice();
    SocketSplice(const SocketSplice&) = delete;
    SocketSplice& operator=(const SocketSplice&) = delete;

    int clientFd() const { return m_client.fd(); }
    int nodeFd() const { return m_node.fd(); }
    short clientEvents() const;
    short nodeEvents() const;
    void onClientEvents(short revents);
    void onNodeEvents(short revents);

    bool isFinished() const { return m_finished; }
    bool connectFailed() const { return m_connectError != 0; }
    int connectError() const { return m_connectError; }
    ConnectionTrace& trace() { return m_trace; }

private:
    struct Direction {
        QByteArray buffer;
        bool eof = false;      // the reading side sent FIN
        bool shutDown = false; // FIN passed on to the writing side
    };
    // Reads from `from` into `d`, then writes what it can to `to`.
    void move(int from, int to, Direction& d);
    void flush(int to, Direction& d);
    void fail(int fd); // `fd` failed: the connection ends, on that side's account
    void checkDone();

    Socket m_client;
    Socket m_node;
    ConnectionTrace m_trace;
    ConnectionEnd m_firstClosed = ConnectionEnd::Open; // Student or Node: the side that closed or failed first
    Direction m_up;                                    // client -> node
    Direction m_down;                                  // node -> client
    bool m_connected = false;
    int m_connectError = 0;
    bool m_finished = false;
};

} // namespace labshare::tunnel
