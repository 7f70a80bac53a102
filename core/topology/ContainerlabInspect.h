// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace labshare::topology {

// Runs `containerlab inspect -t FILE --format json` when containerlab is on the PATH of
// `environment`, and returns what it printed; nothing when it is absent, fails or takes longer
// than `timeoutMs`. Blocks: never call it on the GUI thread.
std::optional<QByteArray> runContainerlabInspect(const QString& topologyFile, const QProcessEnvironment& environment,
                                                 int timeoutMs = 15000);

} // namespace labshare::topology
