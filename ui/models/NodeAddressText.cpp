// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/NodeAddressText.h"

#include "topology/KindAliases.h"

#include <QCoreApplication>
#include <QStringList>

namespace labshare::ui {

using topology::Node;

namespace {

// Gives this file's messages their tr() and translation context.
class NodeAddressText {
    Q_DECLARE_TR_FUNCTIONS(labshare::ui::NodeAddressText)
};

bool isContainerless(const Node& node) {
    return topology::isContainerlessKind(topology::canonicalKind(node.kind));
}

QString sourceText(topology::AddressSource source) {
    switch (source) {
    case topology::AddressSource::TopologyData:
        return NodeAddressText::tr("deployed");
    case topology::AddressSource::Inspect:
        return NodeAddressText::tr("containerlab inspect");
    case topology::AddressSource::Static:
        return NodeAddressText::tr("static");
    case topology::AddressSource::None:
        break;
    }
    return {};
}

QString sourceExplanation(topology::AddressSource source) {
    switch (source) {
    case topology::AddressSource::TopologyData:
        return NodeAddressText::tr("From the deployed lab's topology-data.json.");
    case topology::AddressSource::Inspect:
        return NodeAddressText::tr("From containerlab inspect.");
    case topology::AddressSource::Static:
        return NodeAddressText::tr("The static mgmt-ipv4 / mgmt-ipv6 in the topology file.");
    case topology::AddressSource::None:
        break;
    }
    return {};
}

} // namespace

QString nodeAddressText(const Node& node, const QString& addressOverride) {
    if (isContainerless(node))
        return NodeAddressText::tr("— %1: nothing to publish").arg(node.kind);
    if (!addressOverride.isEmpty())
        return NodeAddressText::tr("%1 (typed by you)").arg(addressOverride);
    if (node.hasAddress())
        return NodeAddressText::tr("%1 (%2)").arg(node.managementAddress(), sourceText(node.addressSource));
    if (node.networkMode == QLatin1String("host"))
        return NodeAddressText::tr("127.0.0.1 (host network)");
    return NodeAddressText::tr("— no address: deploy the lab or type one");
}

QString nodeAddressToolTip(const Node& node, const QString& addressOverride) {
    if (isContainerless(node))
        return NodeAddressText::tr("A %1 node has no container of its own.").arg(node.kind);
    QStringList lines;
    if (!addressOverride.isEmpty())
        lines << NodeAddressText::tr("You typed %1; clear it to use the lab's address again.").arg(addressOverride);
    if (!node.mgmtIpv4.isEmpty())
        lines << NodeAddressText::tr("IPv4: %1").arg(node.mgmtIpv4);
    if (!node.mgmtIpv6.isEmpty())
        lines << NodeAddressText::tr("IPv6: %1").arg(node.mgmtIpv6);
    if (node.hasAddress())
        lines << sourceExplanation(node.addressSource);
    else if (node.networkMode == QLatin1String("host"))
        lines << NodeAddressText::tr("The node uses this machine's network.");
    else
        lines << NodeAddressText::tr(
            "No topology-data.json, containerlab inspect or static address gave this node an address. "
            "Deploy the lab, or double-click to type the address it is reached at.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace labshare::ui
