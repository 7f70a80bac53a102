// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CommandLine.h"

namespace labshare::app {

// `labshare up FILE …`: publishes the lab's effective publish entries (or the --only selection)
// until SIGINT/SIGTERM, then tears every forward down. Exit 0 after a clean stop, 2 for bad input,
// 1 when the lab cannot be read or the relay refuses for good (host key, login).
int runUp(const Invocation& invocation);

} // namespace labshare::app
