// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Node.h"

#include <QString>

namespace labshare::ui {

// A node's management address as the topology tree shows it, with where it came from:
// "172.31.0.11 (static)", "10.0.0.5 (typed by you)", "— no address: deploy the lab or type one".
QString nodeAddressText(const topology::Node& node, const QString& addressOverride);
// The longer story for the tooltip: both address families, the source, what to do without one.
QString nodeAddressToolTip(const topology::Node& node, const QString& addressOverride);

} // namespace labshare::ui
