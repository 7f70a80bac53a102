// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/CandidatePorts.h"
#include "topology/Topology.h"
#include "tunnel/bookkeeping/ShareHealth.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

class QIcon;

namespace labshare::ui {

// The open lab as a tree: one top-level row per node (file order), the node's candidate ports as
// its children, each with a check box. Ports the lab declares (or the user added) look normal; ports
// only suggested by the node's kind are italic and grey, with a tooltip saying so. Ticking or unticking a port only
// asks (publishRequested, unpublishRequested): the share session decides, and the window reports what is ticked back
// through setTicked. The model never publishes anything itself.
class TopologyModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,         // node name; port label and entry, "SSH tcp/22" (check box)
        KindColumn,         // node kind
        ImageColumn,        // node image
        AddressColumn,      // management address and where it came from; editable on nodes
        ReachabilityColumn, // node: reachable or not (reachabilityText); port: its share's state, with a coloured dot
        WhoColumn,          // port: the allowed users, or "anyone"
        ColumnCount
    };
    enum Role {
        NodeNameRole = Qt::UserRole + 1, // QString, on node and port rows
        PublishSpecRole,                 // topology::PublishSpec, on port rows
        ShareNameRole,                   // QString clab-<node>-<type>-<port>, on port rows
        KindRole,                        // QString canonical kind, on node and port rows (for a kind icon)
        OriginRole,                      // int share::CandidateOrigin, on port rows
    };

    explicit TopologyModel(QObject* parent = nullptr);

    // Shows a lab. Reloading the same file keeps the user's ports, typed addresses, ticks and states;
    // another file starts afresh.
    void setTopology(const topology::Topology& topology);
    // The file of the lab shown ("" before the first), e.g. where file dialogs start.
    QString file() const { return m_file; }
    // The share names that are ticked (published or being published).
    // The shares published now, and which of them go through the gate (their allow-list enforced).
    void setTicked(const QSet<QString>& shareNames, const QSet<QString>& gated = {});
    QSet<QString> ticked() const { return m_ticked; }
    // The <type>/<port> entries the user added to a node, offered after its other candidates.
    void setUserPorts(const QString& node, const QList<topology::PublishSpec>& ports);
    QList<topology::PublishSpec> userPorts(const QString& node) const;
    // What a ticked port's share is doing, in share::ShareStatus's words; Stopped shows nothing.
    void setShareState(const QString& shareName, tunnel::ShareState state);
    // Reaches a node at a host the user typed; an empty host goes back to the lab's address.
    void setAddressOverride(const QString& node, const QString& host);
    QString addressOverride(const QString& node) const;
    void setReachability(const QString& node, tunnel::Reachability reachability);

    QModelIndex nodeIndex(const QString& node, int column = NameColumn) const;
    QModelIndex portIndex(const QString& shareName, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The user ticked a port: publish `spec` on `node`.
    void publishRequested(const QString& node, const labshare::topology::PublishSpec& spec);
    // The user unticked a port: stop the share.
    void unpublishRequested(const QString& shareName);
    // The user typed an address for a node in the address column (empty: use the lab's again).
    void addressOverrideChanged(const QString& node, const QString& host);

private:
    struct NodeEntry {
        topology::Node node;
        QList<share::CandidatePort> ports;
        QStringList shareNames; // one per port
        QList<topology::PublishSpec> userPorts;
        QString addressOverride;
        tunnel::Reachability reachability = tunnel::Reachability::Unknown;
    };

    static QIcon kindIcon(const topology::Node& node);
    QVariant nodeData(const NodeEntry& entry, int column, int role) const;
    // A node's reachability as its shared ports see it: "unreachable" only when none of them answers,
    // "not answering on tls/57400" when some do, so it never contradicts a port's "Up".
    QString reachabilityText(const NodeEntry& entry) const;
    QVariant portData(const NodeEntry& entry, int port, int column, int role) const;
    int nodeRow(const QString& node) const;
    static void fillPorts(NodeEntry& entry);

    QList<NodeEntry> m_nodes;
    QString m_file;
    QSet<QString> m_ticked;
    QSet<QString> m_gated;
    QHash<QString, tunnel::ShareState> m_states;
};

} // namespace labshare::ui
