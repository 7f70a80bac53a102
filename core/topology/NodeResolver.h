// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Node.h"
#include "topology/NodeDefinition.h"

#include <QMap>

namespace labshare::topology {

// Resolves a node through containerlab's chain node -> group -> kind -> defaults: scalars and
// publish lists take the first non-empty value (override, never merge), labels merge. The kind
// comes from node.kind -> group.kind -> defaults.kind, the group from node.group -> kind.group ->
// defaults.group. A `labshare.publish` label, once merged, replaces the legacy publish lists.
class NodeResolver {
public:
    NodeResolver(NodeDefinition defaults, QMap<QString, NodeDefinition> kinds, QMap<QString, NodeDefinition> groups);

    Node resolve(const QString& name, const NodeDefinition& def) const;

private:
    const NodeDefinition* kindDefinition(const QString& kind) const;
    const NodeDefinition* groupDefinition(const QString& group) const;

    NodeDefinition m_defaults;
    QMap<QString, NodeDefinition> m_kinds; // keyed by the kind string as written, lower case
    QMap<QString, NodeDefinition> m_groups;
};

} // namespace labshare::topology
