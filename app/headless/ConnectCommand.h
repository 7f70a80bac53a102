// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace labshare::app {

struct Invocation;

// `labshare connect HOST:PORT`: a student's way through a gated share (docs/gate-protocol.md).
// Without --listen, stdin and stdout carry the stream (an OpenSSH ProxyCommand); with --listen
// ADDR:PORT, every local connection there is carried. The sign-in's code and link go to stderr.
int runConnect(const Invocation& inv);

} // namespace labshare::app
