// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/KindAliases.h"

#include <QHash>

namespace labshare::topology {

QString canonicalKind(const QString& kind) {
    // From each kind's kindNames list in containerlab's nodes/<kind> packages.
    static const QHash<QString, QString> aliases = {
        {QStringLiteral("srl"), QStringLiteral("nokia_srlinux")},
        {QStringLiteral("ceos"), QStringLiteral("arista_ceos")},
        {QStringLiteral("crpd"), QStringLiteral("juniper_crpd")},
        {QStringLiteral("vr-sros"), QStringLiteral("nokia_sros")},
        {QStringLiteral("vr-nokia_sros"), QStringLiteral("nokia_sros")},
        {QStringLiteral("vr-vmx"), QStringLiteral("juniper_vmx")},
        {QStringLiteral("vr-xrv9k"), QStringLiteral("cisco_xrv9k")},
        {QStringLiteral("vr-xrv"), QStringLiteral("cisco_xrv")},
        {QStringLiteral("vr-veos"), QStringLiteral("arista_veos")},
        {QStringLiteral("vr-csr"), QStringLiteral("cisco_csr1000v")},
        {QStringLiteral("vr-vqfx"), QStringLiteral("juniper_vqfx")},
        {QStringLiteral("vr-vsrx"), QStringLiteral("juniper_vsrx")},
        {QStringLiteral("vr-pan"), QStringLiteral("paloalto_panos")},
        {QStringLiteral("vr-ros"), QStringLiteral("mikrotik_ros")},
        {QStringLiteral("vr-ftosv"), QStringLiteral("dell_ftosv")},
        {QStringLiteral("vr-n9kv"), QStringLiteral("cisco_n9kv")},
        {QStringLiteral("vr-aoscx"), QStringLiteral("aruba_aoscx")},
        {QStringLiteral("vr-ciena_saos"), QStringLiteral("ciena_saos")},
        {QStringLiteral("cvx"), QStringLiteral("cumulus_cvx")},
        {QStringLiteral("xrd"), QStringLiteral("cisco_xrd")},
        {QStringLiteral("c8000"), QStringLiteral("cisco_c8000")},
        {QStringLiteral("cjunosevolved"), QStringLiteral("juniper_cjunosevolved")},
    };
    const QString lower = kind.toLower();
    return aliases.value(lower, lower);
}

bool isContainerlessKind(const QString& canonical) {
    return canonical == QLatin1String("bridge") || canonical == QLatin1String("ovs-bridge") ||
           canonical == QLatin1String("host");
}

QString defaultLoginUser(const QString& canonical) {
    if (canonical == QLatin1String("nokia_srlinux") || canonical == QLatin1String("arista_ceos") ||
        canonical == QLatin1String("nokia_sros") || canonical == QLatin1String("nokia_srsim"))
        return QStringLiteral("admin");
    if (canonical == QLatin1String("linux"))
        return QStringLiteral("root");
    return {};
}

} // namespace labshare::topology
