// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Node.h"

namespace labshare::topology {

QString addressSourceName(AddressSource source) {
    switch (source) {
    case AddressSource::TopologyData:
        return QStringLiteral("topology-data");
    case AddressSource::Inspect:
        return QStringLiteral("inspect");
    case AddressSource::Static:
        return QStringLiteral("static");
    case AddressSource::None:
        return QStringLiteral("none");
    }
    return {};
}

} // namespace labshare::topology
