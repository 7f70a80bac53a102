// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// The desktop app's own decisions (quitting, relays replaced, other instances), beside core's categories.
Q_DECLARE_LOGGING_CATEGORY(lcDesktop)
