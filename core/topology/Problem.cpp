// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Problem.h"

#include <algorithm>

namespace labshare::topology {

QString Problem::toString() const {
    return where.toString() + QStringLiteral(": ") + severityName(severity) + QStringLiteral(": ") + message;
}

QString severityName(Severity severity) {
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

bool hasErrors(const QList<Problem>& problems) {
    return std::any_of(problems.cbegin(), problems.cend(),
                       [](const Problem& p) { return p.severity == Severity::Error; });
}

} // namespace labshare::topology
