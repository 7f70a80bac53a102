// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

namespace labshare::testsupport {

// A TCP address and port, e.g. a share's public side.
struct Endpoint {
    QHostAddress address;
    quint16 port = 0;

    bool isValid() const { return !address.isNull() && port != 0; }
    QString toString() const { return address.toString() + QLatin1Char(':') + QString::number(port); }
};

} // namespace labshare::testsupport
