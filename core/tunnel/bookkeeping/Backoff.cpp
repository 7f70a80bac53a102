// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace labshare::tunnel {

Backoff::Backoff(int baseMs, int maxMs, Random random)
    : m_baseMs(baseMs)
    , m_maxMs(maxMs)
    , m_random(random ? std::move(random) : Random([] { return QRandomGenerator::global()->generateDouble(); })) {}

int Backoff::nextDelayMs() {
    const double ceiling = std::min<double>(m_maxMs, m_baseMs * std::pow(2.0, std::min(m_attempt, 30)));
    ++m_attempt;
    // Half fixed, half random: never a thundering herd, never a zero wait.
    return static_cast<int>(ceiling / 2 + m_random() * ceiling / 2);
}

} // namespace labshare::tunnel
