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

namespace {

// At most kMaxFileSize bytes of an open file; nothing when it holds more.
std::optional<QByteArray> readCapped(QFile& file) {
    QByteArray text = file.read(TopologyLoader::kMaxFileSize + 1);
    if (text.size() > TopologyLoader::kMaxFileSize)
        return std::nullopt;
    return text;
}

Problem tooLarge(const QString& file) {
    return {{file, 1, 1},
            Severity::Error,
            TopologyLoader::tr("the file is larger than %1 MiB; LabShare does not read it")
                .arg(TopologyLoader::kMaxFileSize >> 20),
            QString()};
}

} // namespace

Result<Topology> TopologyLoader::load(const QString& path, const LoadOptions& options) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::FileUnreadable,
                         tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    const std::optional<QByteArray> text = readCapped(file);
    if (!text) {
        Topology refused;
        refused.file = path;
        refused.problems.append(tooLarge(path));
        return refused;
    }
    Topology topology = parse(*text, path, options.environment);
    discoverAddresses(topology, options);
    return topology;
}

Topology TopologyLoader::parse(const QByteArray& text, const QString& file, const QProcessEnvironment& environment) {
    return parseTopology(text, file, environment);
}

void TopologyLoader::discoverAddresses(Topology& topology, const LoadOptions& options) {
    std::optional<QList<RuntimeNode>> topologyData;
    if (LabDiscovery::isPlainLabName(topology.name)) {
        const QString dataFile = QDir(LabDiscovery::labDirectory(topology.file, topology.name, options.environment))
                                     .filePath(QStringLiteral("topology-data.json"));
        QFile data(dataFile);
        if (data.exists() && data.open(QIODevice::ReadOnly)) {
            if (const std::optional<QByteArray> json = readCapped(data))
                topologyData = LabDiscovery::parseTopologyData(*json, dataFile, topology.problems);
            else
                topology.problems.append(tooLarge(dataFile));
        }
    }

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
