// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QDateTime>
#include <QHostAddress>

#include <array>
#include <atomic>
#include <utility>

namespace labshare::tunnel {

namespace {

constexpr std::array<std::pair<ConnectionEnd, const char*>, 10> kEndNames{{
    {ConnectionEnd::Open, "open"},
    {ConnectionEnd::Student, "student"},
    {ConnectionEnd::Node, "node"},
    {ConnectionEnd::Refused, "refused"},
    {ConnectionEnd::Unreachable, "unreachable"},
    {ConnectionEnd::Silent, "silent"},
    {ConnectionEnd::Gate, "gate"},
    {ConnectionEnd::Stopped, "stopped"},
    {ConnectionEnd::RelayLost, "relay-lost"},
    {ConnectionEnd::Expired, "expired"},
}};

} // namespace

QString connectionEndName(ConnectionEnd end) {
    for (const auto& [e, name] : kEndNames)
        if (e == end)
            return QLatin1String(name);
    return {};
}

bool isTurnedAway(ConnectionEnd end) {
    return end == ConnectionEnd::Refused || end == ConnectionEnd::Silent || end == ConnectionEnd::Gate;
}

std::optional<ConnectionEnd> connectionEndFromName(const QString& name) {
    for (const auto& [e, n] : kEndNames)
        if (name == QLatin1String(n))
            return e;
    return std::nullopt;
}

quint64 ConnectionRecord::nextId() {
    static std::atomic<quint64> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

qint64 ConnectionRecord::durationMs(qint64 nowMs) const {
    return qMax<qint64>(0, (isOpen() ? nowMs : endedMs) - startedMs);
}

QString ConnectionRecord::peer() const {
    if (peerAddress.isEmpty())
        return {};
    if (peerPort == 0)
        return peerAddress;
    const bool v6 = QHostAddress(peerAddress).protocol() == QAbstractSocket::IPv6Protocol;
    return (v6 ? QLatin1Char('[') + peerAddress + QLatin1Char(']') : peerAddress) + QLatin1Char(':') +
           QString::number(peerPort);
}

QString ConnectionRecord::endText() const {
    switch (end) {
    case ConnectionEnd::Open:
        return tr("open");
    case ConnectionEnd::Student:
        return tr("closed by the student");
    case ConnectionEnd::Node:
        return tr("closed by the node");
    case ConnectionEnd::Refused:
        return tr("refused");
    case ConnectionEnd::Unreachable:
        return tr("node did not answer");
    case ConnectionEnd::Silent:
        return tr("sent nothing in time");
    case ConnectionEnd::Gate:
        return tr("answered by the gate");
    case ConnectionEnd::Stopped:
        return tr("share stopped");
    case ConnectionEnd::RelayLost:
        return tr("relay lost");
    case ConnectionEnd::Expired:
        return tr("share expired");
    }
    return {};
}

QJsonObject ConnectionRecord::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("share"), share);
    o.insert(QStringLiteral("peer"), peer());
    o.insert(QStringLiteral("identity"), identity);
    o.insert(QStringLiteral("started"), QDateTime::fromMSecsSinceEpoch(startedMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("duration_ms"), isOpen() ? 0 : durationMs(endedMs));
    o.insert(QStringLiteral("bytes_to_node"), qint64(bytesToNode));
    o.insert(QStringLiteral("bytes_from_node"), qint64(bytesFromNode));
    o.insert(QStringLiteral("ended_by"), connectionEndName(end));
    return o;
}

std::optional<ConnectionRecord> ConnectionRecord::fromJson(const QJsonObject& o) {
    ConnectionRecord r;
    r.share = o.value(QStringLiteral("share")).toString();
    const QDateTime started = QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    const std::optional<ConnectionEnd> end = connectionEndFromName(o.value(QStringLiteral("ended_by")).toString());
    if (r.share.isEmpty() || !started.isValid() || !end)
        return std::nullopt;
    r.startedMs = started.toMSecsSinceEpoch();
    r.end = *end;
    r.endedMs = r.isOpen() ? 0 : r.startedMs + qMax<qint64>(0, o.value(QStringLiteral("duration_ms")).toInteger());
    r.identity = o.value(QStringLiteral("identity")).toString();
    r.bytesToNode = quint64(qMax<qint64>(0, o.value(QStringLiteral("bytes_to_node")).toInteger()));
    r.bytesFromNode = quint64(qMax<qint64>(0, o.value(QStringLiteral("bytes_from_node")).toInteger()));
    // "ADDR:PORT", "[V6]:PORT" or a bare address.
    const QString peer = o.value(QStringLiteral("peer")).toString();
    const int colon = peer.lastIndexOf(QLatin1Char(':'));
    const bool bracketed = peer.startsWith(QLatin1Char('['));
    const bool hasPort =
        bracketed ? peer.contains(QStringLiteral("]:")) : colon > 0 && peer.count(QLatin1Char(':')) == 1;
    if (hasPort) {
        bool ok = false;
        const uint port = peer.mid(colon + 1).toUInt(&ok);
        r.peerPort = ok && port <= 65535 ? quint16(port) : 0;
        r.peerAddress = peer.left(colon);
        if (bracketed)
            r.peerAddress = r.peerAddress.mid(1, r.peerAddress.size() - 2);
    } else {
        r.peerAddress = peer;
    }
    return r;
}

} // namespace labshare::tunnel
