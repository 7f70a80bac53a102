// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SharesModel.h"

#include "models/ShareStateStyle.h"
#include "share/ShareAccess.h"
#include "share/ShareDeadline.h"
#include "share/ShareStatus.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

namespace labshare::ui {

using share::ShareRow;
using tunnel::ShareState;

namespace {

const QString kNone = QStringLiteral("—");

} // namespace

SharesModel::SharesModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

void SharesModel::setClock(std::function<qint64()> nowMs) {
    m_now = std::move(nowMs);
}

QString SharesModel::bytesText(quint64 bytes) {
    if (bytes < 1000)
        return tr("%1 B").arg(bytes);
    static const char* const units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double value = double(bytes) / 1000.0;
    std::size_t unit = 0;
    // Move up a unit whenever the rounded figure would read 1000 or more ("1000 kB" -> "1.0 MB").
    while (unit + 1 < std::size(units) && value >= 999.5) {
        value /= 1000.0;
        ++unit;
    }
    const int decimals = value < 9.95 ? 1 : 0;
    return QLocale().toString(value, 'f', decimals) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString SharesModel::uptimeText(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms / 1000);
    const auto two = [](qint64 v) {
        return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
    };
    if (s < 60)
        return tr("%1s").arg(s);
    if (s < 3600)
        return tr("%1m %2s").arg(s / 60).arg(two(s % 60));
    if (s < 86400)
        return tr("%1h %2m").arg(s / 3600).arg(two(s % 3600 / 60));
    return tr("%1d %2h").arg(s / 86400).arg(two(s % 86400 / 3600));
}

SharesModel::Shown SharesModel::render(const ShareRow& row) const {
    const tunnel::ShareHealth& h = row.health;
    Shown shown;
    auto& text = shown.text;
    text[NameColumn] = row.name;
    const bool web = row.spec.type == topology::PublishType::Http || row.spec.type == topology::PublishType::Https;
    const QString addresses = share::ShareStatus::addressesText(h);
    const bool twoAddresses = h.reclaimingPort || h.alsoPort;
    text[AddressColumn] =
        web && !row.url.isEmpty() && !twoAddresses ? row.url : (addresses.isEmpty() ? kNone : addresses);
    text[TypeColumn] = topology::publishTypeName(row.spec.type);
    text[WhoColumn] = share::ShareAccess::of(row.spec, row.isGated()).text();
    text[PeopleColumn] = row.visitors.isEmpty() ? kNone : row.visitors.text();
    shown.lock = row.isGated();
    text[StateColumn] = share::ShareStatus::text(h.state);
    text[RttColumn] = h.rttMs >= 0 ? tr("%1 ms").arg(h.rttMs) : kNone;
    text[ConnectionsColumn] =
        h.refusedConnections == 0
            ? tr("%1 / %2").arg(h.openConnections).arg(h.totalConnections)
            : tr("%1 / %2, %3 refused").arg(h.openConnections).arg(h.totalConnections).arg(h.refusedConnections);
    text[StudentsColumn] = QString::number(m_studentsToday.value(row.name));
    text[TrafficColumn] =
        QChar(0x2193) + bytesText(h.bytesToNode) + QLatin1Char(' ') + QChar(0x2191) + bytesText(h.bytesFromNode);
    const bool up = h.state == ShareState::Up || h.state == ShareState::Degraded;
    text[UptimeColumn] = up && h.upSinceMs > 0 ? uptimeText(m_now() - h.upSinceMs) : kNone;
    const QDateTime end = m_ends.value(row.name);
    text[EndsColumn] =
        end.isValid() ? tr("%1 (%2)").arg(share::ShareDeadline::clockText(end),
                                          share::ShareDeadline::leftText((end.toMSecsSinceEpoch() - m_now()) / 1000))
                      : kNone;
    shown.dot = shareStateColor(h.state);
    QStringList tips;
    if (h.reclaimingPort)
        tips << tr("Port %1, the one students were given, is still held by an earlier relay session. LabShare keeps "
                   "asking for it and serves the share on port %2 meanwhile; both work once it is back.")
                    .arg(h.reclaimingPort)
                    .arg(h.publicPort);
    else if (h.alsoPort)
        tips << tr("Port %1 served the share while its own port was held; it keeps working until the share stops.")
                    .arg(h.alsoPort);
    if (!h.lastError.isEmpty())
        tips << tr("Last error: %1").arg(h.lastError);
    shown.toolTip = tips.join(QLatin1Char('\n'));
    shown.url = row.url;
    shown.state = h.state;
    return shown;
}

void SharesModel::announce(int row, const Shown& before, const Shown& after) {
    // Neighbouring cells with the same changed roles share one dataChanged.
    std::array<QList<int>, ColumnCount> roles;
    for (int column = 0; column < ColumnCount; ++column) {
        if (before.text[column] != after.text[column])
            roles[column] << Qt::DisplayRole;
        if ((column == StateColumn && before.dot != after.dot) || (column == WhoColumn && before.lock != after.lock))
            roles[column] << Qt::DecorationRole;
        if (before.toolTip != after.toolTip)
            roles[column] << Qt::ToolTipRole;
        if (before.url != after.url)
            roles[column] << UrlRole;
        if (before.state != after.state)
            roles[column] << StateRole;
    }
    int first = 0;
    while (first < ColumnCount) {
        int last = first;
        while (last + 1 < ColumnCount && roles[last + 1] == roles[first])
            ++last;
        if (!roles[first].isEmpty())
            Q_EMIT dataChanged(index(row, first), index(row, last), roles[first]);
        first = last + 1;
    }
}

void SharesModel::apply(int row, const ShareRow& update) {
    Entry& entry = m_entries[row];
    const Shown before = entry.shown;
    entry.row = update;
    entry.shown = render(update);
    announce(row, before, entry.shown);
}

void SharesModel::setRows(const QList<ShareRow>& rows) {
    QSet<QString> incoming;
    for (const ShareRow& row : rows)
        incoming.insert(row.name);

    // Removals first, one signal per run of neighbouring rows, from the bottom up.
    for (int last = int(m_entries.size()) - 1; last >= 0;) {
        if (incoming.contains(m_entries.at(last).row.name)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !incoming.contains(m_entries.at(first - 1).row.name))
            --first;
        beginRemoveRows({}, first, last);
        m_entries.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    QList<Entry> added;
    QSet<QString> seen;
    for (const ShareRow& row : rows) {
        if (seen.contains(row.name))
            continue;
        seen.insert(row.name);
        const int existing = rowFor(row.name);
        if (existing >= 0)
            apply(existing, row);
        else
            added << Entry{row, render(row)};
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + added.size() - 1));
    m_entries << added;
    endInsertRows();
}

void SharesModel::updateRow(const ShareRow& row) {
    const int existing = rowFor(row.name);
    if (existing >= 0) {
        apply(existing, row);
        return;
    }
    const int at = int(m_entries.size());
    beginInsertRows({}, at, at);
    m_entries << Entry{row, render(row)};
    endInsertRows();
}

void SharesModel::removeShare(const QString& name) {
    const int row = rowFor(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

void SharesModel::setEnds(const QHash<QString, QDateTime>& ends) {
    m_ends = ends;
    refresh();
}

void SharesModel::setStudentsToday(const QString& name, int count) {
    if (count == 0)
        m_studentsToday.remove(name);
    else
        m_studentsToday.insert(name, count);
    if (const int row = rowFor(name); row >= 0)
        apply(row, m_entries.at(row).row);
}

void SharesModel::refresh() {
    for (int row = 0; row < m_entries.size(); ++row)
        apply(row, m_entries.at(row).row);
}

int SharesModel::rowFor(const QString& name) const {
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).row.name == name)
            return row;
    return -1;
}

QList<ShareRow> SharesModel::rows() const {
    QList<ShareRow> out;
    out.reserve(m_entries.size());
    for (const Entry& entry : m_entries)
        out << entry.row;
    return out;
}

int SharesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SharesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SharesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::ParentIsInvalid));
    const Entry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.shown.text[index.column()];
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return entry.shown.dot;
        if (index.column() == WhoColumn && entry.shown.lock)
            return gatedShareIcon();
        return {};
    case Qt::ToolTipRole:
        return entry.shown.toolTip.isEmpty() ? QVariant() : QVariant(entry.shown.toolTip);
    case ShareNameRole:
        return entry.row.name;
    case UrlRole:
        return entry.shown.url;
    case ShareRowRole:
        return QVariant::fromValue(entry.row);
    case StateRole:
        return int(entry.shown.state);
    default:
        return {};
    }
}

QVariant SharesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == StudentsColumn)
        return tr("Distinct students who connected today: who signed in at a gated share, else source addresses");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("Public address");
    case TypeColumn:
        return tr("Type");
    case WhoColumn:
        return tr("Who");
    case PeopleColumn:
        return tr("Signed in");
    case StateColumn:
        return tr("State");
    case RttColumn:
        return tr("RTT");
    case ConnectionsColumn:
        return tr("Connections");
    case StudentsColumn:
        return tr("Today");
    case TrafficColumn:
        return tr("Traffic");
    case UptimeColumn:
        return tr("Uptime");
    case EndsColumn:
        return tr("Ends");
    default:
        return {};
    }
}

} // namespace labshare::ui
