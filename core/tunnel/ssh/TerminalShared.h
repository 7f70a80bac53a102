// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "terminal/NodeLogin.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/TerminalBroadcast.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QByteArray>

#include <sys/socket.h>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace labshare::tunnel {

struct TerminalServer::Shared {
    TerminalOptions options;
    std::atomic<int> sessions{0};
    TerminalBroadcast broadcast; // the instructor's own terminal, for the watch link
    std::atomic<bool> stopping{false};
    Waker stop;
    std::mutex knownHosts; // one check-and-remember of a node's host key at a time
    std::mutex files;
    std::optional<QByteArray> script; // the xterm.js bundle, built on first request
    std::optional<QByteArray> style;
    std::mutex loginLock;
    std::shared_ptr<const terminal::NodeLogin> login; // TerminalServer::setLogin

    std::shared_ptr<const terminal::NodeLogin> currentLogin() {
        std::lock_guard lock(loginLock);
        return login;
    }

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
    // A terminal whose browser went away without closing it, waiting for the page to come back with its
    // resume token (TerminalTab::park); the connection that brings the token hands its socket over.
    struct Parked {
        std::optional<Socket> client;
        QByteArray early; // what that connection read past its request head: the page's first messages
        Waker arrived;
    };
    std::mutex parkedTabs;
    std::map<QByteArray, Parked*> parked; // by resume token

    // Gives `client` (and `early`) to the terminal parked under `token`; false, `client` untouched, when none is.
    bool handOver(const QByteArray& token, Socket& client, const QByteArray& early) {
        std::lock_guard lock(parkedTabs);
        const auto it = parked.find(token);
        if (it == parked.end())
            return false;
        it->second->client = std::move(client);
        it->second->early = early;
        it->second->arrived.wake();
        parked.erase(it);
        return true;
    }

    void shutDownNodeSockets() {
        std::lock_guard lock(nodeSockets);
        for (const int fd : nodeFds)
            ::shutdown(fd, SHUT_RDWR);
    }
};

} // namespace labshare::tunnel
