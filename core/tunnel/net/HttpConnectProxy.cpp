// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/HttpConnectProxy.h"
#include "tunnel/net/ConnectAnswer.h"
#include "tunnel/net/Socket.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {

// Gives this file's messages their tr() and translation context.
class HttpConnectProxy {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::HttpConnectProxy)
};

// Waits until `fd` has `events`, the wake fd fires, or the deadline passes.
Result<bool> waitFor(int fd, short events, const QDeadlineTimer& deadline, int wakeFd) {
    pollfd fds[2] = {{fd, events, 0}, {wakeFd, POLLIN, 0}};
    const int n = ::poll(fds, wakeFd >= 0 ? 2 : 1, static_cast<int>(deadline.remainingTime()));
    if (n == 0)
        return makeError(ErrorCode::Network, HttpConnectProxy::tr("the proxy did not answer in time"));
    if (n < 0)
        return makeError(ErrorCode::Network, errnoText(errno));
    if (wakeFd >= 0 && (fds[1].revents & POLLIN))
        return makeError(ErrorCode::Cancelled, HttpConnectProxy::tr("cancelled"));
    return true;
}

} // namespace

Result<bool> httpConnect(int fd, const QString& host, quint16 port, int timeoutMs, int wakeFd) {
    const QDeadlineTimer deadline(timeoutMs);
    const QByteArray authority =
        (host.contains(QLatin1Char(':')) ? "[" + host.toUtf8() + "]" : host.toUtf8()) + ':' + QByteArray::number(port);
    const QByteArray request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
    qsizetype sent = 0;
    while (sent < request.size()) {
        const Result<bool> ready = waitFor(fd, POLLOUT, deadline, wakeFd);
        if (!ready)
            return ready;
        const ssize_t n =
            ::send(fd, request.constData() + sent, static_cast<size_t>(request.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return makeError(ErrorCode::Network,
                             HttpConnectProxy::tr("cannot write to the proxy: %1").arg(errnoText(errno)));
        sent += n > 0 ? n : 0;
    }

    // Peek, find the end of the response head, then consume exactly that much.
    ConnectAnswer answer;
    while (!answer.complete()) {
        const Result<bool> ready = waitFor(fd, POLLIN, deadline, wakeFd);
        if (!ready)
            return ready;
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof(buffer), MSG_PEEK);
        if (n == 0)
            return makeError(ErrorCode::Network, HttpConnectProxy::tr("the proxy closed the connection"));
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return makeError(ErrorCode::Network,
                             HttpConnectProxy::tr("cannot read from the proxy: %1").arg(errnoText(errno)));
        }
        const qsizetype take = answer.headBytesIn(QByteArray(buffer, n));
        QByteArray consumed(take, Qt::Uninitialized);
        if (::recv(fd, consumed.data(), static_cast<size_t>(take), 0) != take)
            return makeError(ErrorCode::Network, HttpConnectProxy::tr("cannot read from the proxy"));
        answer.take(consumed);
        if (answer.overlong())
            return makeError(ErrorCode::Network, HttpConnectProxy::tr("the proxy sent an over-long answer"));
    }
    return answer.verdict(authority);
}

} // namespace labshare::tunnel
