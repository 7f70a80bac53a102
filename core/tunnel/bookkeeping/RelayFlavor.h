// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace labshare::tunnel {

// Which kind of relay gives a share its public address: the port an OpenSSH server bound, the banner
// a sish-family relay prints, or a listener of LabShare's own on the LAN.
enum class RelayFlavor {
    Lan,          // no relay: a listener on a local interface address; the default
    OpenSsh,      // public address = configured public host + the port the relay bound
    Sish,         // address printed on the session channel ("TCP: host:port", "HTTPS: https://…")
    LocalhostRun, // JSON events on the session channel (--output json)
    Serveo,       // "Forwarding HTTP traffic from https://…"
    Pinggy,       // URLs printed on the session channel
};

QString relayFlavorName(RelayFlavor flavor);                         // "lan", "openssh", "sish", "localhost.run", …
std::optional<RelayFlavor> relayFlavorFromName(const QString& name); // accepts the names above

} // namespace labshare::tunnel
