// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Wait.h"

#include <QString>
#include <QSystemTrayIcon>

namespace labshare::testsupport {

// What keeps a test of the real window from running here, empty when nothing does: it needs an X server with a tray
// host, as tests/with-desktop.sh starts them (Xvfb + trayer). trayer may still be taking the tray selection when the
// test starts, so the tray is waited for a little.
inline QString desktopProblem() {
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return QStringLiteral("needs an X server with a tray host: run through tests/with-desktop.sh (Xvfb + trayer)");
    if (!waitUntil([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 15000))
        return QStringLiteral("no system tray: start trayer first (tests/with-desktop.sh does)");
    return {};
}

} // namespace labshare::testsupport
