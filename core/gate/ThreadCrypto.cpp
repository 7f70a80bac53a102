// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/ThreadCrypto.h"

#include <openssl/crypto.h>

namespace labshare::gate {

void releaseThreadCrypto() {
    OPENSSL_thread_stop();
}

} // namespace labshare::gate
