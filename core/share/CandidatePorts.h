// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Node.h"
#include "topology/PublishSpec.h"

#include <QList>
#include <QString>

namespace labshare::share {

// Why a port is offered under a node.
enum class CandidateOrigin {
    Declared,  // a publish entry of the lab (publish key or labshare.publish label)
    WellKnown, // a port the node's kind or image is known to serve
    UserAdded, // a <type>/<port> the user typed
};

// One port a node offers for ticking.
struct CandidatePort {
    topology::PublishSpec spec;
    QString label; // what the port is: "SSH", "gNMI", "NETCONF", "JSON-RPC", "eAPI", "HTTP", …
    CandidateOrigin origin = CandidateOrigin::WellKnown;
};

// The ports a kind (canonical or as written) and image are known to serve, most useful first.
// A known web image (grafana, prometheus) offers its web port instead of the kind's, because those
// images run no SSH server.
QList<CandidatePort> wellKnownPorts(const QString& kind, const QString& image);

// What a port is, for an entry on a node of this kind and image: the well-known label when the
// entry matches one, else a name by port ("SSH" for tcp/22), else the type in capitals ("TCP").
QString portLabel(const QString& kind, const QString& image, const topology::PublishSpec& spec);

// Every port a node offers: its effective publish entries (file order, allowed lists kept), then
// the well-known ports of its kind and image, then the user's entries, then a browser terminal
// (term/<port>) for each SSH port among those. One candidate per type and port, the first one found winning.
// Containerless kinds (bridges, host) offer nothing.
QList<CandidatePort> candidatePorts(const topology::Node& node, const QList<topology::PublishSpec>& userAdded = {});

QString candidateOriginName(CandidateOrigin origin);

// The label of term/<port> entries: a terminal in the browser onto the node's SSH server.
QString browserTerminalLabel();

} // namespace labshare::share
