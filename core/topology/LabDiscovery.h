// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Problem.h"
#include "topology/Topology.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace labshare::topology {

// What the container runtime says about one node of a deployed lab.
struct RuntimeNode {
    QString name;      // the node's short name, when the source gives it
    QString container; // the container name
    QString ipv4;      // bare addresses: no prefix length, never "N/A"
    QString ipv6;
};

// Finds where a deployed lab's nodes are: containerlab's topology-data.json in the lab directory,
// or the JSON printed by `containerlab inspect --format json`.
namespace LabDiscovery {

// A lab name that makes one folder name: not empty, no path separator, no "..", no control character.
bool isPlainLabName(const QString& lab);

// <topology dir, or $CLAB_LABDIR_BASE>/clab-<lab>/; only for a plain lab name.
QString labDirectory(const QString& topologyFile, const QString& lab, const QProcessEnvironment& environment);

// Reads topology-data.json (nodes.<short name>.{longname, mgmt-ipv4-address, mgmt-ipv6-address}).
// A malformed file is a warning in `problems` at its line and column, and gives nothing.
std::optional<QList<RuntimeNode>> parseTopologyData(const QByteArray& json, const QString& file,
                                                    QList<Problem>& problems);

// Reads every shape `containerlab inspect --format json` has printed: a bare array (<= v0.30),
// {"containers": [...], "mysocketio": [...]} (v0.31-v0.38), {"containers": [...]} (v0.39-v0.67),
// and {"<lab>": [...]} (v0.68+). Only containers of `lab` are kept when entries name their lab.
std::optional<QList<RuntimeNode>> parseInspect(const QByteArray& json, const QString& lab, const QString& source,
                                               QList<Problem>& problems);

// Fills each node's address from the best source that knows it: topology-data, inspect, static.
void applyAddresses(Topology& topology, const std::optional<QList<RuntimeNode>>& topologyData,
                    const std::optional<QList<RuntimeNode>>& inspect);

} // namespace LabDiscovery

} // namespace labshare::topology
