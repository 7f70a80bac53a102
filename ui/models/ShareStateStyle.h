// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareStatus.h"
#include "tunnel/bookkeeping/ShareHealth.h"

#include <QColor>
#include <QIcon>

namespace labshare::ui {

// The colour of a status tone, the one place colours are defined: the dots in the shares table and the
// lab tree, the presentation cards' stripes and the tray icons (resources/icons/tray-*.svg are filled
// with these very colours). Good green, Warning amber, Bad red, Neutral grey.
QColor toneColor(share::StatusTone tone);

// The dot next to a share's state: toneColor(ShareStatus::tone(state)). Its words are ShareStatus::text.
QColor shareStateColor(tunnel::ShareState state);

// The mark of a share for named people (its allow-list enforced by the gate): the icon theme's padlock,
// else a drawn one, so it shows on every desktop.
QIcon gatedShareIcon();

} // namespace labshare::ui
