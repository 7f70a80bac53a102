// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QStringList>

namespace labshare::testsupport {

enum class WithOrigin { No, Yes };

// A node's effective publish list as text, e.g. "tls/57400/a@b.com,b.com" or, with the origin,
// "tcp/22(node)": what the tests compare against the lists the sample files' headers state.
inline QStringList effectivePublish(const topology::Topology& lab, const QString& node,
                                    WithOrigin origin = WithOrigin::No) {
    const topology::Node* n = lab.node(node);
    if (!n)
        return {QStringLiteral("<no node %1>").arg(node)};
    QStringList out;
    for (const topology::PublishSpec& s : n->publish) {
        QString text = topology::publishTypeName(s.type) + QLatin1Char('/') + QString::number(s.port);
        if (!s.allowed.isEmpty())
            text += QLatin1Char('/') + s.allowed.join(QLatin1Char(','));
        if (origin == WithOrigin::Yes)
            text += QLatin1Char('(') + topology::publishOriginName(s.from) + QLatin1Char(')');
        out << text;
    }
    return out;
}

} // namespace labshare::testsupport
