// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/net/Socket.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QByteArray>

#include <atomic>
#include <mutex>
#include <optional>

namespace labshare::tunnel {

struct TerminalServer::Shared {
    TerminalOptions options;
    std::atomic<int> sessions{0};
    std::atomic<bool> stopping{false};
    Waker stop;
    std::mutex knownHosts; // one check-and-remember of a node's host key at a time
    std::mutex files;
    std::optional<QByteArray> script; // the xterm.js bundle, built on first request
    std::optional<QByteArray> style;
};

} // namespace labshare::tunnel
