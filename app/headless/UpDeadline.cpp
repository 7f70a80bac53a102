// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpDeadline.h"

namespace labshare::app {

using share::ShareDeadline;

UpDeadline::UpDeadline(const ShareDeadline& deadline, QObject* parent)
    : QObject(parent)
    , m_deadline(deadline) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &UpDeadline::check);
}

void UpDeadline::start() {
    check();
}

void UpDeadline::check() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (m_deadline.phase(now)) {
    case ShareDeadline::Phase::Ended:
        Q_EMIT ended(m_deadline.end());
        return;
    case ShareDeadline::Phase::Warning:
        if (!std::exchange(m_warned, true))
            Q_EMIT warning(m_deadline.end(), m_deadline.secondsLeft(now));
        break;
    case ShareDeadline::Phase::Running:
        break;
    }
    m_timer.start(std::chrono::milliseconds(std::max<qint64>(1, m_deadline.nextCheckMs(now))));
}

} // namespace labshare::app
