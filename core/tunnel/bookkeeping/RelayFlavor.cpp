// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/RelayFlavor.h"

namespace labshare::tunnel {

QString relayFlavorName(RelayFlavor flavor) {
    switch (flavor) {
    case RelayFlavor::Lan:
        return QStringLiteral("lan");
    case RelayFlavor::OpenSsh:
        return QStringLiteral("openssh");
    case RelayFlavor::Sish:
        return QStringLiteral("sish");
    case RelayFlavor::LocalhostRun:
        return QStringLiteral("localhost.run");
    case RelayFlavor::Serveo:
        return QStringLiteral("serveo");
    case RelayFlavor::Pinggy:
        return QStringLiteral("pinggy");
    }
    return {};
}

std::optional<RelayFlavor> relayFlavorFromName(const QString& name) {
    for (RelayFlavor f : {RelayFlavor::Lan, RelayFlavor::OpenSsh, RelayFlavor::Sish, RelayFlavor::LocalhostRun,
                          RelayFlavor::Serveo, RelayFlavor::Pinggy})
        if (relayFlavorName(f).compare(name, Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

} // namespace labshare::tunnel
