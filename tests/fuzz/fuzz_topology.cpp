// SPDX-License-Identifier: GPL-3.0-or-later
// A whole topology file (topology/TopologyLoader::parse): env expansion, YAML, nodes, kinds, groups,
// publish entries and labels, links. Bad input becomes problems, never a crash.
#include "FuzzSupport.h"

#include "topology/LabDiscovery.h"
#include "topology/TopologyLoader.h"

using namespace labshare;
using namespace labshare::topology;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const QProcessEnvironment environment = [] {
        QProcessEnvironment env;
        env.insert(QStringLiteral("LAB"), QStringLiteral("lab1"));
        env.insert(QStringLiteral("IMAGE"), QStringLiteral("ghcr.io/nokia/srlinux:24.10"));
        env.insert(QStringLiteral("EMPTY"), QString());
        return env;
    }();
    Topology topology = TopologyLoader::parse(fuzz::bytes(data, size), QStringLiteral("fuzz.clab.yml"), environment);
    LabDiscovery::applyAddresses(topology, std::nullopt, std::nullopt);
    for (const Node& node : std::as_const(topology.nodes)) {
        for (const PublishSpec& spec : node.publish)
            FUZZ_CHECK(spec.port >= 1);
        (void)topology.node(node.name);
    }
    for (const Problem& problem : std::as_const(topology.problems))
        (void)problem.toString();
    return 0;
}
