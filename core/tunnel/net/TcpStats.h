// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <optional>

namespace labshare::tunnel {

// The kernel's own figures for a TCP socket (Linux TCP_INFO).
struct TcpStats {
    quint64 bytesReceived = 0; // everything that arrived, whoever read it
    int rttMs = -1;            // smoothed round-trip time
};

std::optional<TcpStats> tcpStats(int fd);

} // namespace labshare::tunnel
