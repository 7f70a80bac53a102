// SPDX-License-Identifier: GPL-3.0-or-later
#include "StallProbe.h"

#include <algorithm>
#include <cmath>

namespace labshare::testsupport {

StallProbe::StallProbe(int intervalMs, QObject* parent)
    : QObject(parent)
    , m_intervalNs(qint64(intervalMs) * 1000000) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::onTick);
}

void StallProbe::start() {
    m_clock.start();
    m_lastNs = m_clock.nsecsElapsed();
    m_timer.start();
}

void StallProbe::stop() {
    m_timer.stop();
    m_lastNs = -1;
}

void StallProbe::suspend() {
    m_lastNs = -1;
}

void StallProbe::resume() {
    m_lastNs = m_clock.nsecsElapsed();
}

void StallProbe::clear() {
    m_stallsUs.clear();
}

void StallProbe::onTick() {
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0)
        m_stallsUs.push_back(std::max<qint64>(0, now - m_lastNs - m_intervalNs) / 1000);
    m_lastNs = now;
}

double StallProbe::worstMs() const {
    return m_stallsUs.empty() ? 0.0 : double(*std::max_element(m_stallsUs.begin(), m_stallsUs.end())) / 1000.0;
}

double StallProbe::percentileMs(double percent) const {
    if (m_stallsUs.empty())
        return 0.0;
    std::vector<qint64> sorted = m_stallsUs;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = std::size_t(std::ceil(percent / 100.0 * double(sorted.size())));
    return double(sorted.at(std::clamp<std::size_t>(rank, 1, sorted.size()) - 1)) / 1000.0;
}

QString StallProbe::summary() const {
    return QStringLiteral("%1 samples every %2 ms: stall p50 %3 ms, p99 %4 ms, max %5 ms")
        .arg(samples())
        .arg(m_timer.interval())
        .arg(percentileMs(50), 0, 'f', 1)
        .arg(percentileMs(99), 0, 'f', 1)
        .arg(worstMs(), 0, 'f', 1);
}

} // namespace labshare::testsupport
