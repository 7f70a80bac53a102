// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::app {

// `labshare inspect FILE [--json]`. Returns the exit code: 0 no error, 2 errors in the lab (the
// report is still printed), 1 the file cannot be read.
int runInspect(const QString& file, bool json);

} // namespace labshare::app
