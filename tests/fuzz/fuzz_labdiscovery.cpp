// SPDX-License-Identifier: GPL-3.0-or-later
// Where a deployed lab's nodes run (topology/LabDiscovery): the same bytes as topology-data.json and as
// `containerlab inspect --format json` output, then applied to a small lab.
#include "FuzzSupport.h"

#include "topology/LabDiscovery.h"
#include "topology/TopologyLoader.h"

using namespace labshare;
using namespace labshare::topology;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Topology lab = TopologyLoader::parse("name: vlan\n"
                                                      "topology:\n"
                                                      "  nodes:\n"
                                                      "    client1: {kind: linux, mgmt-ipv4: 192.0.2.1}\n"
                                                      "    srl1: {kind: srl}\n",
                                                      QStringLiteral("vlan.clab.yml"), QProcessEnvironment());
    const QByteArray json = fuzz::bytes(data, size);
    QList<Problem> problems;
    const auto topologyData = LabDiscovery::parseTopologyData(json, QStringLiteral("topology-data.json"), problems);
    const auto inspect = LabDiscovery::parseInspect(json, QStringLiteral("vlan"), QStringLiteral("inspect"), problems);
    for (const auto& nodes : {topologyData, inspect})
        if (nodes)
            for (const RuntimeNode& node : *nodes)
                FUZZ_CHECK(node.ipv4 != QLatin1String("N/A") && node.ipv6 != QLatin1String("N/A"));
    Topology topology = lab;
    LabDiscovery::applyAddresses(topology, topologyData, inspect);
    for (const Node& node : std::as_const(topology.nodes))
        FUZZ_CHECK(node.hasAddress() == (node.addressSource != AddressSource::None));
    return 0;
}
