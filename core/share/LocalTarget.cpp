// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/LocalTarget.h"

#include <QCoreApplication>
#include <QNetworkInterface>

namespace labshare::share {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("labshare::share::LocalTarget", text);
}

} // namespace

std::optional<QString> whyLocal(const QString& host, bool hostNetwork, const QList<QHostAddress>& ownAddresses) {
    if (hostNetwork)
        return tr("network-mode: host, the network of this computer");
    QHostAddress address(host);
    if (address.isNull())
        return tr("a host name, which may name any computer, this one included");
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const QHostAddress v4(address.toIPv4Address(&mapped));
        if (mapped)
            address = v4;
    }
    address.setScopeId({});
    if (address.isLoopback())
        return tr("loopback");
    if (address.isLinkLocal())
        return tr("link-local");
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6))
        return tr("an address meaning this computer");
    for (QHostAddress own : ownAddresses) {
        own.setScopeId({});
        if (own.isEqual(address, QHostAddress::TolerantConversion))
            return tr("this computer's own address");
    }
    return std::nullopt;
}

QList<QHostAddress> thisComputersAddresses() {
    return QNetworkInterface::allAddresses();
}

} // namespace labshare::share
