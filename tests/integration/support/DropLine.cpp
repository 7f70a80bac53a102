// SPDX-License-Identifier: GPL-3.0-or-later
#include "DropLine.h"

#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace labshare::testsupport {

namespace {

int listenOn(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 || ::listen(fd, 64) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int connectTo(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
        ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

quint16 localPort(int fd) {
    sockaddr_in a{};
    socklen_t length = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    return ntohs(a.sin_port);
}

// One connection through the line: the client's socket and the server's, copied both ways with small buffers.
struct Pair {
    int fd[2];
    bool dropped = false;
};

// Copies what `from` has to `to`; false when either side is done (then the pair closes).
bool copy(int from, int to) {
    char buffer[16384];
    const ssize_t n = ::read(from, buffer, sizeof(buffer));
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        return false;
    for (ssize_t sent = 0; sent < n;) { // the loopback peer takes it; a short wait is fine in a test
        const ssize_t w = ::write(to, buffer + sent, static_cast<size_t>(n - sent));
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            return false;
        if (w > 0)
            sent += w;
        else
            QThread::usleep(200);
    }
    return true;
}

} // namespace

DropLine::~DropLine() {
    if (m_thread.joinable()) {
        command(Command::Stop);
        m_thread.join();
    }
    for (int fd : m_wake)
        if (fd >= 0)
            ::close(fd);
}

bool DropLine::start(quint16 targetPort) {
    m_target = targetPort;
    const int probe = listenOn(0);
    if (probe < 0 || ::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        m_error = QStringLiteral("cannot listen on 127.0.0.1");
        return false;
    }
    m_port = localPort(probe);
    ::close(probe);
    m_thread = std::thread([this] { run(); });
    return true;
}

void DropLine::command(Command c) {
    Command expected = Command::None;
    while (!m_command.compare_exchange_weak(expected, c)) { // one at a time: wait for the last to be taken
        expected = Command::None;
        QThread::usleep(500);
    }
    const char byte = 1;
    (void)::write(m_wake[1], &byte, 1);
    while (m_command.load() != Command::None) // taken when this returns
        QThread::usleep(500);
}

void DropLine::run() {
    int listener = listenOn(m_port);
    std::vector<Pair> pairs;
    const auto closePair = [](Pair& p) {
        ::close(p.fd[0]);
        ::close(p.fd[1]);
        p.fd[0] = p.fd[1] = -1;
    };
    while (true) {
        std::vector<pollfd> fds{{m_wake[0], POLLIN, 0}, {listener, POLLIN, 0}};
        for (const Pair& p : pairs)
            for (int fd : p.fd)
                fds.push_back({p.dropped ? -1 : fd, POLLIN, 0});
        ::poll(fds.data(), fds.size(), 1000);
        if (fds[0].revents) {
            char drain[16];
            while (::read(m_wake[0], drain, sizeof(drain)) > 0) {
            }
            const Command c = m_command.load();
            if (c == Command::Stop) {
                m_command.store(Command::None);
                break;
            }
            if (c == Command::Drop) {
                for (Pair& p : pairs)
                    p.dropped = true;
                ::close(listener); // new connections are refused
                listener = -1;
            } else if (c == Command::Restore && listener < 0) {
                listener = listenOn(m_port);
            } else if (c == Command::CloseDropped) {
                for (Pair& p : pairs)
                    if (p.dropped)
                        closePair(p);
            }
            m_command.store(Command::None);
        }
        std::size_t i = 2;
        for (Pair& p : pairs) {
            for (int side = 0; side < 2; ++side, ++i)
                if (p.fd[0] >= 0 && !p.dropped && fds[i].revents && !copy(p.fd[side], p.fd[1 - side]))
                    closePair(p);
        }
        if (listener >= 0 && fds[1].revents && fds[1].fd == listener) {
            const int client = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            const int server = client >= 0 ? connectTo(m_target) : -1;
            if (server >= 0)
                pairs.push_back({{client, server}});
            else if (client >= 0)
                ::close(client);
        }
        std::erase_if(pairs, [](const Pair& p) { return p.fd[0] < 0; });
    }
    for (Pair& p : pairs)
        closePair(p);
    if (listener >= 0)
        ::close(listener);
}

} // namespace labshare::testsupport
