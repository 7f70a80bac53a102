// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QJsonObject>
#include <QString>

namespace labshare::app {

// `labshare inspect --json`: {"name", "file", "nodes": [...], "problems": [...]}; nodes in file order.
QJsonObject inspectJson(const topology::Topology& topology);

// `labshare inspect`: a table of nodes and their publish entries (each as "SHARE: TYPE/PORT [for …] (origin)"),
// then problems as file:line:column; no line is wider than 80 columns (long cells wrap, never the row).
QString inspectTable(const topology::Topology& topology);

} // namespace labshare::app
