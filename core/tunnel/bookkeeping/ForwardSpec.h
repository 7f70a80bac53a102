// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace labshare::tunnel {

// One port to publish: where the node listens, and what the relay should listen on for it.
struct ForwardSpec {
    QString name;       // share name, clab-<node>-<type>-<port>
    QString node;       // node name, for display
    QString type;       // tcp, tls, http or https: decides the link users open
    QString targetHost; // the node's management address (or a --target override)
    quint16 targetPort = 0;
    quint16 remotePort = 0; // what to ask the relay for; 0 lets the relay choose
    QStringList allowed;    // not empty: the share is gated, and only these e-mails and domains get through

    friend bool operator==(const ForwardSpec&, const ForwardSpec&) = default;
};

} // namespace labshare::tunnel
