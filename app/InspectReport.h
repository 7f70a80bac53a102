// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QJsonObject>
#include <QString>

namespace labshare::app {

// `labshare inspect --json`: {"name", "file", "nodes": [...], "problems": [...]}; nodes in file order.
QJsonObject inspectJson(const topology::Topology& topology);

// `labshare inspect`: a table of nodes and their publish entries, then problems as file:line:column.
QString inspectTable(const topology::Topology& topology);

} // namespace labshare::app
