// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QDateTime>
#include <QList>

namespace labshare::share {

// The connections of this session, oldest first: an entry opens when the engine reports a connection
// and is completed in place when it reports its end. Holds at most `capacity` entries; past that the
// oldest go (trimmed() says how many to drop, so a model can announce it first). Plain data: the
// Connections pane's model owns one and calls it between its begin/end notifications.
class ConnectionLog {
public:
    static constexpr int kDefaultCapacity = 10000;

    explicit ConnectionLog(int capacity = kDefaultCapacity)
        : m_capacity(capacity) {}

    const QList<tunnel::ConnectionRecord>& entries() const { return m_entries; }
    int size() const { return int(m_entries.size()); }
    const tunnel::ConnectionRecord& at(int row) const { return m_entries.at(row); }

    // The row of the entry for `record` (an open one ending), or -1: it is new.
    int rowOf(const tunnel::ConnectionRecord& record) const;
    void append(const tunnel::ConnectionRecord& record) { m_entries.append(record); }
    void replace(int row, const tunnel::ConnectionRecord& record) { m_entries[row] = record; }
    int excess() const { return qMax(0, size() - m_capacity); } // entries to drop from the front
    void dropOldest(int count) { m_entries.remove(0, qMin(count, size())); }
    void clear() { m_entries.clear(); }

    // Distinct students who connected to `share` on the local day of `now`: identities where the gate
    // named them, else source addresses (an address someone signed in from that day is theirs). Connections
    // turned away (tunnel::isTurnedAway()) do not count.
    int studentsOn(const QString& share, const QDateTime& now) const;

    // RFC 4180 CSV with a header line: the fields of ConnectionRecord::toJson() in the order of `up --json`'s
    // connection event. A cell that a spreadsheet would read as a formula gets a leading apostrophe.
    static QString csv(const QList<tunnel::ConnectionRecord>& records);

private:
    int m_capacity;
    QList<tunnel::ConnectionRecord> m_entries;
};

} // namespace labshare::share
