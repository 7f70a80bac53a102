// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace labshare::tunnel {

// An HTTP proxy's answer to CONNECT (RFC 9110 §9.3.6), taken off the socket exactly: the bytes after its
// head already belong to the tunnelled connection. No socket here: httpConnect peeks, asks how many of the
// peeked bytes belong to the head, reads exactly those and hands them back.
class ConnectAnswer {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::ConnectAnswer)

public:
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;

    // How many of `peeked` (the bytes waiting after those taken so far) belong to the head.
    qsizetype headBytesIn(const QByteArray& peeked) const;
    // Bytes read off the socket, as many as headBytesIn() said.
    void take(const QByteArray& bytes);

    bool complete() const { return m_complete; }
    bool overlong() const { return !m_complete && m_head.size() > kMaxHeadBytes; }
    const QByteArray& head() const { return m_head; }

    // Once complete(): true for a 2xx answer, else an error that quotes the status line. `authority`
    // is the host:port asked for.
    Result<bool> verdict(const QByteArray& authority) const;

private:
    QByteArray m_head;
    bool m_complete = false;
};

} // namespace labshare::tunnel
