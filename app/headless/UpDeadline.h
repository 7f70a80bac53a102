// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareDeadline.h"

#include <QObject>
#include <QTimer>

namespace labshare::app {

// `labshare up --for 90m` / `--until 17:00`: watches the wall clock (a suspended laptop's timers do not
// count the sleep) and says when the five-minute warning is due and when the class is over.
class UpDeadline : public QObject {
    Q_OBJECT

public:
    explicit UpDeadline(const share::ShareDeadline& deadline, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void warning(const QDateTime& end, qint64 secondsLeft); // once, five minutes before (or at once when less)
    void ended(const QDateTime& end);                       // once

private:
    void check();

    share::ShareDeadline m_deadline;
    QTimer m_timer;
    bool m_warned = false;
};

} // namespace labshare::app
