// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::tunnel {

// A random id of this LabShare installation (per user account), made on first use and kept in
// <AppLocalDataLocation>/installation-id. A relay with the relay kit ends a stale session of the same
// installation and the same signed-in identity when a new one arrives, so the ports it held come back at once.
// Empty when it can neither be read nor made (no relay then replaces anything).
QString installationId();

} // namespace labshare::tunnel
