// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace labshare::gate {

// OpenSSL keeps state per thread (the contexts of its random generators, which libssh and the gate's TLS use)
// and frees it when the thread ends. A worker that reports "finished" before its thread has ended frees it here
// first: the process may exit in between (`labshare up` after its shares stopped), and then that state would
// outlive the work (LeakSanitizer reports it as leaked).
void releaseThreadCrypto();

} // namespace labshare::gate
