// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "terminal/TerminalKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <thread>

namespace labshare::terminal {
struct NodeLogin;
}

namespace labshare::tunnel {

// What a terminal share serves, and its limits.
struct TerminalOptions {
    QString node;       // for the page's status line and the messages in the terminal
    QString targetHost; // the node's SSH server
    quint16 targetPort = 22;
    terminal::TerminalKeys keys; // the links' keys: students', the instructor's own, watchers'; never logged
    QString knownHostsFile;      // the host keys of this lab's nodes: new ones are remembered, changed ones refused
    QString xtermDir;            // node-xterm's lib/ (empty: terminal::defaultXtermDir())
    int maxSessions = 8;         // open terminals (WebSockets) at once; one more is told so in its terminal
    int maxWatchers = 32;        // watch-link sockets at once; one more is told so
    int maxConnections = 64;     // sockets at once, page loads included: a thread each
    qsizetype outputHighBytes = 64 * 1024; // unsent output past this: stop reading the node
    int stallLimitMs = 30000;              // ... and close when the browser has not taken a byte for this long
    int headTimeoutMs = 10000;             // a request head must come by then
    int loginTimeoutMs = 120000;           // from the socket's open to a logged-in shell
    int resumeWindowMs = 60000;            // a shell whose browser went away waits this long for the page to come back
    int connectTimeoutMs = 10000;
};

// A terminal share on this machine: listens on 127.0.0.1 (a port of its own, which the share's forward leads
// to, on every relay kind and behind the gate), serves the page and xterm.js under /t/<key>, and turns each
// WebSocket on that URL into an SSH session to the node with a pseudo-terminal: one browser tab, one SSH
// session. The instructor's own link (the presenter's key) is such a terminal too, and every tab on the watch
// link mirrors it, read-only (TerminalBroadcast). A thread accepts; each connection has its own worker thread (page
// loads end at once; a terminal lives as long as its tab), so libssh never runs on the caller's thread and one slow
// node stalls no other tab.
class TerminalServer {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::TerminalServer)

public:
    explicit TerminalServer(TerminalOptions options);
    ~TerminalServer(); // stop()
    TerminalServer(const TerminalServer&) = delete;
    TerminalServer& operator=(const TerminalServer&) = delete;

    // Listens on 127.0.0.1, a port the system picks; returns it.
    [[nodiscard]] Result<quint16> start();
    // Closes every terminal (each is told why) and waits for their threads.
    void stop();

    quint16 port() const { return m_port; }
    int sessions() const; // open terminals
    int watchers() const; // open watch-link tabs
    // The login new terminals use on the node instead of asking the student (nullptr: students log in
    // themselves); terminals already open keep theirs. Any thread.
    void setLogin(std::shared_ptr<const terminal::NodeLogin> login);
    const TerminalOptions& options() const;

    struct Shared; // what the accepting thread and the connections' threads share

private:
    void acceptLoop();

    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    int m_listenFd = -1;
    quint16 m_port = 0;
};

} // namespace labshare::tunnel
