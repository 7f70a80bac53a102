// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareName.h"

namespace labshare::share {

QString shareName(const QString& node, const topology::PublishSpec& spec) {
    return QStringLiteral("clab-") + node + QLatin1Char('-') + topology::publishTypeName(spec.type) + QLatin1Char('-') +
           QString::number(spec.port);
}

} // namespace labshare::share
