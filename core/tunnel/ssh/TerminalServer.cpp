// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/TerminalServer.h"
#include "common/Logging.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/TerminalShared.h"
#include "tunnel/ssh/TerminalTab.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <list>

namespace labshare::tunnel {

TerminalServer::TerminalServer(TerminalOptions options)
    : m_shared(std::make_shared<Shared>()) {
    m_shared->options = std::move(options);
}

TerminalServer::~TerminalServer() {
    stop();
}

int TerminalServer::sessions() const {
    return m_shared->sessions.load();
}

int TerminalServer::watchers() const {
    return m_shared->broadcast.watchers();
}

void TerminalServer::setLogin(std::shared_ptr<const terminal::NodeLogin> login) {
    std::lock_guard lock(m_shared->loginLock);
    m_shared->login = std::move(login);
}

const TerminalOptions& TerminalServer::options() const {
    return m_shared->options;
}

Result<quint16> TerminalServer::start() {
    if (m_thread.joinable())
        return m_port;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(ErrorCode::Network, tr("cannot open the terminal's socket: %1").arg(errnoText(errno)));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(fd, 64) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorCode::Network,
                         tr("cannot listen for the terminal on 127.0.0.1: %1").arg(errnoText(error)));
    }
    m_listenFd = fd;
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { acceptLoop(); });
    return m_port;
}

void TerminalServer::stop() {
    if (!m_thread.joinable())
        return;
    m_shared->stopping = true;
    m_shared->stop.wake();           // never drained: every loop polling it sees it from now on
    m_shared->shutDownNodeSockets(); // a tab inside a blocking libssh call returns at once
    m_thread.join();
    ::close(m_listenFd);
    m_listenFd = -1;
}

void TerminalServer::acceptLoop() {
    struct Running {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::list<Running> running;
    const auto reap = [&running](bool all) {
        for (auto it = running.begin(); it != running.end();) {
            if (all || it->done->load()) {
                it->thread.join();
                it = running.erase(it);
            } else {
                ++it;
            }
        }
    };
    while (!m_shared->stopping) {
        pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_shared->stop.fd(), POLLIN, 0}};
        if (::poll(fds, 2, 1000) < 0 && errno != EINTR)
            break;
        reap(false);
        if (m_shared->stopping || !(fds[0].revents & POLLIN))
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        Socket client(fd);
        if (running.size() >= std::size_t(m_shared->options.maxConnections)) {
            qCWarning(lcTunnel) << "terminal" << m_shared->options.node << "refuses a connection: too many at once";
            QByteArray busy = TerminalTab::busyAnswer();
            (void)sendBuffered(client.fd(), busy);
            continue;
        }
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::shared_ptr<Shared> shared = m_shared;
        running.push_back({std::thread([shared, done, fd = client.release()]() mutable {
                               TerminalTab(Socket(fd), *shared).run();
                               done->store(true);
                           }),
                           done});
    }
    reap(true);
}

} // namespace labshare::tunnel
