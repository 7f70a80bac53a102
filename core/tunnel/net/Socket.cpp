// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/Socket.h"

#include <QHostAddress>

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace labshare::tunnel {

QString errnoText(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

Socket& Socket::operator=(Socket&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = other.release();
    }
    return *this;
}

int Socket::release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void Socket::close() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

namespace {

// A numeric address needs no resolver: getaddrinfo() costs a netlink round trip per call
// (AI_ADDRCONFIG), which shows on every forwarded connection.
std::optional<Result<Socket>> connectNumeric(const QByteArray& host, quint16 port) {
    sockaddr_storage storage{};
    socklen_t length = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
    if (::inet_pton(AF_INET, host.constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof(sockaddr_in);
    } else if (::inet_pton(AF_INET6, host.constData(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof(sockaddr_in6);
    } else {
        return std::nullopt;
    }
    Socket s(::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (s.isValid()) {
        s.setNoDelay();
        if (::connect(s.fd(), reinterpret_cast<sockaddr*>(&storage), length) == 0 || errno == EINPROGRESS)
            return Result<Socket>(std::move(s));
    }
    return Result<Socket>(makeError(
        ErrorCode::Network,
        Socket::tr("cannot connect to %1 port %2: %3").arg(QString::fromLatin1(host)).arg(port).arg(errnoText(errno))));
}

} // namespace

Result<Socket> Socket::connectTo(const QString& host, quint16 port) {
    const QByteArray name = host.toUtf8();
    if (std::optional<Result<Socket>> numeric = connectNumeric(name, port))
        return std::move(*numeric);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* list = nullptr;
    const QByteArray service = QByteArray::number(port);
    const int rc = ::getaddrinfo(name.constData(), service.constData(), &hints, &list);
    if (rc != 0)
        return makeError(ErrorCode::Network,
                         tr("cannot resolve %1: %2").arg(host, QString::fromLocal8Bit(::gai_strerror(rc))));
    int lastError = EHOSTUNREACH;
    for (addrinfo* ai = list; ai; ai = ai->ai_next) {
        Socket s(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
        if (!s.isValid()) {
            lastError = errno;
            continue;
        }
        s.setNoDelay();
        if (::connect(s.fd(), ai->ai_addr, ai->ai_addrlen) == 0 || errno == EINPROGRESS) {
            ::freeaddrinfo(list);
            return s;
        }
        lastError = errno;
    }
    ::freeaddrinfo(list);
    return makeError(ErrorCode::Network,
                     tr("cannot connect to %1 port %2: %3").arg(host).arg(port).arg(errnoText(lastError)));
}

Result<std::pair<Socket, Socket>> Socket::pair() {
    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
        return makeError(ErrorCode::Network, errnoText(errno));
    return std::pair<Socket, Socket>(Socket(fds[0]), Socket(fds[1]));
}

int Socket::finishConnect() const {
    int error = 0;
    socklen_t len = sizeof(error);
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0)
        return errno;
    return error;
}

Result<bool> Socket::waitConnected(int timeoutMs, int wakeFd) const {
    pollfd fds[2] = {{m_fd, POLLOUT, 0}, {wakeFd, POLLIN, 0}};
    const int n = ::poll(fds, wakeFd >= 0 ? 2 : 1, timeoutMs);
    if (n == 0)
        return makeError(ErrorCode::Network, tr("timed out after %1 s").arg(timeoutMs / 1000.0));
    if (n < 0)
        return makeError(ErrorCode::Network, errnoText(errno));
    if (wakeFd >= 0 && (fds[1].revents & POLLIN))
        return makeError(ErrorCode::Cancelled, tr("cancelled"));
    const int error = finishConnect();
    if (error != 0)
        return makeError(ErrorCode::Network, errnoText(error));
    return true;
}

QString Socket::peerAddress() const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 || address.ss_family == AF_UNIX)
        return {};
    QHostAddress host(reinterpret_cast<const sockaddr*>(&address));
    if (const auto v4 = host.toIPv4Address(nullptr); host.protocol() == QAbstractSocket::IPv6Protocol && v4)
        host = QHostAddress(v4); // ::ffff:a.b.c.d is a.b.c.d
    return host.toString();
}

quint16 Socket::peerPort() const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return 0;
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return 0;
}

void Socket::setNoDelay() const {
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void Socket::setBlocking(bool blocking) const {
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK));
}

Waker::Waker()
    : m_fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

Waker::~Waker() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void Waker::wake() const {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_fd, &one, sizeof(one));
}

void Waker::drain() const {
    uint64_t value = 0;
    [[maybe_unused]] const ssize_t n = ::read(m_fd, &value, sizeof(value));
}

bool sendBuffered(int fd, QByteArray& buffer, quint64* sent) {
    while (!buffer.isEmpty()) {
        const ssize_t n = ::send(fd, buffer.constData(), static_cast<size_t>(buffer.size()), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR;
        if (sent)
            *sent += static_cast<quint64>(n);
        buffer.remove(0, n);
    }
    return true;
}

} // namespace labshare::tunnel
