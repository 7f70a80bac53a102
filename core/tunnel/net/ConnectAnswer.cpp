// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/ConnectAnswer.h"

#include <QCoreApplication>
#include <QList>

namespace labshare::tunnel {

qsizetype ConnectAnswer::headBytesIn(const QByteArray& peeked) const {
    if (m_complete)
        return 0;
    const QByteArray joined = m_head + peeked;
    const qsizetype end = joined.indexOf("\r\n\r\n", qMax<qsizetype>(0, m_head.size() - 3));
    return end >= 0 ? end + 4 - m_head.size() : peeked.size();
}

void ConnectAnswer::take(const QByteArray& bytes) {
    m_head += bytes;
    m_complete = m_head.indexOf("\r\n\r\n", qMax<qsizetype>(0, m_head.size() - bytes.size() - 3)) >= 0;
}

Result<bool> ConnectAnswer::verdict(const QByteArray& authority) const {
    const QByteArray statusLine = m_head.left(m_head.indexOf("\r\n"));
    const QList<QByteArray> parts = statusLine.split(' ');
    if (parts.size() < 2 || !parts.at(0).startsWith("HTTP/"))
        return makeError(ErrorCode::Network, tr("the proxy did not answer in HTTP"));
    if (!parts.at(1).startsWith('2'))
        return makeError(ErrorCode::Network, tr("the proxy refused to connect to %1: %2")
                                                 .arg(QString::fromUtf8(authority), QString::fromUtf8(statusLine)));
    return true;
}

} // namespace labshare::tunnel
