// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"
#include "topology/YamlLocator.h"

#include <yaml-cpp/node/node.h>

namespace labshare::topology {

// Reads `topology.links` in the brief form (endpoints: ["r1:e1-1", "r2:e1-1"]) and the extended
// form (type: veth | mgmt-net | host | macvlan | dummy | vxlan …). Each endpoint that names a node
// the topology does not define is an error at that endpoint; problems go to topology.problems.
QList<Link> readLinks(const YAML::Node& links, Topology& topology, const YamlLocator& locator);

} // namespace labshare::topology
