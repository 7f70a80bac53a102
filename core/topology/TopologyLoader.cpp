// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyLoader.h"
#include "topology/ContainerlabInspect.h"
#include "topology/KindAliases.h"
#include "topology/LabDiscovery.h"
#include "topology/TopologyParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>

namespace labshare::topology {

Result<Topology> TopologyLoader::load(const QString& path, const LoadOptions& options) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::FileUnreadable,
                         QCoreApplication::translate("labshare::topology::TopologyLoader", "cannot read %1: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString()));
    Topology topology = parse(file.readAll(), path, options.environment);
    discoverAddresses(topology, options);
    return topology;
}

Topology TopologyLoader::parse(const QByteArray& text, const QString& file, const QProcessEnvironment& environment) {
    return parseTopology(text, file, environment);
}

void TopologyLoader::discoverAddresses(Topology& topology, const LoadOptions& options) {
    const QString dataFile = QDir(LabDiscovery::labDirectory(topology.file, topology.name, options.environment))
                                 .filePath(QStringLiteral("topology-data.json"));
    std::optional<QList<RuntimeNode>> topologyData;
    QFile data(dataFile);
    if (data.exists() && data.open(QIODevice::ReadOnly))
        topologyData = LabDiscovery::parseTopologyData(data.readAll(), dataFile, topology.problems);

    // Ask containerlab only when the lab directory leaves a container without an address.
    const bool missing = std::any_of(topology.nodes.cbegin(), topology.nodes.cend(), [&](const Node& node) {
        if (isContainerlessKind(node.kind))
            return false;
        if (!topologyData)
            return true;
        return std::none_of(topologyData->cbegin(), topologyData->cend(), [&](const RuntimeNode& r) {
            return r.name == node.name && (!r.ipv4.isEmpty() || !r.ipv6.isEmpty());
        });
    });
    std::optional<QList<RuntimeNode>> inspect;
    if (missing && !topology.nodes.isEmpty()) {
        const std::optional<QByteArray> output = options.inspect
                                                     ? options.inspect(topology.file)
                                                     : runContainerlabInspect(topology.file, options.environment);
        if (output)
            inspect = LabDiscovery::parseInspect(*output, topology.name, QStringLiteral("containerlab inspect"),
                                                 topology.problems);
    }
    LabDiscovery::applyAddresses(topology, topologyData, inspect);
}

} // namespace labshare::topology
