// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <functional>

namespace labshare::ui {

// The live shares table: one row per share, in the order they were published. Health ticks
// change only the cells whose shown value changed (with exactly the roles that changed); shares
// coming and going are row insertions and removals, never a reset.
class SharesModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,        // clab-<node>-<type>-<port>
        AddressColumn,     // host:port students use (the URL for web shares)
        TypeColumn,        // tcp, tls, http, https
        WhoColumn,         // share::ShareAccess::text(): "anyone (the lab asks for …)"; a lock when gated
        PeopleColumn,      // gated: share::ShareVisitors::text(), "alice@… connected · bob@… refused 3×"
        StateColumn,       // text; DecorationRole is a coloured dot (QColor)
        RttColumn,         // "12 ms" or "—"
        ConnectionsColumn, // "open / total"
        StudentsColumn,    // distinct students who connected today (setStudentsToday)
        TrafficColumn,     // "↓1.2 MB ↑300 kB": bytes to the node, from the node
        UptimeColumn,      // "1h 02m" or "—"
        EndsColumn,        // when the share stops on its own: "17:00 (4 min left)", or "—"
        ColumnCount
    };
    // Every role is served on every cell of a row. UrlRole and StateRole changes are announced on every
    // cell; ShareRowRole is a snapshot to act on (copy, context menu), read when acting: it changes with
    // every health figure and is not announced, or each tick would touch every cell.
    enum Role {
        ShareNameRole = Qt::UserRole + 1, // QString; never changes for a row
        UrlRole,                          // QString, share::shareUrl: http(s)://… or ssh://user@host:port
        ShareRowRole,                     // share::ShareRow
        StateRole,                        // int, tunnel::ShareState
    };

    explicit SharesModel(QObject* parent = nullptr);

    // Where "now" comes from for uptimes (epoch ms); tests pass a fixed clock.
    void setClock(std::function<qint64()> nowMs);

    // The session's rows: shares not listed are removed, new ones appended, the rest updated in place.
    void setRows(const QList<share::ShareRow>& rows);
    // One share changed: updated in place, or appended when new.
    void updateRow(const share::ShareRow& row);
    void removeShare(const QString& name);
    // When shares stop on their own (UTC; see share::DeadlineWatch); shares not listed run until stopped.
    void setEnds(const QHash<QString, QDateTime>& ends);
    // How many distinct students connected to `name` today (the Connections pane's count); kept for a
    // share published later too.
    void setStudentsToday(const QString& name, int count);
    // Re-reads the clock: uptimes move on even between health updates.
    void refresh();

    int rowFor(const QString& name) const;
    QList<share::ShareRow> rows() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "300 B", "1.2 kB", "12 MB" (SI units).
    static QString bytesText(quint64 bytes);
    // "42s", "5m 07s", "1h 02m", "2d 03h".
    static QString uptimeText(qint64 ms);

private:
    // What the cells show, kept so that an update can say exactly what changed.
    struct Shown {
        std::array<QString, ColumnCount> text;
        QColor dot;
        bool lock = false; // gated: the Who cell shows a lock
        QString toolTip;
        QString url;
        tunnel::ShareState state = tunnel::ShareState::Idle;
    };
    struct Entry {
        share::ShareRow row;
        Shown shown;
    };

    Shown render(const share::ShareRow& row) const;
    void apply(int row, const share::ShareRow& update);
    void announce(int row, const Shown& before, const Shown& after);

    QList<Entry> m_entries;
    QHash<QString, QDateTime> m_ends;
    QHash<QString, int> m_studentsToday;
    std::function<qint64()> m_now;
};

} // namespace labshare::ui
