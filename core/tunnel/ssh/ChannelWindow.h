// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace labshare::tunnel {

// The receive window of one forwarded channel (RFC 4254 section 5.2): how much the relay may send ahead in
// the student-to-node direction. Over a round trip it is what limits a stream. OpenSSH grants 2 MiB and tops
// it up as it is used; libssh 0.10 starts a channel it accepts at 32,000 bytes and keeps it between
// 640,000 and 1,280,000 bytes, which held an upload through LabShare to a third of OpenSSH's speed at a 30 ms
// round trip. Here the relay may have at most `bound` bytes sent ahead or waiting in LabShare (in libssh's
// channel buffer, or taken but not yet written to the node), topped up to that again once `step` bytes
// have been taken out of libssh. A node that stops reading thus costs at most `bound` bytes per connection;
// a node that keeps up sees a window between bound - step and bound, never one window-adjust per packet.
class ChannelWindow {
public:
    // OpenSSH's own window is 2 MiB, topped up after about three packets are used: a quarter more, less the
    // quarter-step a top-up waits on average, keeps LabShare ahead of it (at 80 ms, a 2 MiB bound came to
    // 0.96x of ssh -R uploads). A node that stops reading costs about what libssh's own 1,280,000-byte
    // top-ups plus LabShare's 256 KiB buffer cost before (up to 2.2 MB).
    static constexpr qsizetype kBound = 2560 * 1024;
    static constexpr qsizetype kStep = 256 * 1024;

    explicit ChannelWindow(qsizetype bound = kBound, qsizetype step = kStep);

    // `n` more bytes were taken out of libssh's channel buffer.
    void taken(qsizetype n) { m_takenSinceGrant += n; }
    // The window to grant from now on: what the relay may send ahead, when LabShare holds `held` bytes taken but
    // not yet written to the node; 0 when no top-up is due. The first call grants. `libsshHoldsNone`: libssh's
    // channel buffer is empty. libssh 0.10 sets a window without counting what that buffer holds, so a grant
    // waits until it is empty; a node too slow to empty it needs no more window anyway.
    qsizetype grant(qsizetype held, bool libsshHoldsNone);

    qsizetype bound() const { return m_bound; }

private:
    qsizetype m_bound;
    qsizetype m_step;
    qsizetype m_takenSinceGrant = 0;
    bool m_granted = false;
};

} // namespace labshare::tunnel
