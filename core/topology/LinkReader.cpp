// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/LinkReader.h"
#include "topology/YamlAccess.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QSet>

namespace labshare::topology {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

class LinkReader {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::LinkReader)

public:
    LinkReader(Topology& topology, const YamlLocator& locator)
        : m_topology(topology)
        , m_locator(locator) {
        for (const Node& node : std::as_const(topology.nodes))
            m_nodes.insert(node.name);
    }

    QList<Link> read(const YAML::Node& links) {
        QList<Link> out;
        if (!links.IsSequence()) {
            error(links.Mark(), tr("'links' must be a list of links"));
            return out;
        }
        for (const YAML::Node& link : links) {
            if (!link.IsMap()) {
                error(link.Mark(), tr("a link must be a map, for example endpoints: [\"r1:e1-1\", \"r2:e1-1\"]"));
                continue;
            }
            const std::optional<YAML::Node> type = child(link, "type");
            if (type && type->IsScalar())
                out.append(readExtended(link, qs(type->Scalar())));
            else
                out.append(readBrief(link));
        }
        return out;
    }

private:
    void error(const YAML::Mark& mark, const QString& message) {
        m_topology.problems.append({m_locator.at(mark), Severity::Error, message, QString()});
    }

    bool checkNode(const QString& node, const YAML::Mark& mark, const QString& endpointText) {
        if (m_nodes.contains(node))
            return true;
        error(mark,
              tr("link endpoint '%1' names node '%2', which the topology does not define").arg(endpointText, node));
        return false;
    }

    Link readBrief(const YAML::Node& link) {
        Link out{QStringLiteral("veth"), {}};
        const std::optional<YAML::Node> endpoints = child(link, "endpoints");
        if (!endpoints || !endpoints->IsSequence()) {
            error(link.Mark(), tr("a link needs 'endpoints:' (a list of \"node:interface\") or a 'type:'"));
            return out;
        }
        for (const YAML::Node& endpoint : *endpoints) {
            if (!endpoint.IsScalar()) {
                error(endpoint.Mark(), tr("a link endpoint must be text such as \"r1:e1-1\""));
                continue;
            }
            // containerlab splits at the first ':' only: interface names may hold ':' and '/'.
            const QString text = qs(endpoint.Scalar());
            const qsizetype colon = text.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                error(endpoint.Mark(), tr("link endpoint '%1' must be written node:interface").arg(text));
                continue;
            }
            const QString node = text.left(colon);
            static const QStringList special = {QStringLiteral("host"), QStringLiteral("mgmt-net"),
                                                QStringLiteral("macvlan")};
            if (special.contains(node))
                out.type = node;
            else
                checkNode(node, endpoint.Mark(), text);
            out.endpoints.append({node, text.mid(colon + 1)});
        }
        return out;
    }

    LinkEndpoint readEndpointObject(const YAML::Node& endpoint) {
        const std::optional<YAML::Node> node = child(endpoint, "node");
        if (!node || !node->IsScalar()) {
            error(endpoint.Mark(), tr("a link endpoint needs 'node:' and 'interface:'"));
            return {};
        }
        const std::optional<YAML::Node> interfaceNode = child(endpoint, "interface");
        const QString name = qs(node->Scalar());
        const QString interface = interfaceNode && interfaceNode->IsScalar() ? qs(interfaceNode->Scalar()) : QString();
        checkNode(name, node->Mark(), name + QLatin1Char(':') + interface);
        return {name, interface};
    }

    Link readExtended(const YAML::Node& link, const QString& type) {
        Link out{type, {}};
        const std::optional<YAML::Node> endpoints = child(link, "endpoints");
        const std::optional<YAML::Node> endpoint = child(link, "endpoint");
        if (endpoints && endpoints->IsSequence()) {
            for (const YAML::Node& e : *endpoints)
                out.endpoints.append(readEndpointObject(e));
        } else if (endpoint) {
            out.endpoints.append(readEndpointObject(*endpoint));
        } else {
            error(link.Mark(), tr("a '%1' link needs 'endpoints:' or 'endpoint:'").arg(type));
        }
        return out;
    }

    Topology& m_topology;
    const YamlLocator& m_locator;
    QSet<QString> m_nodes;
};

} // namespace

QList<Link> readLinks(const YAML::Node& links, Topology& topology, const YamlLocator& locator) {
    return LinkReader(topology, locator).read(links);
}

} // namespace labshare::topology
