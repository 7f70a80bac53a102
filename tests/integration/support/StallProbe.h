// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace labshare::testsupport {

// Measures how long the calling thread's event loop fails to turn: a precise timer fires every
// `intervalMs`, and each firing later than that records the excess as a stall (0 when on time). What the
// test itself does while blocking on purpose (starting a relay, say) is left out between suspend()
// and resume(). On a loaded machine part of a stall is the thread waiting for a CPU, runnable: the kernel
// counts that time (/proc/thread-self/schedstat, run_delay), and the app's own part of each stall (working or
// blocked on the GUI thread) is the stall without it.
class StallProbe : public QObject {
    Q_OBJECT

public:
    explicit StallProbe(int intervalMs = 2, QObject* parent = nullptr);

    void start();
    void stop();
    void suspend(); // the test blocks on purpose until resume(): that gap is no stall of the app's
    void resume();
    void clear();

    qsizetype samples() const { return qsizetype(m_stallsUs.size()); }
    double worstMs() const { return percentileMs(100); }
    double percentileMs(double percent) const; // e.g. 50, 99
    // The same without the time the thread waited for a CPU while runnable: what the app itself held up.
    double ownWorstMs() const { return ownPercentileMs(100); }
    double ownPercentileMs(double percent) const;
    // "N samples every 2 ms: stall p50 0.1 ms, p99 3.2 ms, max 12.0 ms; without waits for a CPU p50 …"
    QString summary() const;

private:
    void onTick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    qint64 m_lastRunDelayNs = 0;
    qint64 m_intervalNs;
    std::vector<qint64> m_stallsUs;
    std::vector<qint64> m_ownStallsUs;
};

} // namespace labshare::testsupport
