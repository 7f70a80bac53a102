// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/SourceLocation.h"

#include <QList>
#include <QString>

namespace labshare::topology {

enum class Severity { Warning, Error };

// One thing wrong with a lab, at the place in the file that caused it.
struct Problem {
    SourceLocation where;
    Severity severity = Severity::Error;
    QString message;
    QString node; // the node it concerns, empty for the whole lab

    QString toString() const; // "file:line:column: error: message"
};

QString severityName(Severity severity);
bool hasErrors(const QList<Problem>& problems);

} // namespace labshare::topology
