// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/TcpStats.h"

// <linux/tcp.h>, not glibc's <netinet/tcp.h>: only the kernel header has tcpi_bytes_received.
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace labshare::tunnel {

std::optional<TcpStats> tcpStats(int fd) {
    tcp_info info{};
    socklen_t length = sizeof(info);
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return std::nullopt;
    TcpStats stats;
    stats.bytesReceived = info.tcpi_bytes_received;
    stats.rttMs = static_cast<int>((info.tcpi_rtt + 500) / 1000);
    return stats;
}

} // namespace labshare::tunnel
