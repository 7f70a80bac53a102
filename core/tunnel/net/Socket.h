// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <utility>

namespace labshare::tunnel {

// A non-blocking TCP socket file descriptor, closed on destruction (POSIX).
class Socket {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::Socket)

public:
    Socket() = default;
    explicit Socket(int fd)
        : m_fd(fd) {}
    Socket(Socket&& other) noexcept
        : m_fd(other.release()) {}
    Socket& operator=(Socket&& other) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket() { close(); }

    int fd() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    int release();
    void close();

    // Starts a non-blocking connect to host:port (numeric or resolved name; first address that
    // the kernel accepts). TCP_NODELAY is set. Completion is signalled by POLLOUT; see finishConnect().
    static Result<Socket> connectTo(const QString& host, quint16 port);
    // After POLLOUT on a connecting socket: 0 when connected, else the errno of the failure.
    int finishConnect() const;
    // Two connected non-blocking stream sockets on this machine (AF_UNIX): a pipe both ways that
    // polls like a connected TCP socket.
    static Result<std::pair<Socket, Socket>> pair();
    // Blocks (poll) until connected, `wakeFd` becomes readable, or `timeoutMs` passes.
    Result<bool> waitConnected(int timeoutMs, int wakeFd) const;

    // The address of the other end ("192.168.10.23", "2001:db8::7"); empty when there is none.
    QString peerAddress() const;
    quint16 peerPort() const; // 0 when there is none
    void setNoDelay() const;
    void setBlocking(bool blocking) const;

private:
    int m_fd = -1;
};

// A self-pipe to wake a poll loop from another thread (eventfd on Linux).
class Waker {
public:
    Waker();
    ~Waker();
    Waker(const Waker&) = delete;
    Waker& operator=(const Waker&) = delete;

    int fd() const { return m_fd; }
    void wake() const;  // thread-safe
    void drain() const; // on the loop's thread, after POLLIN

private:
    int m_fd = -1;
};

QString errnoText(int error);

// Sends as much of `buffer` as the non-blocking socket `fd` takes now, removes that from its front and
// adds it to `*sent` (when given). False on a hard error; EAGAIN and EINTR are not (the rest waits
// for POLLOUT).
bool sendBuffered(int fd, QByteArray& buffer, quint64* sent = nullptr);

} // namespace labshare::tunnel
