// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyParser.h"
#include "topology/EnvExpansion.h"
#include "topology/KindAliases.h"
#include "topology/LabDiscovery.h"
#include "topology/LinkReader.h"
#include "topology/NodeDefinition.h"
#include "topology/NodeResolver.h"
#include "topology/YamlAliasBudget.h"
#include "topology/YamlLocator.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QFileInfo>

namespace labshare::topology {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// The lab name containerlab would not have: the file name without .clab.yml.
QString nameFromFile(const QString& file) {
    QString base = QFileInfo(file).fileName();
    for (const char* suffix : {".clab.yml", ".clab.yaml", ".yml", ".yaml"})
        if (base.endsWith(QLatin1String(suffix)))
            return base.chopped(static_cast<qsizetype>(qstrlen(suffix)));
    return base;
}

// A name made plain: every character a lab name must not have becomes '_'.
QString plainName(QString name) {
    for (QChar& c : name)
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    name.replace(QLatin1String(".."), QLatin1String("__"));
    return name.isEmpty() ? QStringLiteral("lab") : name;
}

class Parser {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::TopologyParser)

public:
    Parser(const QString& file, const std::string& original, const EnvExpansion& expansion, Topology& topology)
        : m_locator(file, original, expansion)
        , m_original(original)
        , m_expansion(expansion)
        , m_topology(topology) {}

    void parse() {
        const std::size_t templateAt = m_original.find("{{");
        const auto problemAt = [&](std::size_t offset, Severity severity, const QString& message) {
            m_topology.problems.append({m_locator.atOriginalOffset(offset), severity, message, QString()});
        };
        if (const auto& refusal = m_expansion.refusal()) {
            problemAt(refusal->inputOffset, Severity::Error,
                      refusal->kind == EnvExpansion::Refusal::Kind::TooDeep
                          ? tr("variable defaults nested more than %1 deep (${A:-${B:-…}}); LabShare does not read "
                               "this file further")
                                .arg(EnvExpansion::kMaxNesting)
                          : tr("the environment variables here make the file larger than %1 MiB; LabShare does not "
                               "read this file further")
                                .arg(EnvExpansion::kMaxExpandedSize >> 20));
            return;
        }
        if (const std::optional<YAML::Mark> alias = aliasBeyondBudget(m_expansion.text(), kAliasValueBudget)) {
            error(*alias, tr("this alias takes the values repeated through YAML aliases past %1; LabShare does not "
                             "read a file that stands for a tree this large")
                              .arg(kAliasValueBudget));
            return;
        }
        YAML::Node root;
        try {
            root = YAML::Load(m_expansion.text());
        } catch (const YAML::Exception& e) {
            if (templateAt != std::string::npos)
                problemAt(templateAt, Severity::Error,
                          tr("this file is a containerlab Go template ({{ … }}), which LabShare cannot render; open "
                             "the rendered file instead (containerlab deploy --export-rendered FILE writes it)"));
            else
                error(e.mark, tr("YAML syntax error: %1").arg(qs(e.msg)));
            return;
        }
        if (templateAt != std::string::npos)
            problemAt(templateAt, Severity::Warning,
                      tr("this file uses containerlab's Go template syntax ({{ … }}); LabShare shows it unrendered, "
                         "so values made by the template appear as written"));
        try {
            readRoot(root);
        } catch (const YAML::Exception& e) {
            error(e.mark, tr("cannot read this part of the topology: %1").arg(qs(e.msg)));
        }
    }

    void error(const YAML::Mark& mark, const QString& message, const QString& node = {}) {
        m_topology.problems.append({m_locator.at(mark), Severity::Error, message, node});
    }

    void warning(const YAML::Mark& mark, const QString& message, const QString& node = {}) {
        m_topology.problems.append({m_locator.at(mark), Severity::Warning, message, node});
    }

private:
    void readRoot(const YAML::Node& root) {
        if (root.IsNull()) {
            m_topology.problems.append({{m_locator.file(), 1, 1},
                                        Severity::Error,
                                        tr("this is not a containerlab topology: the file is empty"),
                                        QString()});
            return;
        }
        if (!root.IsMap()) {
            error(root.Mark(), tr("this is not a containerlab topology: a topology is a YAML map with 'name:' and "
                                  "'topology:'"));
            return;
        }
        std::optional<YAML::Node> topologyNode;
        YAML::Mark topologyMark;
        bool haveName = false;
        for (const auto& kv : root) {
            const std::string key = kv.first.Scalar();
            if (key == "name" && kv.second.IsScalar() && !kv.second.Scalar().empty()) {
                m_topology.name = qs(kv.second.Scalar());
                haveName = true;
                if (!LabDiscovery::isPlainLabName(m_topology.name)) {
                    const QString written = m_topology.name;
                    m_topology.name = plainName(nameFromFile(m_locator.file()));
                    error(kv.second.Mark(), tr("the lab name '%1' is not a plain name: containerlab makes the folder "
                                               "clab-<name> from it, and a name with '/' or '..' would point "
                                               "elsewhere (LabShare uses '%2' meanwhile)")
                                                .arg(written, m_topology.name));
                }
            } else if (key == "prefix" && kv.second.IsScalar()) {
                m_topology.prefix = qs(kv.second.Scalar());
            } else if (key == "topology") {
                topologyNode = kv.second;
                topologyMark = kv.first.Mark();
            } else if (key != "name" && key != "prefix" && key != "mgmt" && key != "settings" && key != "debug") {
                warning(kv.first.Mark(),
                        tr("unknown key '%1': containerlab refuses keys it does not know").arg(qs(key)));
            }
        }
        if (!topologyNode) {
            error(root.Mark(), tr("this is not a containerlab topology: it has no 'topology:' section"));
            return;
        }
        if (!haveName) {
            m_topology.name = plainName(nameFromFile(m_locator.file()));
            error(root.Mark(), tr("the lab has no 'name:'; containerlab needs one (LabShare uses '%1' meanwhile)")
                                   .arg(m_topology.name));
        }
        readTopology(*topologyNode, topologyMark);
    }

    QMap<QString, NodeDefinition> readLevels(const YAML::Node& map, const char* what, PublishOrigin origin,
                                             bool lowerCaseKeys) {
        QMap<QString, NodeDefinition> out;
        if (map.IsNull())
            return out;
        if (!map.IsMap()) {
            error(map.Mark(), tr("'%1' must be a map").arg(QLatin1String(what)));
            return out;
        }
        for (const auto& kv : map) {
            QString key = qs(kv.first.Scalar());
            if (lowerCaseKeys)
                key = key.toLower();
            out.insert(key, NodeDefinition::read(kv.second, m_locator.at(kv.first.Mark()), origin, m_locator,
                                                 m_topology.problems));
        }
        return out;
    }

    void readTopology(const YAML::Node& topo, const YAML::Mark& topoMark) {
        if (!topo.IsMap()) {
            error(topo.IsNull() ? topoMark : topo.Mark(), tr("'topology' must be a map with a 'nodes:' section"));
            return;
        }
        NodeDefinition defaults;
        QMap<QString, NodeDefinition> kinds;
        QMap<QString, NodeDefinition> groups;
        std::optional<YAML::Node> nodes;
        std::optional<YAML::Node> links;
        YAML::Mark nodesMark = topoMark;
        for (const auto& kv : topo) {
            const std::string key = kv.first.Scalar();
            if (key == "defaults")
                defaults = NodeDefinition::read(kv.second, m_locator.at(kv.first.Mark()), PublishOrigin::Defaults,
                                                m_locator, m_topology.problems);
            else if (key == "kinds")
                kinds = readLevels(kv.second, "kinds", PublishOrigin::Kind, true);
            else if (key == "groups")
                groups = readLevels(kv.second, "groups", PublishOrigin::Group, false);
            else if (key == "nodes") {
                nodes = kv.second;
                nodesMark = kv.first.Mark();
            } else if (key == "links")
                links = kv.second;
        }
        if (!nodes || !nodes->IsMap()) {
            error(nodes && !nodes->IsNull() ? nodes->Mark() : nodesMark,
                  tr("the topology has no nodes: 'topology.nodes' must be a map of node names to settings"));
            return;
        }
        const NodeResolver resolver(std::move(defaults), std::move(kinds), std::move(groups));
        for (const auto& kv : *nodes) {
            const QString name = qs(kv.first.Scalar());
            const NodeDefinition def = NodeDefinition::read(kv.second, m_locator.at(kv.first.Mark()),
                                                            PublishOrigin::Node, m_locator, m_topology.problems, name);
            Node node = resolver.resolve(name, def);
            node.container = containerName(m_topology.prefix, m_topology.name, name);
            checkNode(node, kv.first.Mark());
            m_topology.nodes.append(std::move(node));
        }
        if (links && !links->IsNull())
            m_topology.links = readLinks(*links, m_topology, m_locator);
    }

    void checkNode(Node& node, const YAML::Mark& mark) {
        if (node.kind.isEmpty())
            error(mark,
                  tr("node '%1' has no kind: set 'kind:' on the node, its group or topology.defaults").arg(node.name),
                  node.name);
        if (node.kind == QLatin1String("mysocketio") || node.kind == QLatin1String("border0"))
            warning(mark,
                    tr("node '%1' is the tunnel agent of the retired %2 service; LabShare does not need it and "
                       "current containerlab no longer knows the kind '%3'")
                        .arg(node.name,
                             node.kind == QLatin1String("border0") ? QStringLiteral("border0")
                                                                   : QStringLiteral("mysocket.io"),
                             node.kind),
                    node.name);
        if (isContainerlessKind(node.kind) && !node.publish.isEmpty()) {
            if (node.publish.constFirst().from == PublishOrigin::Node)
                warning(mark,
                        tr("node '%1' is a %2, which has no container: its publish entries are ignored")
                            .arg(node.name, node.kind),
                        node.name);
            node.publish.clear();
        }
    }

    YamlLocator m_locator;
    const std::string& m_original;
    const EnvExpansion& m_expansion;
    Topology& m_topology;
};

} // namespace

Topology parseTopology(const QByteArray& text, const QString& file, const QProcessEnvironment& environment) {
    Topology topology;
    topology.file = file;
    topology.prefix = QStringLiteral("clab");
    const std::string original = text.toStdString();
    const EnvExpansion expansion =
        EnvExpansion::expand(original, [&environment](const std::string& name) -> std::optional<std::string> {
            const QString key = QString::fromStdString(name);
            if (!environment.contains(key))
                return std::nullopt;
            return environment.value(key).toStdString();
        });
    Parser(file, original, expansion, topology).parse();
    if (topology.name.isEmpty())
        topology.name = plainName(nameFromFile(file));
    return topology;
}

} // namespace labshare::topology
