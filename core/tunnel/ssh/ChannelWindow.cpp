// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/ChannelWindow.h"

namespace labshare::tunnel {

ChannelWindow::ChannelWindow(qsizetype bound, qsizetype step)
    : m_bound(bound)
    , m_step(step) {}

qsizetype ChannelWindow::grant(qsizetype held, bool libsshHoldsNone) {
    if (!libsshHoldsNone || (m_granted && m_takenSinceGrant < m_step))
        return 0;
    const qsizetype credit = m_bound - held;
    if (credit <= 0)
        return 0; // asked again once the node has taken some
    m_granted = true;
    m_takenSinceGrant = 0;
    return credit;
}

} // namespace labshare::tunnel
