// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/LanAddress.h"

#include <QNetworkInterface>

#include <algorithm>

namespace labshare::tunnel {

namespace {

// The interface list carries IPv6 scopes ("fe80::1%eth0"); lan:// addresses have none.
QHostAddress unscoped(QHostAddress address) {
    address.setScopeId({});
    return address;
}

} // namespace

QString LanAddress::defaultAddress() {
    for (const QNetworkInterface& iface : QNetworkInterface::allInterfaces()) {
        if (!(iface.flags() & QNetworkInterface::IsUp) || (iface.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry& entry : iface.addressEntries())
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                return entry.ip().toString();
    }
    return QStringLiteral("127.0.0.1");
}

Result<QString> LanAddress::choose(const RelayProfile& profile) {
    return choose(profile, QNetworkInterface::allAddresses());
}

Result<QString> LanAddress::choose(const RelayProfile& profile, const QList<QHostAddress>& local) {
    if (profile.host.isEmpty())
        return defaultAddress();
    const QHostAddress wanted = unscoped(QHostAddress(profile.host));
    const bool owned = std::any_of(local.cbegin(), local.cend(), [&](const QHostAddress& a) {
        return unscoped(a).isEqual(wanted, QHostAddress::ConvertV4MappedToIPv4);
    });
    if (owned || wanted.isLoopback())
        return profile.host;
    // What the user can write instead, loopback last; not the IPv6 link-local addresses, which need a scope
    // that lan:// cannot carry.
    QStringList addresses, loopback;
    for (const QHostAddress& a : local) {
        if (a.protocol() == QAbstractSocket::IPv6Protocol && a.isLinkLocal())
            continue;
        (a.isLoopback() ? loopback : addresses).append(unscoped(a).toString());
    }
    addresses += loopback;
    addresses.removeDuplicates();
    return makeError(ErrorCode::BadInput,
                     tr("%1: this machine has no address %2, so nobody could connect there; its addresses are %3")
                         .arg(profile.toUrl(), profile.host,
                              addresses.isEmpty() ? tr("none") : addresses.join(QStringLiteral(", "))));
}

} // namespace labshare::tunnel
