// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QString>

namespace labshare::tunnel {

// Asks an HTTP proxy, already connected on `fd`, to open a tunnel to host:port (HTTP CONNECT,
// RFC 9110 §9.3.6), as the seeds' `mysocket-proxy` setting did. Reads exactly the proxy's response
// head, so the first bytes the relay sends stay in the socket for SSH. Gives up after `timeoutMs`
// or when `wakeFd` becomes readable.
Result<bool> httpConnect(int fd, const QString& host, quint16 port, int timeoutMs, int wakeFd);

} // namespace labshare::tunnel
