// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/ShareHealth.h"

#include <QColor>
#include <QString>

namespace labshare::ui {

// How a share's state reads in a table cell: "Up", "Connecting…", …
QString shareStateText(tunnel::ShareState state);

// The dot next to a share's state: up green, degraded amber, connecting and reconnecting blue,
// failed red, stopped and idle grey.
QColor shareStateColor(tunnel::ShareState state);

} // namespace labshare::ui
