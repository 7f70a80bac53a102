// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Topology.h"

namespace labshare::topology {

const Node* Topology::node(const QString& nodeName) const {
    for (const Node& n : nodes)
        if (n.name == nodeName)
            return &n;
    return nullptr;
}

QString containerName(const QString& prefix, const QString& lab, const QString& node) {
    if (prefix.isEmpty())
        return node;
    if (prefix == QLatin1String("__lab-name"))
        return lab + QLatin1Char('-') + node;
    return prefix + QLatin1Char('-') + lab + QLatin1Char('-') + node;
}

} // namespace labshare::topology
