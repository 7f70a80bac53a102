// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace labshare::app {

// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the event loop (self-pipe), so a headless verb can
// tear down cleanly instead of dying mid-forward.
class SignalWatcher : public QObject {
    Q_OBJECT

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace labshare::app
