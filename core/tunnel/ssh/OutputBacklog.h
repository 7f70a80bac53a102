// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace labshare::tunnel {

// How much node data LabShare may hand libssh for the relay before libssh has written it to the relay's socket.
// libssh 0.10 queues every packet it sends in the session socket's output buffer (src/socket.c), and that buffer
// grows to the next power of two of what waits in it and never shrinks: a burst of 1,000 connections each echoing
// 64 KiB grew it to 32 MiB, 16 MiB of which stayed resident after the burst. Reading nodes only while what was handed
// to libssh since its buffer was last empty (ssh_get_status() without SSH_WRITE_PENDING) stays under kLimit bounds
// that buffer to kLimit and a chunk. A bulk stream does not stall on it: the count starts over each time libssh has
// written everything, and by then the kernel's send buffer holds more than kLimit for the relay to take meanwhile.
// Packet framing and libssh's own packets (window adjustments, keepalives) are not counted; they are small beside
// the data. One per relay session, worker thread only.
class OutputBacklog {
public:
    static constexpr qsizetype kLimit = 1024 * 1024;

    // Whether node data may be read and handed to libssh now.
    bool admits() const { return m_handed < kLimit; }
    // `n` bytes were handed to libssh (ssh_channel_write).
    void handed(qsizetype n) { m_handed += n; }
    // libssh holds nothing more to write: what was handed is on its way.
    void drained() { m_handed = 0; }
    qsizetype handedSinceDrained() const { return m_handed; }

private:
    qsizetype m_handed = 0;
};

} // namespace labshare::tunnel
