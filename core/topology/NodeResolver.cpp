// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/NodeResolver.h"
#include "topology/KindAliases.h"

#include <initializer_list>

namespace labshare::topology {

namespace {

using Field = std::optional<ScalarValue> NodeDefinition::*;

// The first non-empty value of `field` along the chain, most specific level first.
QString firstSet(std::initializer_list<const NodeDefinition*> chain, Field field) {
    for (const NodeDefinition* level : chain)
        if (level && (level->*field) && !(level->*field)->text.isEmpty())
            return (level->*field)->text;
    return {};
}

} // namespace

NodeResolver::NodeResolver(NodeDefinition defaults, QMap<QString, NodeDefinition> kinds,
                           QMap<QString, NodeDefinition> groups)
    : m_defaults(std::move(defaults))
    , m_kinds(std::move(kinds))
    , m_groups(std::move(groups)) {}

const NodeDefinition* NodeResolver::kindDefinition(const QString& kind) const {
    const auto it = m_kinds.constFind(kind);
    return it == m_kinds.cend() ? nullptr : &it.value();
}

const NodeDefinition* NodeResolver::groupDefinition(const QString& group) const {
    const auto it = m_groups.constFind(group);
    return it == m_groups.cend() ? nullptr : &it.value();
}

Node NodeResolver::resolve(const QString& name, const NodeDefinition& def) const {
    Node node;
    node.name = name;
    node.where = def.where;

    const QString declaredGroup = firstSet({&def, &m_defaults}, &NodeDefinition::group);
    node.kindAsWritten = firstSet({&def, groupDefinition(declaredGroup), &m_defaults}, &NodeDefinition::kind).toLower();
    node.kind = canonicalKind(node.kindAsWritten);
    const NodeDefinition* kind = kindDefinition(node.kindAsWritten);
    node.group = firstSet({&def, kind, &m_defaults}, &NodeDefinition::group);
    const NodeDefinition* group = groupDefinition(node.group);

    const std::initializer_list<const NodeDefinition*> chain = {&def, group, kind, &m_defaults};
    node.image = firstSet(chain, &NodeDefinition::image);
    node.networkMode = firstSet(chain, &NodeDefinition::networkMode);
    // Static management addresses are node-level only in containerlab.
    node.staticIpv4 = firstSet({&def}, &NodeDefinition::mgmtIpv4);
    node.staticIpv6 = firstSet({&def}, &NodeDefinition::mgmtIpv6);

    const std::initializer_list<const NodeDefinition*> mergeOrder = {&m_defaults, kind, group, &def};
    for (const NodeDefinition* level : mergeOrder)
        if (level)
            for (auto it = level->labels.cbegin(); it != level->labels.cend(); ++it)
                node.labels.insert(it.key(), it.value().text);

    const NodeDefinition* labelLevel = nullptr;
    for (const NodeDefinition* level : chain)
        if (level && level->labelPublish && !labelLevel)
            labelLevel = level;
    if (labelLevel) {
        node.publish = *labelLevel->labelPublish;
    } else {
        for (const NodeDefinition* level : chain) {
            if (level && level->publishWritten) {
                node.publish = level->publish;
                break;
            }
        }
    }
    return node;
}

} // namespace labshare::topology
