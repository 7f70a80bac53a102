// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ShareStateStyle.h"

namespace labshare::ui {

using share::StatusTone;

QColor toneColor(StatusTone tone) {
    switch (tone) {
    case StatusTone::Good:
        return QColor(0x2d, 0xa4, 0x4e); // green
    case StatusTone::Warning:
        return QColor(0xd4, 0xa7, 0x2c); // amber
    case StatusTone::Bad:
        return QColor(0xcf, 0x22, 0x2e); // red
    case StatusTone::Neutral:
        break;
    }
    return QColor(0x8b, 0x94, 0x9e); // grey
}

QColor shareStateColor(tunnel::ShareState state) {
    return toneColor(share::ShareStatus::tone(state));
}

} // namespace labshare::ui
