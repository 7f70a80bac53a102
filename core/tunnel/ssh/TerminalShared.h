// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/net/Socket.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QByteArray>

#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <set>

namespace labshare::tunnel {

struct TerminalServer::Shared {
    TerminalOptions options;
    std::atomic<int> sessions{0};
    std::atomic<bool> stopping{false};
    Waker stop;
    std::mutex knownHosts; // one check-and-remember of a node's host key at a time
    std::mutex files;
    std::optional<QByteArray> script; // the xterm.js bundle, built on first request
    std::optional<QByteArray> style;
    std::mutex nodeSockets;
    std::set<int> nodeFds; // the tabs' SSH sockets: shut down on stop, so no blocking libssh call waits on

    void addNodeSocket(int fd) {
        std::lock_guard lock(nodeSockets);
        nodeFds.insert(fd);
        if (stopping)
            ::shutdown(fd, SHUT_RDWR);
    }
    void removeNodeSocket(int fd) {
        std::lock_guard lock(nodeSockets);
        nodeFds.erase(fd);
    }
    void shutDownNodeSockets() {
        std::lock_guard lock(nodeSockets);
        for (const int fd : nodeFds)
            ::shutdown(fd, SHUT_RDWR);
    }
};

} // namespace labshare::tunnel
