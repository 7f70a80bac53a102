// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::app {

// The desktop app's composition root: builds the window and wires the services it needs.
int runGui(int& argc, char** argv, const QString& file);

} // namespace labshare::app
