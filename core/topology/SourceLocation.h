// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::topology {

// A place in a file the user wrote; line and column are 1-based, 0 when unknown.
struct SourceLocation {
    QString file;
    int line = 0;
    int column = 0;

    QString toString() const;
};

} // namespace labshare::topology
