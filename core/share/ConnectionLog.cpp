// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ConnectionLog.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

namespace labshare::share {

int ConnectionLog::rowOf(const tunnel::ConnectionRecord& record) const {
    // An ending connection is usually among the newest: look from the back.
    for (int row = size() - 1; row >= 0; --row)
        if (m_entries.at(row).id == record.id && record.id != 0)
            return row;
    return -1;
}

int ConnectionLog::studentsOn(const QString& share, const QDateTime& now) const {
    // The local day as epoch milliseconds, so that each entry costs a comparison, not a time zone lookup.
    const QDate day = now.toLocalTime().date();
    const qint64 from = day.startOfDay().toMSecsSinceEpoch();
    const qint64 to = day.addDays(1).startOfDay().toMSecsSinceEpoch();
    QSet<QString> identities;
    QSet<QString> unnamed;  // addresses of connections nobody signed in on
    QSet<QString> signedIn; // addresses someone signed in from
    for (const tunnel::ConnectionRecord& r : m_entries) {
        if (r.share != share || tunnel::isTurnedAway(r.end) || r.startedMs < from || r.startedMs >= to)
            continue;
        if (!r.identity.isEmpty()) {
            identities.insert(r.identity);
            signedIn.insert(r.peerAddress);
        } else if (!r.peerAddress.isEmpty()) {
            unnamed.insert(r.peerAddress);
        }
    }
    // A browser's visits before its student signed in (the sign-in page) are that student, not another one.
    return int(identities.size() + (unnamed - signedIn).size());
}

QString ConnectionLog::csv(const QList<tunnel::ConnectionRecord>& records) {
    static const QStringList fields{QStringLiteral("share"),           QStringLiteral("peer"),
                                    QStringLiteral("identity"),        QStringLiteral("started"),
                                    QStringLiteral("duration_ms"),     QStringLiteral("bytes_to_node"),
                                    QStringLiteral("bytes_from_node"), QStringLiteral("ended_by")};
    const auto cell = [](QString text) {
        if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
            text.prepend(QLatin1Char('\''));
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')) ||
            text.contains(QLatin1Char('\r')))
            text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return text;
    };
    QString out = fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const tunnel::ConnectionRecord& r : records) {
        const QJsonObject o = r.toJson();
        QStringList cells;
        for (const QString& f : fields)
            cells << cell(o.value(f).isString() ? o.value(f).toString() : QString::number(o.value(f).toInteger()));
        out += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

} // namespace labshare::share
