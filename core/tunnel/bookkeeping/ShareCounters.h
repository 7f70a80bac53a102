// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace labshare::tunnel {

// Traffic counters of one share, owned by the relay session's worker thread.
struct ShareCounters {
    int open = 0;
    quint64 total = 0;
    quint64 toNode = 0;
    quint64 fromNode = 0;
    quint64 refused = 0; // closed at once or at the gate by LabShare's limits (allow=, caps, silence)
};

} // namespace labshare::tunnel
