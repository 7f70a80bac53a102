// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace labshare::testsupport {

// Runs the calling thread's event loop until `done()` holds or `timeoutMs` has passed, and returns
// whether `done()` held. QTRY_VERIFY's contract, usable outside a test function; between checks the
// loop blocks in the event dispatcher (QTest::qWait sleeps 10 ms slices instead, which would starve
// the sockets a test drives from this thread).
[[nodiscard]] bool waitUntil(const std::function<bool()>& done, int timeoutMs);

} // namespace labshare::testsupport
