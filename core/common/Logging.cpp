// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Logging.h"

Q_LOGGING_CATEGORY(lcAuth, "labshare.core.auth")
Q_LOGGING_CATEGORY(lcGate, "labshare.core.gate")
Q_LOGGING_CATEGORY(lcLibssh, "labshare.core.libssh")
Q_LOGGING_CATEGORY(lcSecrets, "labshare.core.secrets")
Q_LOGGING_CATEGORY(lcTopology, "labshare.core.topology")
Q_LOGGING_CATEGORY(lcTunnel, "labshare.core.tunnel")
