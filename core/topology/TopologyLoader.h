// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "topology/Topology.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <optional>

namespace labshare::topology {

struct LoadOptions {
    // Variables for ${VAR} expansion and CLAB_LABDIR_BASE.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Asked for `containerlab inspect --format json` output when topology-data.json does not give
    // every node an address; returns nothing when containerlab is absent or fails. Blocking: call
    // the loader off the GUI thread.
    std::function<std::optional<QByteArray>(const QString& topologyFile)> inspect;
};

// Reads a containerlab topology file the way containerlab does (env expansion, then YAML), resolves
// every node, and finds where the nodes run. Bad input never stops the load: each problem is
// recorded with file, line and column, and the rest of the lab still loads.
class TopologyLoader {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::TopologyLoader)

public:
    // Larger topology files and topology-data.json files are refused unread: no lab needs more, and
    // a hostile file of gigabytes would otherwise be read whole.
    static constexpr qint64 kMaxFileSize = qint64{16} << 20;

    // Fails only when the file cannot be read; a file over kMaxFileSize gives a lab with one problem.
    static Result<Topology> load(const QString& path, const LoadOptions& options = {});

    // Parses topology text; `file` names it in problems. No address discovery.
    static Topology parse(const QByteArray& text, const QString& file, const QProcessEnvironment& environment);

    // Fills node addresses from the lab directory, containerlab inspect, or static addresses.
    static void discoverAddresses(Topology& topology, const LoadOptions& options);
};

} // namespace labshare::topology
