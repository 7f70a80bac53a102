// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/PublishSpec.h"

#include <QString>

namespace labshare::share {

// The name a share goes by everywhere (tables, tray, relay, share sheet): clab-<node>-<type>-<port>.
QString shareName(const QString& node, const topology::PublishSpec& spec);

} // namespace labshare::share
