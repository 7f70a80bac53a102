// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/TerminalTab.h"
#include "common/Logging.h"
#include "gate/HttpRequestStream.h"
#include "terminal/TerminalKey.h"
#include "terminal/TerminalPage.h"
#include "tunnel/ssh/TerminalShared.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace labshare::tunnel {

using terminal::PromptLine;
using terminal::TerminalPage;
using terminal::TerminalRoute;
using terminal::WebSocketReader;
using Opcode = terminal::WebSocketReader::Opcode;

namespace {

constexpr qsizetype kReadChunk = 16 * 1024;
constexpr qsizetype kMaxKeys = 64 * 1024; // typed ahead of a node that does not read: more ends the terminal
constexpr int kMaxAttempts = 3;

QByteArray sshError(ssh_session session) {
    return QByteArray(ssh_get_error(session));
}

void wipe(QByteArray& secret) {
    secret.fill('\0');
    secret.clear();
}

} // namespace

TerminalTab::TerminalTab(Socket client, TerminalServer::Shared& shared)
    : m_client(std::move(client))
    , m_shared(shared)
    , m_options(shared.options) {
    m_since.start();
}

TerminalTab::~TerminalTab() {
    if (m_channel) {
        ssh_channel_close(m_channel);
        ssh_channel_free(m_channel);
    }
    if (m_nodeFd >= 0)
        m_shared.removeNodeSocket(m_nodeFd);
    m_session.reset();
    if (m_counted)
        --m_shared.sessions;
    if (m_presenting)
        m_shared.broadcast.end();
}

QByteArray TerminalTab::busyAnswer() {
    return TerminalPage::busy();
}

void TerminalTab::run() {
    installSshLogging();
    serveRequest();
    (void)flush(2000);
    ::shutdown(m_client.fd(), SHUT_RDWR);
}

TerminalTab::Wait TerminalTab::waitReadable(int fd, int timeoutMs) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {m_shared.stop.fd(), POLLIN, 0}};
    const int n = ::poll(fds, 2, timeoutMs);
    if (m_shared.stopping)
        return Wait::Stopped;
    if (n == 0)
        return Wait::TimedOut;
    if (n < 0)
        return errno == EINTR ? Wait::TimedOut : Wait::Closed;
    return Wait::Ready;
}

void TerminalTab::serveRequest() {
    gate::HttpRequestStream requests;
    QByteArray after; // bytes after an upgrading request's head
    std::optional<gate::HttpRequestStream::Head> head;
    QElapsedTimer clock;
    clock.start();
    while (!head) {
        const qint64 left = m_options.headTimeoutMs - clock.elapsed();
        if (left <= 0 || waitReadable(m_client.fd(), int(left)) != Wait::Ready)
            return;
        char buffer[4096];
        const ssize_t n = ::recv(m_client.fd(), buffer, sizeof(buffer), 0);
        if (n <= 0) {
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            return;
        }
        Result<QList<gate::HttpRequestStream::Piece>> pieces = requests.feed(QByteArray(buffer, int(n)));
        if (!pieces) {
            m_out = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
            return;
        }
        for (const gate::HttpRequestStream::Piece& piece : *pieces) {
            if (piece.head && !head)
                head = piece.head;
            else if (head)
                after += piece.raw;
        }
    }
    const bool websocket = head->upgrade && head->header("Upgrade").toLower() == "websocket";
    const terminal::TerminalRequest request = terminal::routeTerminalRequest(head->target, websocket, m_options.keys);
    switch (request.route) {
    case TerminalRoute::Refused:
        m_out = TerminalPage::refusal();
        return;
    case TerminalRoute::NotFound:
        m_out = TerminalPage::notFound();
        return;
    case TerminalRoute::Page:
        m_out = TerminalPage::page(m_options.node, request.key, request.role);
        return;
    case TerminalRoute::Script:
    case TerminalRoute::Style: {
        const bool script = request.route == TerminalRoute::Script;
        std::lock_guard lock(m_shared.files);
        const QString dir = m_options.xtermDir.isEmpty() ? terminal::defaultXtermDir() : m_options.xtermDir;
        if (script && !m_shared.script) {
            Result<QByteArray> bundle = terminal::xtermBundle(dir);
            if (!bundle)
                qCWarning(lcTunnel) << "terminal:" << bundle.error().message;
            m_shared.script = bundle ? *bundle : QByteArray("document.title = 'xterm.js is not installed';");
        }
        if (!script && !m_shared.style) {
            QFile css(QDir(dir).filePath(QStringLiteral("xterm.css")));
            m_shared.style = css.open(QIODevice::ReadOnly) ? css.readAll() : QByteArray();
        }
        m_out = script ? TerminalPage::file("text/javascript; charset=utf-8", *m_shared.script)
                       : TerminalPage::file("text/css; charset=utf-8", *m_shared.style);
        return;
    }
    case TerminalRoute::Socket:
        break;
    }
    const QByteArray key = head->header("Sec-WebSocket-Key");
    if (key.isEmpty() || head->header("Sec-WebSocket-Version").trimmed() != "13") {
        m_out = "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n"
                "Content-Length: 0\r\n\r\n";
        return;
    }
    m_out = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: " +
            WebSocketReader::acceptFor(key) + "\r\n\r\n";
    m_role = request.role;
    if (m_role == terminal::TerminalRole::Watcher) {
        watch();
        return;
    }
    const QByteArray resume = terminal::resumeTokenOf(head->target);
    if (!resume.isEmpty()) {
        if (!flush(2000) || m_shared.handOver(resume, m_client, after))
            return; // the shell the page left now has this socket
        show(tr("The earlier session on %1 has ended. Log in again.\n").arg(m_options.node).toUtf8());
    }
    if (!after.isEmpty()) {
        Result<QList<WebSocketReader::Message>> early = m_reader.feed(after);
        for (const WebSocketReader::Message& m : early ? *early : QList<WebSocketReader::Message>{})
            if (m.opcode == Opcode::Text && m.payload.startsWith('i'))
                m_keys += m.payload.mid(1);
    }
    serveTerminal();
}

void TerminalTab::serveTerminal() {
    if (++m_shared.sessions > m_options.maxSessions) {
        --m_shared.sessions;
        show(tr("This terminal share already has %1 sessions open, its limit. Close another tab, or ask your "
                "instructor to raise the limit.\n")
                 .arg(m_options.maxSessions)
                 .toUtf8());
        end(tr("too many sessions"), 1008);
        return;
    }
    m_counted = true;
    if (m_role == terminal::TerminalRole::Presenter) {
        m_presenting = m_shared.broadcast.begin(m_cols, m_rows);
        if (!m_presenting) {
            show(tr("Your own terminal on %1 is open in another tab already, and the watch link shows that one. "
                    "Close it first.\n")
                     .arg(m_options.node)
                     .toUtf8());
            end(tr("shown in another tab"), 1008);
            return;
        }
    }
    m_login = m_shared.currentLogin();
    if (m_login)
        m_user = m_login->user;
    status(tr("connecting to %1").arg(m_options.node));
    if (!connectNode() || !checkHostKey() || !logIn() || !openShell())
        return;
    status(tr("%1@%2").arg(m_user, m_options.node));
    m_resumeToken = terminal::newTerminalKey();
    m_out += WebSocketReader::frame(Opcode::Text, 'k' + m_resumeToken);
    qCInfo(lcTunnel) << "terminal on" << m_options.node << "open for" << m_user;
    pump();
}

bool TerminalTab::connectNode() {
    if (m_user.isEmpty()) {
        std::optional<QByteArray> user = ask(tr("%1 login as: ").arg(m_options.node).toUtf8(), true);
        if (!user)
            return false;
        m_user = QString::fromUtf8(user->trimmed());
        if (m_user.isEmpty() || m_user.contains(QLatin1Char('@'))) {
            end(tr("no user name"), 1000);
            return false;
        }
    }
    (void)flush(1000);
    const QString where = m_options.targetHost + QLatin1Char(':') + QString::number(m_options.targetPort);
    const auto fail = [&](const QString& why) {
        show(tr("Cannot reach %1 at %2: %3\n").arg(m_options.node, where, why).toUtf8());
        end(tr("cannot reach %1").arg(m_options.node));
        return false;
    };
    Result<Socket> socket = Socket::connectTo(m_options.targetHost, m_options.targetPort);
    if (!socket)
        return fail(socket.error().message);
    if (Result<bool> up = socket->waitConnected(m_options.connectTimeoutMs, m_shared.stop.fd()); !up)
        return fail(up.error().message);
    socket->setBlocking(true);
    m_session.reset(ssh_new());
    ssh_session s = m_session.get();
    const int fd = socket->release();
    m_nodeFd = fd;
    m_shared.addNodeSocket(fd);
    const QByteArray host = m_options.targetHost.toUtf8();
    const QByteArray user = m_user.toUtf8();
    const QByteArray knownHosts = QFile::encodeName(m_options.knownHostsFile);
    const unsigned int port = m_options.targetPort;
    const long timeout = std::max(1, m_options.connectTimeoutMs / 1000);
    const int no = 0;
    if (ssh_options_set(s, SSH_OPTIONS_FD, &fd) != SSH_OK || ssh_options_set(s, SSH_OPTIONS_HOST, host.constData()) ||
        ssh_options_set(s, SSH_OPTIONS_PORT, &port) || ssh_options_set(s, SSH_OPTIONS_USER, user.constData()) ||
        ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout) || ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no) ||
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData()) ||
        ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, knownHosts.constData())) {
        return fail(QString::fromUtf8(sshError(s)));
    }
    if (ssh_connect(s) != SSH_OK)
        return fail(QString::fromUtf8(sshError(s)));
    return true;
}

bool TerminalTab::checkHostKey() {
    ssh_session s = m_session.get();
    const QString fingerprint = hostKeyFingerprint(s);
    std::lock_guard lock(m_shared.knownHosts);
    switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
        return true;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        qCWarning(lcTunnel) << "terminal: the host key of" << m_options.node << "changed to" << fingerprint;
        show(tr("The host key of %1 has CHANGED: it is now %2, not the key LabShare remembered for this lab. Not "
                "connecting. If the node was redeployed, your instructor can forget its old key.\n")
                 .arg(m_options.node, fingerprint)
                 .toUtf8());
        end(tr("host key changed"), 1008);
        return false;
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
        QDir().mkpath(QFileInfo(m_options.knownHostsFile).absolutePath());
        if (ssh_session_update_known_hosts(s) != SSH_OK)
            break;
        show(tr("First connection to %1: its host key %2 is remembered for this lab.\n")
                 .arg(m_options.node, fingerprint)
                 .toUtf8());
        return true;
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    show(tr("Cannot check the host key of %1: %2\n").arg(m_options.node, QString::fromUtf8(sshError(s))).toUtf8());
    end(tr("host key unchecked"), 1011);
    return false;
}

bool TerminalTab::logIn() {
    if (m_login)
        return logInAsSet();
    ssh_session s = m_session.get();
    int rc = ssh_userauth_none(s, nullptr);
    for (int attempt = 0; rc != SSH_AUTH_SUCCESS && attempt < kMaxAttempts; ++attempt) {
        if (rc == SSH_AUTH_ERROR)
            break;
        const int methods = ssh_userauth_list(s, nullptr);
        if (attempt > 0)
            show(tr("Access denied.\n").toUtf8());
        if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
            rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            while (rc == SSH_AUTH_INFO) {
                const QByteArray instruction = ssh_userauth_kbdint_getinstruction(s);
                if (!instruction.isEmpty())
                    show(instruction + '\n');
                const int prompts = ssh_userauth_kbdint_getnprompts(s);
                for (int i = 0; i < prompts; ++i) {
                    char echo = 0;
                    const QByteArray prompt = ssh_userauth_kbdint_getprompt(s, unsigned(i), &echo);
                    std::optional<QByteArray> answer = ask(prompt, echo != 0);
                    if (!answer)
                        return false;
                    const int set = ssh_userauth_kbdint_setanswer(s, unsigned(i), answer->constData());
                    wipe(*answer);
                    if (set < 0)
                        return false;
                }
                rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            }
        } else if (methods & SSH_AUTH_METHOD_PASSWORD) {
            std::optional<QByteArray> password =
                ask(tr("%1@%2's password: ").arg(m_user, m_options.node).toUtf8(), false);
            if (!password)
                return false;
            rc = ssh_userauth_password(s, nullptr, password->constData());
            wipe(*password);
        } else {
            show(tr("%1 accepts no password login for %2.\n").arg(m_options.node, m_user).toUtf8());
            end(tr("no password login"));
            return false;
        }
    }
    if (rc == SSH_AUTH_SUCCESS)
        return true;
    show(tr("Access denied.\n").toUtf8());
    end(tr("login failed"));
    return false;
}

bool TerminalTab::logInAsSet() {
    ssh_session s = m_session.get();
    const secrets::SecretBytes& secret = m_login->secret;
    int rc = ssh_userauth_none(s, nullptr);
    if (rc == SSH_AUTH_DENIED || rc == SSH_AUTH_PARTIAL) {
        const int methods = ssh_userauth_list(s, nullptr);
        if (m_login->isPrivateKey()) {
            ssh_key key = nullptr;
            if (ssh_pki_import_privkey_base64(secret.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
                qCWarning(lcTunnel) << "terminal: the key set for" << m_options.node << "cannot be read";
                show(tr("The key LabShare has for %1 cannot be read (a key with a passphrase?). Your instructor can "
                        "set the login again.\n")
                         .arg(m_options.node)
                         .toUtf8());
                end(tr("unreadable key"));
                return false;
            }
            rc = ssh_userauth_publickey(s, nullptr, key);
            ssh_key_free(key);
        } else if (methods & SSH_AUTH_METHOD_PASSWORD) {
            rc = ssh_userauth_password(s, nullptr, secret.constData());
        } else if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
            // The password answers each hidden prompt; a prompt that shows its answer is not a password's.
            rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            for (int round = 0; rc == SSH_AUTH_INFO && round < kMaxAttempts; ++round) {
                const int prompts = ssh_userauth_kbdint_getnprompts(s);
                for (int i = 0; i < prompts; ++i) {
                    char echo = 0;
                    (void)ssh_userauth_kbdint_getprompt(s, unsigned(i), &echo);
                    if (echo || ssh_userauth_kbdint_setanswer(s, unsigned(i), secret.constData()) < 0)
                        rc = SSH_AUTH_DENIED;
                }
                if (rc == SSH_AUTH_INFO)
                    rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            }
        }
    }
    if (rc == SSH_AUTH_SUCCESS)
        return true;
    qCWarning(lcTunnel) << "terminal:" << m_options.node << "refused the login set for" << m_user;
    show(tr("%1 refused the login LabShare has for it (%2). Your instructor can set it again, or let students log "
            "in themselves.\n")
             .arg(m_options.node, m_user)
             .toUtf8());
    end(tr("login refused"));
    return false;
}

bool TerminalTab::openShell() {
    ssh_session s = m_session.get();
    m_channel = ssh_channel_new(s);
    if (!m_channel || ssh_channel_open_session(m_channel) != SSH_OK ||
        ssh_channel_request_pty_size(m_channel, "xterm-256color", m_cols, m_rows) != SSH_OK ||
        ssh_channel_request_shell(m_channel) != SSH_OK) {
        show(tr("%1 refused a shell: %2\n").arg(m_options.node, QString::fromUtf8(sshError(s))).toUtf8());
        end(tr("no shell"));
        return false;
    }
    ssh_set_blocking(s, 0);
    return true;
}

void TerminalTab::pump() {
    while (pumpClient() && park()) {
    }
}

bool TerminalTab::pumpClient() {
    ssh_session s = m_session.get();
    QElapsedTimer stalled; // since the browser last took a byte while output waited
    stalled.start();
    while (!m_clientGone) {
        if (m_resized) {
            m_resized = false;
            (void)ssh_channel_change_pty_size(m_channel, m_cols, m_rows);
            if (m_presenting)
                m_shared.broadcast.resize(m_cols, m_rows);
        }
        while (!m_keys.isEmpty()) {
            const int n = ssh_channel_write(m_channel, m_keys.constData(),
                                            uint32_t(std::min<qsizetype>(m_keys.size(), kReadChunk)));
            if (n == SSH_ERROR) {
                end(tr("the connection to %1 failed").arg(m_options.node), 1011);
                return false;
            }
            if (n == 0)
                break;
            m_keys.remove(0, n);
        }
        bool more = false;
        if (m_out.size() < m_options.outputHighBytes) {
            for (int stderrStream = 0; stderrStream <= 1; ++stderrStream) {
                char buffer[kReadChunk];
                const int n = ssh_channel_read_nonblocking(m_channel, buffer, sizeof(buffer), stderrStream);
                if (n > 0) {
                    const QByteArray output(buffer, n);
                    present(output);
                    m_out += WebSocketReader::frame(Opcode::Binary, output);
                    more = true;
                } else if (n == SSH_ERROR) {
                    end(tr("the connection to %1 failed").arg(m_options.node), 1011);
                    return false;
                }
            }
            if (!more && (ssh_channel_is_eof(m_channel) || ssh_channel_is_closed(m_channel))) {
                end(tr("session ended"));
                return false;
            }
        }
        if (!sendOut(stalled))
            return true; // nothing more can reach it: no goodbye
        if (more && m_out.size() < m_options.outputHighBytes)
            continue; // libssh may hold more that it already read
        pollfd fds[3] = {{m_client.fd(), short(POLLIN | (m_out.isEmpty() ? 0 : POLLOUT)), 0},
                         {ssh_get_fd(s), short(m_out.size() < m_options.outputHighBytes ? POLLIN : 0), 0},
                         {m_shared.stop.fd(), POLLIN, 0}};
        if (::poll(fds, 3, 1000) < 0 && errno != EINTR)
            return false;
        if (m_shared.stopping) {
            end(tr("LabShare stopped this share"), 1001);
            return false;
        }
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !readClient())
            return m_dropped;
    }
    return m_dropped;
}

bool TerminalTab::park() {
    if (m_resumeToken.isEmpty() || m_shared.stopping)
        return false;
    ::shutdown(m_client.fd(), SHUT_RDWR);
    m_client.close();
    m_out.clear(); // frames half sent to the old socket mean nothing on a new one
    TerminalServer::Shared::Parked slot;
    {
        std::lock_guard lock(m_shared.parkedTabs);
        m_shared.parked[m_resumeToken] = &slot;
    }
    qCInfo(lcTunnel) << "terminal on" << m_options.node << "waits" << m_options.resumeWindowMs / 1000
                     << "s for its browser to come back";
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const qint64 left = m_options.resumeWindowMs - clock.elapsed();
        if (!holdNodeOutput() || left <= 0 || m_shared.stopping)
            break;
        pollfd fds[3] = {
            {slot.arrived.fd(), POLLIN, 0},
            {ssh_get_fd(m_session.get()), short(m_held.size() < m_options.outputHighBytes ? POLLIN : 0), 0},
            {m_shared.stop.fd(), POLLIN, 0}};
        if ((::poll(fds, 3, int(std::min<qint64>(left, 1000))) < 0 && errno != EINTR) || fds[0].revents)
            break;
    }
    {
        std::lock_guard lock(m_shared.parkedTabs);
        if (!slot.client) {
            m_shared.parked.erase(m_resumeToken);
            qCInfo(lcTunnel) << "terminal on" << m_options.node << "closed: its browser did not come back";
            return false;
        }
    }
    m_client = std::move(*slot.client);
    m_reader = WebSocketReader();
    m_clientGone = m_dropped = false;
    qCInfo(lcTunnel) << "terminal on" << m_options.node << "is back in its browser";
    status(tr("%1@%2").arg(m_user, m_options.node));
    if (!m_held.isEmpty())
        m_out += WebSocketReader::frame(Opcode::Binary, std::exchange(m_held, {}));
    return slot.early.isEmpty() || takeMessages(slot.early);
}

bool TerminalTab::holdNodeOutput() {
    while (m_held.size() < m_options.outputHighBytes) {
        char buffer[kReadChunk];
        const int n = ssh_channel_read_nonblocking(m_channel, buffer, sizeof(buffer), 0);
        if (n == SSH_ERROR)
            return false;
        if (n <= 0)
            return !ssh_channel_is_eof(m_channel) && !ssh_channel_is_closed(m_channel);
        const QByteArray output(buffer, n);
        present(output);
        m_held += output;
    }
    return true;
}

void TerminalTab::present(const QByteArray& output) {
    if (m_presenting)
        m_shared.broadcast.publish(output);
}

void TerminalTab::watch() {
    TerminalBroadcast& broadcast = m_shared.broadcast;
    const Waker news;
    if (!broadcast.addWatcher(&news, m_options.maxWatchers)) {
        show(tr("This watch link already has %1 viewers, its limit.\n").arg(m_options.maxWatchers).toUtf8());
        end(tr("too many viewers"), 1008);
        return;
    }
    TerminalBroadcast::View view;
    QElapsedTimer stalled; // since the browser last took a byte while output waited
    stalled.start();
    while (!m_clientGone && !m_shared.stopping) {
        const bool room = m_out.size() < m_options.outputHighBytes;
        if (room) {
            const TerminalBroadcast::News taken = broadcast.take(view, m_options.outputHighBytes - m_out.size());
            if (taken.changed) {
                status(taken.presenting ? tr("watching the instructor's terminal (read-only)")
                                        : tr("waiting for the instructor's terminal"));
                m_out += WebSocketReader::frame(Opcode::Text, 'z' + QByteArray::number(taken.cols) + 'x' +
                                                                  QByteArray::number(taken.rows));
            }
            if (taken.restart)
                m_out += WebSocketReader::frame(Opcode::Text, "c");
            if (!taken.output.isEmpty())
                m_out += WebSocketReader::frame(Opcode::Binary, taken.output);
        }
        if (!sendOut(stalled))
            break; // a viewer that went away or stopped reading holds nothing more
        // While its output waits, a viewer takes no news: the waker stays set until there is room.
        pollfd fds[3] = {{m_client.fd(), short(POLLIN | (m_out.isEmpty() ? 0 : POLLOUT)), 0},
                         {news.fd(), short(room ? POLLIN : 0), 0},
                         {m_shared.stop.fd(), POLLIN, 0}};
        if (::poll(fds, 3, 1000) < 0 && errno != EINTR)
            break;
        if (fds[1].revents & POLLIN)
            news.drain();
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !readClient())
            break;
        m_keys.clear(); // a viewer's keys and sizes go nowhere
        m_resized = false;
    }
    if (m_shared.stopping)
        end(tr("LabShare stopped this share"), 1001);
    broadcast.removeWatcher(&news);
}

bool TerminalTab::readClient() {
    char buffer[kReadChunk];
    const ssize_t n = ::recv(m_client.fd(), buffer, sizeof(buffer), 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        m_clientGone = m_dropped = true;
        return false;
    }
    return n < 0 || takeMessages(QByteArray(buffer, int(n)));
}

bool TerminalTab::takeMessages(const QByteArray& bytes) {
    Result<QList<WebSocketReader::Message>> messages = m_reader.feed(bytes);
    if (!messages) {
        qCInfo(lcTunnel) << "terminal on" << m_options.node << "closed:" << m_reader.failure().reason;
        m_out += WebSocketReader::closeFrame(m_reader.failure().closeCode);
        m_clientGone = true;
        return false;
    }
    for (const WebSocketReader::Message& m : *messages) {
        switch (m.opcode) {
        case Opcode::Close:
            m_out += WebSocketReader::closeFrame(1000);
            m_clientGone = true;
            return false;
        case Opcode::Ping:
            m_out += WebSocketReader::frame(Opcode::Pong, m.payload);
            break;
        case Opcode::Text:
            if (m.payload.startsWith('i')) {
                m_keys += m.payload.mid(1);
            } else if (m.payload.startsWith('r')) {
                const QList<QByteArray> size = m.payload.mid(1).split('x');
                const int cols = size.size() == 2 ? size.at(0).toInt() : 0;
                const int rows = size.size() == 2 ? size.at(1).toInt() : 0;
                if (cols >= 2 && cols <= 1000 && rows >= 1 && rows <= 1000) {
                    m_cols = cols;
                    m_rows = rows;
                    m_resized = true;
                }
            }
            break;
        case Opcode::Binary:
            m_out += WebSocketReader::closeFrame(1003, "text messages only");
            m_clientGone = true;
            return false;
        default:
            break;
        }
    }
    if (m_keys.size() > kMaxKeys) {
        end(tr("too much input at once"), 1009);
        m_clientGone = true;
        return false;
    }
    return true;
}

std::optional<QByteArray> TerminalTab::ask(const QByteArray& prompt, bool echo) {
    show(prompt);
    PromptLine line(echo);
    while (true) {
        if (!m_keys.isEmpty()) {
            PromptLine::Step step = line.feed(std::exchange(m_keys, {}));
            m_out += WebSocketReader::frame(Opcode::Binary, step.show);
            m_keys = step.rest;
            if (step.cancelled) {
                end(tr("login cancelled"));
                return std::nullopt;
            }
            if (step.answer)
                return step.answer;
        }
        if (!flush(m_options.stallLimitMs))
            return std::nullopt;
        const qint64 left = m_options.loginTimeoutMs - m_since.elapsed();
        if (left <= 0) {
            show(tr("\nNo login in time.\n").toUtf8());
            end(tr("login timed out"));
            return std::nullopt;
        }
        if (waitReadable(m_client.fd(), int(std::min<qint64>(left, 1000))) == Wait::Stopped) {
            end(tr("LabShare stopped this share"), 1001);
            return std::nullopt;
        }
        if (!readClient())
            return std::nullopt;
    }
}

void TerminalTab::show(const QByteArray& text) {
    m_out += WebSocketReader::frame(Opcode::Binary, PromptLine::printable(text));
}

void TerminalTab::status(const QString& text) {
    m_out += WebSocketReader::frame(Opcode::Text, 's' + text.toUtf8());
}

void TerminalTab::end(const QString& why, quint16 code) {
    status(why);
    m_out += WebSocketReader::frame(Opcode::Text, "e");
    m_out += WebSocketReader::closeFrame(code);
    m_clientGone = true;
}

bool TerminalTab::sendOut(QElapsedTimer& stalled) {
    const qsizetype before = m_out.size();
    if (!sendBuffered(m_client.fd(), m_out))
        return false;
    if (m_out.size() < before || m_out.isEmpty()) {
        stalled.restart();
        return true;
    }
    if (stalled.elapsed() <= m_options.stallLimitMs)
        return true;
    qCInfo(lcTunnel) << "terminal on" << m_options.node << "lost its browser: it stopped reading";
    return false;
}

bool TerminalTab::flush(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!m_out.isEmpty()) {
        if (!sendBuffered(m_client.fd(), m_out))
            return false;
        if (m_out.isEmpty())
            break;
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return false;
        pollfd fds[2] = {{m_client.fd(), POLLOUT, 0}, {m_shared.stop.fd(), POLLIN, 0}};
        if (::poll(fds, 2, int(left)) < 0 && errno != EINTR)
            return false;
        if (m_shared.stopping)
            return false;
    }
    return true;
}

} // namespace labshare::tunnel
