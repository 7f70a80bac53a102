// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ConnectionLog.h"

#include <QSet>

namespace labshare::share {

int ConnectionLog::rowOf(const tunnel::ConnectionRecord& record) const {
    // An ending connection is usually among the newest: look from the back.
    for (int row = size() - 1; row >= 0; --row)
        if (m_entries.at(row).id == record.id && record.id != 0)
            return row;
    return -1;
}

int ConnectionLog::studentsOn(const QString& share, const QDateTime& now) const {
    const QDate day = now.toLocalTime().date();
    QSet<QString> who;
    for (const tunnel::ConnectionRecord& r : m_entries) {
        if (r.share != share || r.end == tunnel::ConnectionEnd::Refused || r.who().isEmpty())
            continue;
        if (QDateTime::fromMSecsSinceEpoch(r.startedMs).toLocalTime().date() == day)
            who.insert(r.who());
    }
    return int(who.size());
}

} // namespace labshare::share
