// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace labshare::topology {

// Text to Topology: containerlab's env expansion, yaml-cpp, and node resolution. yaml-cpp
// exceptions stop here and become problems with the file's line and column.
Topology parseTopology(const QByteArray& text, const QString& file, const QProcessEnvironment& environment);

} // namespace labshare::topology
