// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace labshare::tunnel {

// Exponential back-off with "equal jitter" for reconnecting: the n-th retry waits half its ceiling
// plus a random part of the other half, [base·2^(n-1)/2, base·2^(n-1)], the ceiling capped at `maxMs`. reset() after a
// healthy period.
class Backoff {
public:
    using Random = std::function<double()>; // uniform in [0, 1)

    explicit Backoff(int baseMs = 500, int maxMs = 30000, Random random = {});

    int nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_baseMs;
    int m_maxMs;
    int m_attempt = 0;
    Random m_random;
};

} // namespace labshare::tunnel
