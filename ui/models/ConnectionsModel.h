// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ConnectionLog.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>

namespace labshare::ui {

// The Connections pane's table: one row per forwarded connection of this session, oldest first (a view
// sorts through a proxy: SortRole gives raw values). A connection's row appears when it opens and is
// updated in place when it ends; past the log's capacity the oldest rows go. Keeps, per share, how many
// distinct students connected today (identities where the gate named them, else addresses) and says when
// that changes, so the shares table can show it.
class ConnectionsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        ShareColumn,
        PeerColumn,     // "ADDR:PORT" where the relay tells it
        IdentityColumn, // who signed in at a gated share's gate
        StartedColumn,  // local time
        DurationColumn, // SharesModel::uptimeText(); runs on while open (refresh())
        ToNodeColumn,   // bytes, once ended
        FromNodeColumn,
        EndColumn, // "closed by the student", …
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for the numeric and time columns, text for the rest
        RecordRole,                  // tunnel::ConnectionRecord
    };

    explicit ConnectionsModel(QObject* parent = nullptr, int capacity = share::ConnectionLog::kDefaultCapacity);

    // Where "now" comes from (epoch ms), for durations and "today"; tests pass a fixed clock.
    void setClock(std::function<qint64()> nowMs);

    // A connection opened or ended (the engine's report).
    void record(const tunnel::ConnectionRecord& record);
    // Replaces everything with `records` (today's, from the lab's log file, when a lab opens).
    void reset(const QList<tunnel::ConnectionRecord>& records);
    void clear();
    // Durations of open connections move on; a new day starts the counts afresh.
    void refresh();

    const tunnel::ConnectionRecord& recordAt(int row) const { return m_log.at(row); }
    int studentsToday(const QString& share) const { return m_today.value(share); }
    QStringList shares() const; // every share with a row, sorted

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void studentsTodayChanged(const QString& share, int count);
    void sharesChanged(); // shares() changed

private:
    QVariant display(const tunnel::ConnectionRecord& r, int column) const;
    QVariant sortValue(const tunnel::ConnectionRecord& r, int column) const;
    void recount(const QString& share);
    void recountAll();

    share::ConnectionLog m_log;
    std::function<qint64()> m_now;
    QHash<QString, int> m_today; // share -> distinct students today
    QHash<QString, int> m_rowsPerShare;
};

} // namespace labshare::ui
