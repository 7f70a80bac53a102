// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace labshare {

// A core dump would write every token, client secret, ticket and key this process holds to disk,
// and a non-dumpable process cannot be attached to by other processes of the same user. Release
// builds (NDEBUG) call this first thing in every entry point: the core size limit goes to 0 and the
// process is marked not dumpable. Debug builds leave both alone so developers can debug.
// Returns whether the limits are in place (false in a debug build, or when the system refused).
bool disableCoreDumps();

} // namespace labshare
