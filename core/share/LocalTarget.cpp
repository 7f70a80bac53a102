// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LocalTarget.h"

#include <QCoreApplication>
#include <QNetworkInterface>

namespace labshare::share {

std::optional<QString> whyLocal(const QString& host, bool hostNetwork, const QList<QHostAddress>& ownAddresses) {
    if (hostNetwork)
        return LocalTarget::tr("network-mode: host, the network of this computer");
    QHostAddress address(host);
    if (address.isNull())
        return LocalTarget::tr("a host name, which may name any computer, this one included");
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const QHostAddress v4(address.toIPv4Address(&mapped));
        if (mapped)
            address = v4;
    }
    address.setScopeId({});
    if (address.isLoopback())
        return LocalTarget::tr("loopback");
    if (address.isLinkLocal())
        return LocalTarget::tr("link-local");
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6))
        return LocalTarget::tr("an address meaning this computer");
    for (QHostAddress own : ownAddresses) {
        own.setScopeId({});
        if (own.isEqual(address, QHostAddress::TolerantConversion))
            return LocalTarget::tr("this computer's own address");
    }
    return std::nullopt;
}

QList<QHostAddress> thisComputersAddresses() {
    return QNetworkInterface::allAddresses();
}

} // namespace labshare::share
