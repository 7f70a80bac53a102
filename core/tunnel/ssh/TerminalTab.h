// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "terminal/NodeLogin.h"
#include "terminal/PromptLine.h"
#include "terminal/WebSocketCodec.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/SshConnection.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <memory>
#include <optional>

namespace labshare::tunnel {

// One connection to a terminal share, on its own thread: a page or file request answered, or a WebSocket
// that becomes one SSH session to the node (login prompts in the terminal, then a shell on a pty).
class TerminalTab {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::TerminalTab)

public:
    TerminalTab(Socket client, TerminalServer::Shared& shared);
    ~TerminalTab();
    void run();

    static QByteArray busyAnswer();

private:
    enum class Wait { Ready, Closed, Stopped, TimedOut };

    void serveRequest();
    void serveTerminal();
    void watch();        // a watch-link tab: the instructor's terminal, read-only (TerminalBroadcast)
    bool connectNode();  // says why not in the terminal
    bool checkHostKey(); // says why not in the terminal
    bool logIn();        // says why not in the terminal
    bool logInAsSet();   // with the instructor's login for the node (m_login); says why not in the terminal
    bool openShell();    // says why not in the terminal
    void pump();
    // Carries keys and output until the terminal ends (false) or the browser went away without a goodbye (true).
    bool pumpClient();
    // Keeps the shell for the page to come back (resumeWindowMs); true once it has, on a new socket.
    bool park();
    void present(const QByteArray& output); // the instructor's own terminal: its watchers see what it shows
    // Reads what the node printed into m_held, up to outputHighBytes; false when the session ended.
    bool holdNodeOutput();
    // Reads the student's messages until the prompt is answered; nullopt: cancelled, closed or timed out.
    std::optional<QByteArray> ask(const QByteArray& prompt, bool echo);
    // Reads what the browser sent and handles control messages; input goes to m_keys. False: the socket ended.
    bool readClient();
    bool takeMessages(const QByteArray& bytes); // readClient's second half
    void show(const QByteArray& text);          // into the terminal, made printable
    void status(const QString& text);           // the page's status line
    void end(const QString& why, quint16 code = 1000);
    // Sends what the browser's socket takes now; false when its end went away or it has taken nothing of what waits
    // for stallLimitMs (`stalled` runs since it last took a byte).
    bool sendOut(QElapsedTimer& stalled);
    bool flush(int timeoutMs); // blocks until all is sent (or time or stop): before a blocking libssh call
    Wait waitReadable(int fd, int timeoutMs);

    Socket m_client;
    TerminalServer::Shared& m_shared;
    const TerminalOptions& m_options;
    terminal::WebSocketReader m_reader;
    QByteArray m_out;  // frames for the browser, not yet sent
    QByteArray m_keys; // the student's keys, not yet given to the node
    bool m_clientGone = false;
    bool m_dropped = false;   // ... without a close or an end: the page may come back (park)
    QByteArray m_resumeToken; // given to the page once the shell runs: a new WebSocket with it takes over
    QByteArray m_held;        // what the node printed while the page was away
    bool m_counted = false;
    terminal::TerminalRole m_role = terminal::TerminalRole::Student;
    bool m_presenting = false; // this tab is the one the watch link mirrors
    int m_cols = 80;
    int m_rows = 24;
    bool m_resized = false;
    QString m_user;
    std::shared_ptr<const terminal::NodeLogin> m_login; // the instructor's, when set: no prompts
    SshSessionPtr m_session;
    ssh_channel m_channel = nullptr;
    int m_nodeFd = -1; // registered with the server while the session may use it
    QElapsedTimer m_since;
};

} // namespace labshare::tunnel
