// SPDX-License-Identifier: GPL-3.0-or-later
#include "SourceBoundClient.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace labshare::testsupport {

int connectFrom(const QString& source, const Endpoint& to, bool blocking) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0)
        return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, qPrintable(source), &from.sin_addr);
    sockaddr_in dest{};
    dest.sin_family = AF_INET;
    dest.sin_port = htons(to.port);
    dest.sin_addr.s_addr = htonl(to.address.toIPv4Address());
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        (::connect(fd, reinterpret_cast<sockaddr*>(&dest), sizeof dest) != 0 && errno != EINPROGRESS)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

quint16 localPort(int fd) {
    sockaddr_in a{};
    socklen_t length = sizeof a;
    return ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) == 0 ? ntohs(a.sin_port) : 0;
}

bool closedByPeer(int fd) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

QString echoAndClose(int fd, int bytes) {
    QByteArray payload(bytes, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(payload.data()), bytes / 4);
    qsizetype sent = 0;
    while (sent < payload.size()) {
        const ssize_t n = ::send(fd, payload.constData() + sent, size_t(payload.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += n;
    }
    ::shutdown(fd, SHUT_WR);
    QByteArray echo;
    char chunk[65536];
    ssize_t n = 0;
    while ((n = ::recv(fd, chunk, sizeof chunk, 0)) > 0)
        echo.append(chunk, n);
    const int error = n < 0 ? errno : 0;
    ::close(fd);
    if (sent != payload.size() || echo != payload)
        return QStringLiteral("sent %1 of %2 bytes, %3 came back%4")
            .arg(sent)
            .arg(payload.size())
            .arg(echo == payload.left(echo.size()) ? QStringLiteral("%1 intact").arg(echo.size())
                                                   : QStringLiteral("%1, altered").arg(echo.size()))
            .arg(error ? QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(strerror(error))) : QString());
    return {};
}

QString roundTripsFrom(const QString& source, const Endpoint& to, int connections, int bytes) {
    for (int i = 0; i < connections; ++i) {
        const int fd = connectFrom(source, to, true);
        if (fd < 0)
            return QStringLiteral("#%1 from %2: cannot connect: %3")
                .arg(i)
                .arg(source, QString::fromLocal8Bit(strerror(errno)));
        if (const QString problem = echoAndClose(fd, bytes); !problem.isEmpty())
            return QStringLiteral("#%1 from %2: %3").arg(i).arg(source, problem);
    }
    return {};
}

} // namespace labshare::testsupport
