// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"

#include <QDateTime>

namespace labshare::ui {

using tunnel::ConnectionRecord;
using tunnel::isTurnedAway;

namespace {

const QString kNone = QStringLiteral("—");

} // namespace

ConnectionsModel::ConnectionsModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent)
    , m_log(capacity)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

void ConnectionsModel::setClock(std::function<qint64()> nowMs) {
    m_now = std::move(nowMs);
    recountAll();
}

void ConnectionsModel::record(const ConnectionRecord& record) {
    const int row = m_log.rowOf(record);
    if (row >= 0) {
        // An end changes the count only when it names who it was or turns out to have been turned away.
        const ConnectionRecord& before = m_log.at(row);
        const bool counts = before.identity != record.identity || isTurnedAway(before.end) != isTurnedAway(record.end);
        m_log.replace(row, record);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        if (!counts)
            return;
    } else {
        const int at = m_log.size();
        beginInsertRows({}, at, at);
        m_log.append(record);
        endInsertRows();
        if (m_rowsPerShare[record.share]++ == 0)
            Q_EMIT sharesChanged();
        if (const int excess = m_log.excess(); excess > 0) {
            bool sharesGone = false;
            for (int i = 0; i < excess; ++i)
                sharesGone |= --m_rowsPerShare[m_log.at(i).share] == 0;
            beginRemoveRows({}, 0, excess - 1);
            m_log.dropOldest(excess);
            endRemoveRows();
            if (sharesGone) {
                m_rowsPerShare.removeIf([](const auto& it) { return it.value() == 0; });
                Q_EMIT sharesChanged();
                recountAll();
            }
        }
    }
    recount(record.share);
}

void ConnectionsModel::reset(const QList<ConnectionRecord>& records) {
    beginResetModel();
    m_log.clear();
    m_rowsPerShare.clear();
    for (const ConnectionRecord& r : records) {
        m_log.append(r);
        ++m_rowsPerShare[r.share];
    }
    m_log.dropOldest(m_log.excess());
    endResetModel();
    Q_EMIT sharesChanged();
    recountAll();
}

void ConnectionsModel::clear() {
    reset({});
}

void ConnectionsModel::refresh() {
    for (int row = 0; row < m_log.size(); ++row)
        if (m_log.at(row).isOpen())
            Q_EMIT dataChanged(index(row, DurationColumn), index(row, DurationColumn), {Qt::DisplayRole, SortRole});
    recountAll(); // a new day starts at zero
}

void ConnectionsModel::recount(const QString& share) {
    const int count = m_log.studentsOn(share, QDateTime::fromMSecsSinceEpoch(m_now()));
    const auto it = m_today.find(share);
    if (it != m_today.end() && *it == count)
        return;
    if (count == 0)
        m_today.remove(share);
    else
        m_today.insert(share, count);
    if (it != m_today.end() || count != 0)
        Q_EMIT studentsTodayChanged(share, count);
}

void ConnectionsModel::recountAll() {
    QStringList all = m_today.keys();
    for (auto it = m_rowsPerShare.cbegin(); it != m_rowsPerShare.cend(); ++it)
        if (!all.contains(it.key()))
            all << it.key();
    for (const QString& share : std::as_const(all))
        recount(share);
}

QStringList ConnectionsModel::shares() const {
    QStringList out = m_rowsPerShare.keys();
    out.sort();
    return out;
}

int ConnectionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_log.size();
}

int ConnectionsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::display(const ConnectionRecord& r, int column) const {
    switch (column) {
    case ShareColumn:
        return r.share;
    case PeerColumn:
        return r.peer().isEmpty() ? kNone : r.peer();
    case IdentityColumn:
        return r.identity.isEmpty() ? kNone : r.identity;
    case StartedColumn:
        return QDateTime::fromMSecsSinceEpoch(r.startedMs)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case DurationColumn:
        return SharesModel::uptimeText(r.durationMs(m_now()));
    case ToNodeColumn:
        return r.isOpen() ? kNone : SharesModel::bytesText(r.bytesToNode);
    case FromNodeColumn:
        return r.isOpen() ? kNone : SharesModel::bytesText(r.bytesFromNode);
    case EndColumn:
        return r.endText();
    default:
        return {};
    }
}

QVariant ConnectionsModel::sortValue(const ConnectionRecord& r, int column) const {
    switch (column) {
    case StartedColumn:
        return r.startedMs;
    case DurationColumn:
        return r.durationMs(m_now());
    case ToNodeColumn:
        return r.bytesToNode;
    case FromNodeColumn:
        return r.bytesFromNode;
    case PeerColumn: // as text: "10.0.0.10:…" sorts before "10.0.0.9:…", which is enough to group addresses
        return r.peer();
    default:
        return display(r, column);
    }
}

QVariant ConnectionsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::ParentIsInvalid));
    const ConnectionRecord& r = m_log.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == DurationColumn || index.column() == ToNodeColumn || index.column() == FromNodeColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case SortRole:
        return sortValue(r, index.column());
    case RecordRole:
        return QVariant::fromValue(r);
    default:
        return {};
    }
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ShareColumn:
        return tr("Share");
    case PeerColumn:
        return tr("From");
    case IdentityColumn:
        return tr("Who");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case ToNodeColumn:
        return tr("To node");
    case FromNodeColumn:
        return tr("From node");
    case EndColumn:
        return tr("Ended");
    default:
        return {};
    }
}

} // namespace labshare::ui
