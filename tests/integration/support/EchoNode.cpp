// SPDX-License-Identifier: GPL-3.0-or-later
#include "EchoNode.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace labshare::testsupport {

namespace {

// Back-pressure: a connection stops reading while this much of its echo is still unsent.
constexpr qsizetype kMaxPending = 256 * 1024;

struct Connection {
    QByteArray pending;        // received, not yet echoed
    bool peerFinished = false; // the client shut down its sending side
};

} // namespace

EchoNode::EchoNode() = default;

EchoNode::~EchoNode() {
    close();
}

bool EchoNode::listen(const QHostAddress& address, quint16 port) {
    close();
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (!isIpv4) {
        m_error = QStringLiteral("EchoNode listens on IPv4 addresses only, not %1").arg(address.toString());
        return false;
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(ipv4);
    socklen_t length = sizeof sa;
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0 || ::listen(fd, 1024) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &length) != 0) {
        m_error =
            QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(qt_error_string(errno));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    m_listener = fd;
    m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    m_address = address;
    m_port = ntohs(sa.sin_port);
    m_stop = false;
    m_thread = std::thread([this] { serve(); });
    return true;
}

void EchoNode::close() {
    if (!m_thread.joinable())
        return;
    m_stop = true;
    const quint64 one = 1;
    (void)::write(m_wake, &one, sizeof one);
    m_thread.join();
    ::close(m_listener);
    ::close(m_wake);
    m_listener = m_wake = -1;
}

void EchoNode::serve() {
    std::map<int, Connection> connections;
    std::vector<pollfd> fds;
    std::vector<char> chunk(64 * 1024);
    while (!m_stop) {
        fds.clear();
        fds.push_back({m_wake, POLLIN, 0});
        fds.push_back({m_listener, POLLIN, 0});
        for (const auto& [fd, c] : connections) {
            short events = 0;
            if (!c.peerFinished && c.pending.size() < kMaxPending)
                events |= POLLIN;
            if (!c.pending.isEmpty())
                events |= POLLOUT;
            fds.push_back({fd, events, 0});
        }
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents & POLLIN) {
            int fd;
            while ((fd = ::accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                const int on = 1;
                ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                connections.emplace(fd, Connection());
                ++m_connections;
                ++m_open;
            }
        }
        for (size_t i = 2; i < fds.size(); ++i) {
            const int fd = fds[i].fd;
            Connection& c = connections.at(fd);
            bool broken = (fds[i].revents & (POLLERR | POLLNVAL)) != 0;
            if (!broken && (fds[i].revents & (POLLIN | POLLHUP)) && !c.peerFinished && c.pending.size() < kMaxPending) {
                const ssize_t n = ::read(fd, chunk.data(), chunk.size());
                if (n > 0) {
                    c.pending.append(chunk.data(), n);
                    m_bytes += n;
                } else if (n == 0) {
                    c.peerFinished = true;
                } else if (errno != EAGAIN && errno != EINTR) {
                    broken = true;
                }
            }
            if (!broken && !c.pending.isEmpty()) {
                const ssize_t n = ::send(fd, c.pending.constData(), c.pending.size(), MSG_NOSIGNAL);
                if (n > 0)
                    c.pending.remove(0, n);
                else if (n < 0 && errno != EAGAIN && errno != EINTR)
                    broken = true;
            }
            // Half-close: all of the client's data has been echoed, so now the node closes too.
            if (broken || (c.peerFinished && c.pending.isEmpty())) {
                ::close(fd);
                connections.erase(fd);
                --m_open;
            }
        }
    }
    for (const auto& entry : connections)
        ::close(entry.first);
    m_open = 0;
}

} // namespace labshare::testsupport
