// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/SourceLocation.h"

namespace labshare::topology {

QString SourceLocation::toString() const {
    if (line <= 0)
        return file;
    return file + QLatin1Char(':') + QString::number(line) + QLatin1Char(':') + QString::number(column);
}

} // namespace labshare::topology
