// SPDX-License-Identifier: GPL-3.0-or-later
#include "Wait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace labshare::testsupport {

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    if (done())
        return true;
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    check.start();
    loop.exec();
    return done();
}

} // namespace labshare::testsupport
