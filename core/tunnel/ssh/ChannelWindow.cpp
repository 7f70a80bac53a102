// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/ChannelWindow.h"

#include <algorithm>

namespace labshare::tunnel {

namespace {
bool topUpFits(qsizetype held, qsizetype buffered) {
    return held + buffered + ChannelWindow::kLibsshTopUp <= ChannelWindow::kBound;
}
} // namespace

qsizetype ChannelWindow::toTake(qsizetype held, qsizetype buffered) {
    const qsizetype room = std::max<qsizetype>(0, kHeldCap - held);
    if (topUpFits(held, buffered))
        return std::min(buffered, room);
    return std::min(room, std::max<qsizetype>(0, buffered - kLibsshLow)); // (a) cannot fire
}

qsizetype ChannelWindow::toRead(qsizetype held, qsizetype buffered) {
    if (!topUpFits(held, buffered))
        return 0;
    return std::min(buffered, std::max<qsizetype>(0, kHeldCap - held));
}

qsizetype ChannelWindow::grant(qsizetype held, qsizetype buffered) {
    if (m_takenSinceGrant < kStep) // a short connection never needs more than libssh's own window
        return 0;
    const qsizetype window = kBound - held - buffered;
    if (window < kLibsshTopUp)
        return 0; // asked again once the node has taken more
    m_takenSinceGrant = 0;
    return window;
}

} // namespace labshare::tunnel
