// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace labshare::ui {

// A moment as the user reads it on a clock, in local time and the locale's short format: "14:35"
// today, with the date on any other day.
QString clockText(const QDateTime& when);

} // namespace labshare::ui
