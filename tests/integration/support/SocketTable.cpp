// SPDX-License-Identifier: GPL-3.0-or-later
#include "SocketTable.h"
#include "Tools.h"

#include <QRegularExpression>

namespace labshare::testsupport {

namespace {

// "127.0.0.1:22", "[::1]:22", "*:22", "127.0.0.53%lo:53"
void splitEndpoint(const QString& endpoint, QString* address, quint16* port) {
    const qsizetype colon = endpoint.lastIndexOf(QLatin1Char(':'));
    QString host = endpoint.left(colon);
    *port = colon < 0 ? 0 : endpoint.mid(colon + 1).toUShort();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const qsizetype percent = host.indexOf(QLatin1Char('%'));
    if (percent >= 0)
        host.truncate(percent);
    *address = host;
}

} // namespace

bool SocketTable::capture() {
    m_entries.clear();
    m_text.clear();
    const QString ss = findTool(QStringLiteral("ss"), QStringLiteral("iproute2"), &m_error);
    if (ss.isEmpty())
        return false;
    QByteArray output;
    const int code = runTool(ss, {QStringLiteral("-Htanp")}, &output);
    m_text = QString::fromUtf8(output);
    if (code != 0) {
        m_error = QStringLiteral("ss -Htanp failed (%1): %2").arg(code).arg(m_text);
        return false;
    }
    m_entries = parse(m_text);
    return true;
}

QList<SocketEntry> SocketTable::parse(const QString& ssOutput) {
    static const QRegularExpression owner(QStringLiteral("\\(\"([^\"]*)\",pid=(\\d+),fd=\\d+\\)"));
    QList<SocketEntry> entries;
    const QStringList lines = ssOutput.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QStringList columns = line.simplified().split(QLatin1Char(' '));
        if (columns.size() < 5)
            continue;
        SocketEntry entry;
        entry.state = columns.at(0);
        splitEndpoint(columns.at(3), &entry.localAddress, &entry.localPort);
        splitEndpoint(columns.at(4), &entry.peerAddress, &entry.peerPort);
        const QString rest = columns.mid(5).join(QLatin1Char(' '));
        for (auto it = owner.globalMatch(rest); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            entry.owners.append({m.captured(1), m.captured(2).toLongLong()});
        }
        entries.append(entry);
    }
    return entries;
}

QList<SocketEntry> SocketTable::listenersOn(quint16 port) const {
    QList<SocketEntry> result;
    for (const SocketEntry& e : m_entries)
        if (e.state == QLatin1String("LISTEN") && e.localPort == port)
            result.append(e);
    return result;
}

QList<SocketEntry> SocketTable::connectionsTo(quint16 port) const {
    QList<SocketEntry> result;
    for (const SocketEntry& e : m_entries)
        if (e.state == QLatin1String("ESTAB") && e.peerPort == port)
            result.append(e);
    return result;
}

} // namespace labshare::testsupport
