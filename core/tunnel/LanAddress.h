// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "tunnel/RelayProfile.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace labshare::tunnel {

// Which of this machine's addresses a LAN relay listens on: the address students connect to. The relay,
// `labshare up` and the window ask the same question here.
class LanAddress {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::LanAddress)

public:
    LanAddress() = delete;

    // When the profile names no address: the first IPv4 address of an up, non-loopback interface, else
    // 127.0.0.1.
    static QString defaultAddress();

    // The address a LAN relay for `profile` listens on: the profile's own when this machine has it (any
    // 127.0.0.0/8 address and ::1 always do), else defaultAddress(). An address the machine does not have
    // is bad input; the message names it and lists the addresses the machine has. `local`: the machine's
    // addresses, QNetworkInterface::allAddresses() by default.
    static Result<QString> choose(const RelayProfile& profile);
    static Result<QString> choose(const RelayProfile& profile, const QList<QHostAddress>& local);
};

} // namespace labshare::tunnel
