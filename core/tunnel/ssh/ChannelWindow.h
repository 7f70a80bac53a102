// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace labshare::tunnel {

// How much of the relay's data on one forwarded channel LabShare takes, and what receive window it grants
// (RFC 4254 section 5.2), so that the relay never has more than kBound bytes outstanding in LabShare: sent ahead
// within the window, held in libssh's channel buffer, or held by LabShare not yet written to the node. A node
// that stops reading thus costs at most kBound bytes of RAM per connection, a node that keeps up sees a window of
// kBound (OpenSSH grants 2 MiB), topped up every kStep bytes taken.
//
// libssh 0.10 (src/channels.c) moves the window by itself, and always to at least kLibsshTopUp:
//  (a) after the data callback, when window + what it still buffers < kLibsshLow, the window becomes kLibsshTopUp;
//  (b) after any read of the channel, when the window < kLibsshLow, it becomes kLibsshTopUp, whatever the buffer
//      still holds (this one, not counted, let the earlier attempt hold 1 MB past its bound);
//  (c) a read asking for more than buffer + window raises the window to what it asked for (kLibsshTopUp at least).
// LabShare cannot see the window, but each rule can only add kLibsshTopUp to what is held, so keeping
//   held + buffered + kLibsshTopUp <= kBound before anything that may trigger (a) or (b)
// bounds the total without knowing the window: the data callback leaves kLibsshLow in libssh's buffer otherwise
// (then (a) cannot fire), and the buffer is read only then. A grant uses (c) on the stderr stream (always empty
// on a forwarded channel): it asks for kBound less what is held, at least kLibsshTopUp so that (c) sets exactly
// that. Liveness: libssh buffers more than kLibsshLow only while LabShare holds kHeldCap, so once the node has
// taken what LabShare held, what libssh holds (at most kBound - kHeldCap) may always be read.
class ChannelWindow {
public:
    static constexpr qsizetype kBound = 2560 * 1024;
    static constexpr qsizetype kStep = 256 * 1024;
    static constexpr qsizetype kLibsshTopUp = 1280000;           // WINDOWBASE in libssh 0.10
    static constexpr qsizetype kLibsshLow = 640000;              // WINDOWLIMIT
    static constexpr qsizetype kHeldCap = kBound - kLibsshTopUp; // the most LabShare holds itself
    static_assert(kHeldCap >= kLibsshTopUp, "what libssh may hold must be readable once LabShare holds nothing");

    // What to take in the data callback, when LabShare holds `held` and libssh `buffered` (this packet included).
    static qsizetype toTake(qsizetype held, qsizetype buffered);
    // What may be read from libssh's buffer now (rule (b) may follow any read).
    static qsizetype toRead(qsizetype held, qsizetype buffered);

    // `n` more bytes were taken out of libssh.
    void taken(qsizetype n) { m_takenSinceGrant += n; }
    // The window to ask for now (a read of that many bytes of the stderr stream), or 0: each kStep taken, when at
    // least kLibsshTopUp is free under the bound. Until the first kStep, libssh's own window (kLibsshTopUp once data
    // flows) serves: a short connection costs no grant and no extra poll.
    qsizetype grant(qsizetype held, qsizetype buffered);

private:
    qsizetype m_takenSinceGrant = 0;
};

} // namespace labshare::tunnel
