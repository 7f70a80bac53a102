// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/PublishSpec.h"
#include "topology/SourceLocation.h"

#include <QList>
#include <QMap>
#include <QString>

namespace labshare::topology {

// Where a node's management address was found, best source first.
enum class AddressSource { TopologyData, Inspect, Static, None };

QString addressSourceName(AddressSource source);

// A lab node with every inherited setting resolved the way containerlab resolves it.
struct Node {
    QString name;
    QString kind;          // canonical kind name (nokia_srlinux for srl), lower case
    QString kindAsWritten; // the resolved kind string as the file spells it
    QString image;
    QString group;
    QString networkMode;
    QString container; // container name following the lab's prefix rule
    QMap<QString, QString> labels;

    QString staticIpv4; // mgmt-ipv4 / mgmt_ipv4 in the file
    QString staticIpv6;
    QString mgmtIpv4; // the address LabShare will use
    QString mgmtIpv6;
    AddressSource addressSource = AddressSource::None;

    QList<PublishSpec> publish; // the effective list
    SourceLocation where;

    bool hasAddress() const { return !mgmtIpv4.isEmpty() || !mgmtIpv6.isEmpty(); }
    // The address LabShare reaches the node at: IPv4 when it has one, else IPv6, else empty.
    QString managementAddress() const { return !mgmtIpv4.isEmpty() ? mgmtIpv4 : mgmtIpv6; }
};

} // namespace labshare::topology
