// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/lan/LanAddress.h"

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

QList<QHostAddress> LanAddress::interfaceAddresses() {
    QList<QHostAddress> out;
    for (const QNetworkInterface& iface : QNetworkInterface::allInterfaces()) {
        if (!(iface.flags() & QNetworkInterface::IsUp) || (iface.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry& entry : iface.addressEntries())
            out.append(entry.ip());
    }
    return out;
}

bool LanAddress::isPrivate(const QHostAddress& address) {
    static const QList<QPair<QHostAddress, int>> privateNetworks{
        QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
        QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
        QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
        QHostAddress::parseSubnet(QStringLiteral("fc00::/7"))};
    const QHostAddress plain = unscoped(address);
    return std::any_of(privateNetworks.cbegin(), privateNetworks.cend(),
                       [&plain](const QPair<QHostAddress, int>& net) { return plain.isInSubnet(net); });
}

QString LanAddress::defaultAddress() {
    return defaultAddress(interfaceAddresses());
}

QString LanAddress::defaultAddress(const QList<QHostAddress>& addresses) {
    for (QAbstractSocket::NetworkLayerProtocol protocol :
         {QAbstractSocket::IPv4Protocol, QAbstractSocket::IPv6Protocol})
        for (const QHostAddress& a : addresses)
            if (a.protocol() == protocol && isPrivate(a))
                return unscoped(a).toString();
    return QStringLiteral("127.0.0.1");
}

QString LanAddress::publicAlternative(const QList<QHostAddress>& addresses) {
    if (defaultAddress(addresses) != QLatin1String("127.0.0.1"))
        return {};
    for (QAbstractSocket::NetworkLayerProtocol protocol :
         {QAbstractSocket::IPv4Protocol, QAbstractSocket::IPv6Protocol})
        for (const QHostAddress& a : addresses)
            if (a.protocol() == protocol && !a.isLoopback() && !a.isLinkLocal() && !a.isMulticast() && !a.isNull() &&
                a != QHostAddress::AnyIPv4 && a != QHostAddress::AnyIPv6)
                return unscoped(a).toString();
    return {};
}

Result<QString> LanAddress::choose(const RelayProfile& profile) {
    return choose(profile, QNetworkInterface::allAddresses());
}

Result<QString> LanAddress::choose(const RelayProfile& profile, const QList<QHostAddress>& local) {
    if (profile.host.isEmpty())
        return defaultAddress(local);
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
