// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TopologyModel.h"

#include "models/NodeAddressText.h"
#include "models/ShareStateStyle.h"
#include "share/ShareAccess.h"
#include "share/ShareName.h"
#include "topology/KindAliases.h"

#include <QFont>
#include <QIcon>
#include <QPalette>

#include <algorithm>
#include <utility>

namespace labshare::ui {

using share::CandidatePort;
using topology::Node;
using topology::PublishSpec;

namespace {

// A node row's internal id is 0; a port row's is its node's row + 1.
constexpr quintptr kNodeId = 0;

bool isContainerless(const Node& node) {
    return topology::isContainerlessKind(topology::canonicalKind(node.kind));
}

// A stopped share shows nothing; every other state is worded as in the shares table (Idle: "Waiting").
bool showsState(tunnel::ShareState state) {
    return state != tunnel::ShareState::Stopped;
}

} // namespace

TopologyModel::TopologyModel(QObject* parent)
    : QAbstractItemModel(parent) {}

void TopologyModel::fillPorts(NodeEntry& entry) {
    entry.ports = share::candidatePorts(entry.node, entry.userPorts);
    entry.shareNames.clear();
    for (const CandidatePort& port : entry.ports)
        entry.shareNames << share::shareName(entry.node.name, port.spec);
}

void TopologyModel::setTopology(const topology::Topology& topology) {
    const bool reload = !m_file.isEmpty() && topology.file == m_file;
    QHash<QString, QList<PublishSpec>> userPorts;
    QHash<QString, QString> overrides;
    if (reload) {
        for (const NodeEntry& entry : std::as_const(m_nodes)) {
            userPorts.insert(entry.node.name, entry.userPorts);
            overrides.insert(entry.node.name, entry.addressOverride);
        }
    }

    beginResetModel();
    if (!reload) {
        m_ticked.clear();
        m_states.clear();
    }
    m_file = topology.file;
    m_nodes.clear();
    for (const Node& node : topology.nodes) {
        NodeEntry entry;
        entry.node = node;
        entry.userPorts = userPorts.value(node.name);
        entry.addressOverride = overrides.value(node.name);
        fillPorts(entry);
        m_nodes << entry;
    }
    endResetModel();
}

void TopologyModel::setTicked(const QSet<QString>& shareNames, const QSet<QString>& gated) {
    const QSet<QString> changed =
        (m_ticked - shareNames) | (shareNames - m_ticked) | (m_gated - gated) | (gated - m_gated);
    m_ticked = shareNames;
    m_gated = gated;
    for (const QString& name : changed) {
        const QModelIndex cell = portIndex(name, NameColumn);
        if (!cell.isValid())
            continue;
        Q_EMIT dataChanged(cell, cell, {Qt::CheckStateRole});
        // A listed entry reads differently once it is shared: through the gate, or open despite the list.
        const QModelIndex who = cell.siblingAtColumn(WhoColumn);
        if (!who.data(PublishSpecRole).value<PublishSpec>().isOpen())
            Q_EMIT dataChanged(who, who, {Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole});
    }
}

QList<PublishSpec> TopologyModel::userPorts(const QString& node) const {
    const int row = nodeRow(node);
    return row < 0 ? QList<PublishSpec>() : m_nodes.at(row).userPorts;
}

void TopologyModel::setUserPorts(const QString& node, const QList<PublishSpec>& ports) {
    const int row = nodeRow(node);
    if (row < 0)
        return;
    NodeEntry& entry = m_nodes[row];
    entry.userPorts = ports;
    const QList<CandidatePort> oldPorts = entry.ports;
    const QStringList oldNames = entry.shareNames;
    fillPorts(entry);
    const QList<CandidatePort> newPorts = entry.ports;
    const QStringList newNames = entry.shareNames;

    // Only the stretch between the unchanged head and tail is removed and inserted.
    const qsizetype shorter = std::min(oldNames.size(), newNames.size());
    qsizetype head = 0;
    while (head < shorter && oldNames.at(head) == newNames.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < shorter - head && oldNames.at(oldNames.size() - 1 - tail) == newNames.at(newNames.size() - 1 - tail))
        ++tail;

    const QModelIndex parentIndex = index(row, NameColumn);
    entry.ports = oldPorts;
    entry.shareNames = oldNames;
    if (oldNames.size() - head - tail > 0) {
        beginRemoveRows(parentIndex, int(head), int(oldNames.size() - tail - 1));
        entry.ports.remove(head, oldNames.size() - head - tail);
        entry.shareNames.remove(head, oldNames.size() - head - tail);
        endRemoveRows();
    }
    if (newNames.size() - head - tail > 0) {
        beginInsertRows(parentIndex, int(head), int(newNames.size() - tail - 1));
        entry.ports = newPorts;
        entry.shareNames = newNames;
        endInsertRows();
    }
    entry.ports = newPorts; // the same names throughout when nothing was inserted
    entry.shareNames = newNames;
}

void TopologyModel::setShareState(const QString& shareName, tunnel::ShareState state) {
    const tunnel::ShareState old = m_states.value(shareName, tunnel::ShareState::Stopped); // none: nothing shown
    if (old == state || (!showsState(old) && !showsState(state)))
        return;
    const QModelIndex cell = portIndex(shareName, ReachabilityColumn);
    const int node = cell.isValid() ? int(cell.internalId() - 1) : -1;
    const QString nodeBefore = node >= 0 ? reachabilityText(m_nodes.at(node)) : QString();
    if (showsState(state))
        m_states.insert(shareName, state);
    else
        m_states.remove(shareName);
    if (!cell.isValid())
        return;
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, Qt::DecorationRole});
    if (reachabilityText(m_nodes.at(node)) != nodeBefore) {
        const QModelIndex nodeCell = index(node, ReachabilityColumn);
        Q_EMIT dataChanged(nodeCell, nodeCell, {Qt::DisplayRole});
    }
}

QString TopologyModel::reachabilityText(const NodeEntry& entry) const {
    QStringList silent;
    bool answering = false;
    for (qsizetype i = 0; i < entry.shareNames.size(); ++i) {
        switch (m_states.value(entry.shareNames.at(i), tunnel::ShareState::Stopped)) {
        case tunnel::ShareState::Up:
            answering = true;
            break;
        case tunnel::ShareState::Degraded:
            silent << topology::publishTypeName(entry.ports.at(i).spec.type) + QLatin1Char('/') +
                          QString::number(entry.ports.at(i).spec.port);
            break;
        default:
            break;
        }
    }
    if (!silent.isEmpty() && answering)
        return tr("not answering on %1").arg(silent.join(QStringLiteral(", ")));
    if (!silent.isEmpty())
        return tr("unreachable");
    // A shared port that is Up answers: the node is not "unreachable" beside it, whatever an older
    // report of another port said.
    if (answering || entry.reachability == tunnel::Reachability::Reachable)
        return tr("reachable");
    if (entry.reachability == tunnel::Reachability::Unreachable)
        return tr("unreachable");
    return QString();
}

QString TopologyModel::addressOverride(const QString& node) const {
    const int row = nodeRow(node);
    return row < 0 ? QString() : m_nodes.at(row).addressOverride;
}

void TopologyModel::setAddressOverride(const QString& node, const QString& host) {
    const int row = nodeRow(node);
    if (row < 0 || m_nodes.at(row).addressOverride == host.trimmed())
        return;
    m_nodes[row].addressOverride = host.trimmed();
    const QModelIndex cell = index(row, AddressColumn);
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
}

void TopologyModel::setReachability(const QString& node, tunnel::Reachability reachability) {
    const int row = nodeRow(node);
    if (row < 0 || m_nodes.at(row).reachability == reachability)
        return;
    const QString before = reachabilityText(m_nodes.at(row));
    m_nodes[row].reachability = reachability;
    if (reachabilityText(m_nodes.at(row)) == before)
        return;
    const QModelIndex cell = index(row, ReachabilityColumn);
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole});
}

int TopologyModel::nodeRow(const QString& node) const {
    for (int row = 0; row < m_nodes.size(); ++row)
        if (m_nodes.at(row).node.name == node)
            return row;
    return -1;
}

QModelIndex TopologyModel::nodeIndex(const QString& node, int column) const {
    const int row = nodeRow(node);
    return row < 0 ? QModelIndex() : index(row, column);
}

QModelIndex TopologyModel::portIndex(const QString& shareName, int column) const {
    for (int row = 0; row < m_nodes.size(); ++row) {
        const int port = int(m_nodes.at(row).shareNames.indexOf(shareName));
        if (port >= 0)
            return createIndex(port, column, quintptr(row) + 1);
    }
    return {};
}

QModelIndex TopologyModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kNodeId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex TopologyModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kNodeId)
        return {};
    return createIndex(int(child.internalId() - 1), NameColumn, kNodeId);
}

int TopologyModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.internalId() != kNodeId || parent.column() != NameColumn)
        return 0;
    return int(m_nodes.at(parent.row()).ports.size());
}

int TopologyModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant TopologyModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index));
    if (index.internalId() == kNodeId)
        return nodeData(m_nodes.at(index.row()), index.column(), role);
    return portData(m_nodes.at(index.internalId() - 1), index.row(), index.column(), role);
}

QIcon TopologyModel::kindIcon(const Node& node) {
    // One glyph per family: routers and switches, Linux hosts, web front ends, bridges.
    static const QIcon router(QStringLiteral(":/icons/kind-router.svg"));
    static const QIcon host(QStringLiteral(":/icons/kind-linux.svg"));
    static const QIcon web(QStringLiteral(":/icons/kind-web.svg"));
    static const QIcon bridge(QStringLiteral(":/icons/kind-bridge.svg"));
    if (isContainerless(node))
        return bridge;
    const QString image = node.image.section(QLatin1Char('/'), -1);
    if (image.startsWith(QLatin1String("grafana")) || image.startsWith(QLatin1String("prometheus")) ||
        image.startsWith(QLatin1String("nginx")))
        return web;
    if (node.kind == QLatin1String("linux") || node.kind.isEmpty())
        return host;
    return router;
}

QVariant TopologyModel::nodeData(const NodeEntry& entry, int column, int role) const {
    const Node& node = entry.node;
    switch (role) {
    case NodeNameRole:
        return node.name;
    case KindRole:
        return node.kind;
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return node.name;
        case KindColumn:
            return node.kind;
        case ImageColumn:
            return node.image;
        case AddressColumn:
            return nodeAddressText(node, entry.addressOverride);
        case ReachabilityColumn:
            return reachabilityText(entry);
        default:
            return QString();
        }
    case Qt::EditRole:
        if (column == AddressColumn)
            return !entry.addressOverride.isEmpty() ? entry.addressOverride : node.managementAddress();
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn)
            return isContainerless(node) ? tr("%1 (%2, no container)").arg(node.name, node.kind)
                                         : tr("Container: %1").arg(node.container);
        if (column == AddressColumn)
            return nodeAddressToolTip(node, entry.addressOverride);
        if (column == KindColumn && node.kindAsWritten != node.kind && !node.kindAsWritten.isEmpty())
            return tr("Written as %1 in the topology").arg(node.kindAsWritten);
        return {};
    case Qt::DecorationRole:
        if (column == NameColumn)
            return kindIcon(node);
        return {};
    default:
        return {};
    }
}

QVariant TopologyModel::portData(const NodeEntry& entry, int port, int column, int role) const {
    const CandidatePort& candidate = entry.ports.at(port);
    const QString& name = entry.shareNames.at(port);
    const bool suggested = candidate.origin == share::CandidateOrigin::WellKnown;
    switch (role) {
    case NodeNameRole:
        return entry.node.name;
    case KindRole:
        return entry.node.kind;
    case ShareNameRole:
        return name;
    case PublishSpecRole:
        return QVariant::fromValue(candidate.spec);
    case OriginRole:
        return int(candidate.origin);
    case Qt::CheckStateRole:
        if (column == NameColumn)
            return int(m_ticked.contains(name) ? Qt::Checked : Qt::Unchecked);
        return {};
    case Qt::DisplayRole:
        if (column == NameColumn)
            return QString(candidate.label + QLatin1Char(' ') + topology::publishTypeName(candidate.spec.type) +
                           QLatin1Char('/') + QString::number(candidate.spec.port));
        if (column == ReachabilityColumn) {
            const auto state = m_states.constFind(name);
            return state == m_states.cend() ? QString() : share::ShareStatus::text(*state);
        }
        if (column == WhoColumn) {
            if (m_ticked.contains(name)) // shared: who can connect now, never the list as if enforced
                return share::ShareAccess::of(candidate.spec, m_gated.contains(name)).text();
            return candidate.spec.isOpen() ? tr("anyone") : candidate.spec.allowed.join(QStringLiteral(", "));
        }
        return QString();
    case Qt::DecorationRole:
        if (column == ReachabilityColumn && m_states.contains(name))
            return shareStateColor(m_states.value(name));
        if (column == WhoColumn && m_gated.contains(name))
            return gatedShareIcon();
        return {};
    case Qt::FontRole:
        if (column == NameColumn && suggested) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == NameColumn && suggested)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn && suggested)
            return tr("%1 — suggested for %2; the lab does not declare it").arg(name, entry.node.kind);
        if (column == NameColumn)
            return tr("%1 — %2").arg(name, share::candidateOriginName(candidate.origin));
        if (column == WhoColumn && m_gated.contains(name))
            return tr("Shared through LabShare's gate: only these people get through, signed in at your identity "
                      "provider, with `labshare connect`.");
        if (column == WhoColumn && !candidate.spec.isOpen() && m_ticked.contains(name))
            return tr("Shared open: LabShare's gate was not used, so anyone with the address can connect.");
        if (column == WhoColumn && !candidate.spec.isOpen())
            return tr("Only these people may connect: ticking it publishes it through LabShare's gate, which signs "
                      "them in at your identity provider (without one, LabShare asks before publishing it open).");
        return {};
    default:
        return {};
    }
}

bool TopologyModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid())
        return false;
    Q_ASSERT(checkIndex(index));
    if (index.internalId() == kNodeId) {
        if (role != Qt::EditRole || index.column() != AddressColumn || !(flags(index) & Qt::ItemIsEditable))
            return false;
        const NodeEntry& entry = m_nodes.at(index.row());
        const QString host = value.toString().trimmed();
        const QString lab = entry.node.managementAddress();
        // Typing the lab's own address back is the same as clearing the override.
        const QString wanted = host == lab ? QString() : host;
        if (wanted == entry.addressOverride)
            return false;
        const QString node = entry.node.name;
        setAddressOverride(node, wanted);
        Q_EMIT addressOverrideChanged(node, wanted);
        return true;
    }
    if (role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    const NodeEntry& entry = m_nodes.at(index.internalId() - 1);
    const QString& name = entry.shareNames.at(index.row());
    const bool wantTicked = static_cast<Qt::CheckState>(value.toInt()) != Qt::Unchecked;
    if (wantTicked == m_ticked.contains(name))
        return false;
    // Only a request: the check box follows once the window reports the tick back through setTicked.
    if (wantTicked)
        Q_EMIT publishRequested(entry.node.name, entry.ports.at(index.row()).spec);
    else
        Q_EMIT unpublishRequested(name);
    return true;
}

Qt::ItemFlags TopologyModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index));
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() == kNodeId) {
        if (index.column() == AddressColumn && !isContainerless(m_nodes.at(index.row()).node))
            result |= Qt::ItemIsEditable;
        return result;
    }
    result |= Qt::ItemNeverHasChildren;
    if (index.column() == NameColumn)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

QVariant TopologyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Node / port");
    case KindColumn:
        return tr("Kind");
    case ImageColumn:
        return tr("Image");
    case AddressColumn:
        return tr("Management address");
    case ReachabilityColumn:
        return tr("Reachability");
    case WhoColumn:
        return tr("Who can connect");
    default:
        return {};
    }
}

} // namespace labshare::ui
