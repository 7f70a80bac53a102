// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace labshare::tunnel {

// The process's limit on open file descriptors (RLIMIT_NOFILE): every connection LabShare forwards holds
// one or more, so this bounds how many students it can serve at once.
class OpenFileLimit {
public:
    OpenFileLimit() = delete;

    static quint64 soft(); // the limit in force
    static quint64 hard(); // how far the process may raise it
    // Raises the soft limit to the hard one (many systems start processes at 1024 with a far higher hard
    // limit). Returns the soft limit in force afterwards.
    static quint64 raiseToHard();
};

} // namespace labshare::tunnel
