// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/LabDiscovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace labshare::topology::LabDiscovery {

namespace {

// Gives this file's messages their tr() and translation context.
class Messages {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::LabDiscovery)
};

SourceLocation locationOfOffset(const QByteArray& text, const QString& file, int offset) {
    const QByteArray before = text.left(offset);
    const int line = static_cast<int>(before.count('\n')) + 1;
    const int column = offset - static_cast<int>(before.lastIndexOf('\n') + 1) + 1;
    return {file, line, column};
}

std::optional<QJsonDocument> parseJson(const QByteArray& json, const QString& file, QList<Problem>& problems) {
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        problems.append({locationOfOffset(json, file, error.offset), Severity::Warning,
                         Messages::tr("cannot read node addresses from this file: %1").arg(error.errorString()),
                         QString()});
        return std::nullopt;
    }
    return doc;
}

// "172.20.20.3/24" -> "172.20.20.3"; "N/A", "NA" and "" -> "".
QString bareAddress(const QString& value) {
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("N/A") || trimmed == QLatin1String("NA"))
        return {};
    return trimmed.section(QLatin1Char('/'), 0, 0);
}

} // namespace

bool isPlainLabName(const QString& lab) {
    return !lab.isEmpty() && !lab.contains(QLatin1Char('/')) && !lab.contains(QLatin1Char('\\')) &&
           !lab.contains(QLatin1String("..")) &&
           std::none_of(lab.cbegin(), lab.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QString labDirectory(const QString& topologyFile, const QString& lab, const QProcessEnvironment& environment) {
    const QString base = environment.value(QStringLiteral("CLAB_LABDIR_BASE"));
    const QDir dir(base.isEmpty() ? QFileInfo(topologyFile).absolutePath() : base);
    return dir.filePath(QStringLiteral("clab-") + lab);
}

std::optional<QList<RuntimeNode>> parseTopologyData(const QByteArray& json, const QString& file,
                                                    QList<Problem>& problems) {
    const std::optional<QJsonDocument> doc = parseJson(json, file, problems);
    if (!doc)
        return std::nullopt;
    const QJsonObject nodes = doc->object().value(QLatin1String("nodes")).toObject();
    QList<RuntimeNode> out;
    for (auto it = nodes.constBegin(); it != nodes.constEnd(); ++it) {
        const QJsonObject n = it.value().toObject();
        out.append({it.key(), n.value(QLatin1String("longname")).toString(),
                    bareAddress(n.value(QLatin1String("mgmt-ipv4-address")).toString()),
                    bareAddress(n.value(QLatin1String("mgmt-ipv6-address")).toString())});
    }
    return out;
}

std::optional<QList<RuntimeNode>> parseInspect(const QByteArray& json, const QString& lab, const QString& source,
                                               QList<Problem>& problems) {
    const std::optional<QJsonDocument> doc = parseJson(json, source, problems);
    if (!doc)
        return std::nullopt;
    QJsonArray entries;
    if (doc->isArray()) {
        entries = doc->array();
    } else {
        const QJsonObject root = doc->object();
        if (root.contains(QLatin1String("containers"))) {
            entries = root.value(QLatin1String("containers")).toArray();
        } else {
            // v0.68+: grouped by lab name; {} when nothing runs.
            for (auto it = root.constBegin(); it != root.constEnd(); ++it)
                if (it.key() == lab)
                    entries = it.value().toArray();
        }
    }
    QList<RuntimeNode> out;
    for (const QJsonValue& value : std::as_const(entries)) {
        const QJsonObject e = value.toObject();
        const QString entryLab = e.value(QLatin1String("lab_name")).toString();
        if (!entryLab.isEmpty() && entryLab != lab)
            continue;
        out.append({QString(), e.value(QLatin1String("name")).toString(),
                    bareAddress(e.value(QLatin1String("ipv4_address")).toString()),
                    bareAddress(e.value(QLatin1String("ipv6_address")).toString())});
    }
    return out;
}

void applyAddresses(Topology& topology, const std::optional<QList<RuntimeNode>>& topologyData,
                    const std::optional<QList<RuntimeNode>>& inspect) {
    const auto find = [](const std::optional<QList<RuntimeNode>>& list, const Node& node) -> const RuntimeNode* {
        if (!list)
            return nullptr;
        for (const RuntimeNode& r : *list)
            if ((!r.name.isEmpty() && r.name == node.name) || (r.name.isEmpty() && r.container == node.container))
                return &r;
        return nullptr;
    };
    for (Node& node : topology.nodes) {
        const RuntimeNode* fromData = find(topologyData, node);
        if (fromData && !fromData->container.isEmpty())
            node.container = fromData->container;
        const RuntimeNode* fromInspect = find(inspect, node);
        if (fromData && (!fromData->ipv4.isEmpty() || !fromData->ipv6.isEmpty())) {
            node.mgmtIpv4 = fromData->ipv4;
            node.mgmtIpv6 = fromData->ipv6;
            node.addressSource = AddressSource::TopologyData;
        } else if (fromInspect && (!fromInspect->ipv4.isEmpty() || !fromInspect->ipv6.isEmpty())) {
            node.mgmtIpv4 = fromInspect->ipv4;
            node.mgmtIpv6 = fromInspect->ipv6;
            node.addressSource = AddressSource::Inspect;
        } else if (!node.staticIpv4.isEmpty() || !node.staticIpv6.isEmpty()) {
            node.mgmtIpv4 = node.staticIpv4;
            node.mgmtIpv6 = node.staticIpv6;
            node.addressSource = AddressSource::Static;
        } else {
            node.mgmtIpv4.clear();
            node.mgmtIpv6.clear();
            node.addressSource = AddressSource::None;
        }
    }
}

} // namespace labshare::topology::LabDiscovery
