// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "tunnel/bookkeeping/RelayProfile.h"

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

    // The addresses of this machine's up, non-loopback interfaces, in interface order.
    static QList<QHostAddress> interfaceAddresses();

    // Whether `address` is one of a private network's: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918),
    // 100.64.0.0/10 (RFC 6598, carrier-grade NAT) or an IPv6 unique local address fc00::/7 (RFC 4193).
    static bool isPrivate(const QHostAddress& address);

    // When the profile names no address: the first private IPv4 address among `addresses`, else the first
    // private IPv6 one, else 127.0.0.1. Never a public address: shares on one of those would be open to the
    // internet, so that takes the user naming it (lan://ADDRESS) or confirming publicAlternative().
    static QString defaultAddress();
    static QString defaultAddress(const QList<QHostAddress>& addresses);
    // When defaultAddress() found no private address: the first public one (IPv4 first; not link-local, which
    // lan:// cannot name), which the window offers to use instead of loopback. Empty otherwise.
    static QString publicAlternative(const QList<QHostAddress>& addresses);

    // The address a LAN relay for `profile` listens on: the profile's own when this machine has it (any
    // 127.0.0.0/8 address and ::1 always do), else defaultAddress(). An address the machine does not have
    // is bad input; the message names it and lists the addresses the machine has. `local`: the machine's
    // addresses, QNetworkInterface::allAddresses() by default.
    static Result<QString> choose(const RelayProfile& profile);
    static Result<QString> choose(const RelayProfile& profile, const QList<QHostAddress>& local);
};

} // namespace labshare::tunnel
