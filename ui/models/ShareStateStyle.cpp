// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ShareStateStyle.h"

#include <QCoreApplication>

namespace labshare::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("labshare::ui::ShareStateStyle", text);
}

} // namespace

QString shareStateText(tunnel::ShareState state) {
    using tunnel::ShareState;
    switch (state) {
    case ShareState::Idle:
        return tr("Idle");
    case ShareState::Connecting:
        return tr("Connecting…");
    case ShareState::Up:
        return tr("Up");
    case ShareState::Degraded:
        return tr("Degraded");
    case ShareState::Reconnecting:
        return tr("Reconnecting…");
    case ShareState::Failed:
        return tr("Failed");
    case ShareState::Stopped:
        return tr("Stopped");
    }
    return {};
}

QColor shareStateColor(tunnel::ShareState state) {
    using tunnel::ShareState;
    switch (state) {
    case ShareState::Up:
        return QColor(0x2e, 0x9d, 0x48); // green
    case ShareState::Degraded:
        return QColor(0xe0, 0xa1, 0x00); // amber
    case ShareState::Connecting:
    case ShareState::Reconnecting:
        return QColor(0x2f, 0x7b, 0xd8); // blue
    case ShareState::Failed:
        return QColor(0xd0, 0x34, 0x2c); // red
    case ShareState::Idle:
    case ShareState::Stopped:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a); // grey
}

} // namespace labshare::ui
