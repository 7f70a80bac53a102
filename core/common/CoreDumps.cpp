// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/CoreDumps.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace labshare {

bool disableCoreDumps() {
#if defined(NDEBUG) && defined(Q_OS_UNIX)
    const rlimit none{0, 0};
    bool ok = ::setrlimit(RLIMIT_CORE, &none) == 0;
#ifdef Q_OS_LINUX
    ok = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
#else
    return false;
#endif
}

} // namespace labshare
