// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One logging category per area of core.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcGate)
Q_DECLARE_LOGGING_CATEGORY(lcLibssh) // libssh's own messages, routed by core/tunnel
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcTopology)
Q_DECLARE_LOGGING_CATEGORY(lcTunnel)
