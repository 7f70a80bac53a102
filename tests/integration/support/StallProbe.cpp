// SPDX-License-Identifier: GPL-3.0-or-later
#include "StallProbe.h"

#include <QFile>

#include <algorithm>
#include <cmath>

namespace labshare::testsupport {

namespace {

// Nanoseconds this thread has spent runnable but waiting for a CPU (the second field of schedstat).
qint64 runDelayNs() {
    QFile stat(QStringLiteral("/proc/thread-self/schedstat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).trimmed().toLongLong() : 0;
}

double percentileOf(std::vector<qint64> values, double percent) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(percent / 100.0 * double(values.size())));
    return double(values.at(std::clamp<std::size_t>(rank, 1, values.size()) - 1)) / 1000.0;
}

} // namespace

StallProbe::StallProbe(int intervalMs, QObject* parent)
    : QObject(parent)
    , m_intervalNs(qint64(intervalMs) * 1000000) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::onTick);
}

void StallProbe::start() {
    m_clock.start();
    resume();
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
    m_lastRunDelayNs = runDelayNs();
}

void StallProbe::clear() {
    m_stallsUs.clear();
    m_ownStallsUs.clear();
}

void StallProbe::onTick() {
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 runDelay = runDelayNs();
    if (m_lastNs >= 0) {
        const qint64 stall = std::max<qint64>(0, now - m_lastNs - m_intervalNs);
        m_stallsUs.push_back(stall / 1000);
        m_ownStallsUs.push_back(std::max<qint64>(0, stall - (runDelay - m_lastRunDelayNs)) / 1000);
    }
    m_lastNs = now;
    m_lastRunDelayNs = runDelay;
}

double StallProbe::percentileMs(double percent) const {
    return percentileOf(m_stallsUs, percent);
}

double StallProbe::ownPercentileMs(double percent) const {
    return percentileOf(m_ownStallsUs, percent);
}

QString StallProbe::summary() const {
    const auto figures = [](double p50, double p99, double max) {
        return QStringLiteral("p50 %1 ms, p99 %2 ms, max %3 ms")
            .arg(p50, 0, 'f', 1)
            .arg(p99, 0, 'f', 1)
            .arg(max, 0, 'f', 1);
    };
    return QStringLiteral("%1 samples every %2 ms: stall %3; without waits for a CPU %4")
        .arg(samples())
        .arg(m_timer.interval())
        .arg(figures(percentileMs(50), percentileMs(99), worstMs()),
             figures(ownPercentileMs(50), ownPercentileMs(99), ownWorstMs()));
}

} // namespace labshare::testsupport
