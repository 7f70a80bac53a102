// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Problem.h"
#include "topology/PublishSpec.h"
#include "topology/YamlLocator.h"

#include <yaml-cpp/node/node.h>

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace labshare::topology {

struct ScalarValue {
    QString text;
    SourceLocation where;
};

// The settings of one level of containerlab's inheritance chain (defaults, a kind, a group or a
// node) as written, with its publish entries already checked once, where they are written.
struct NodeDefinition {
    Q_DECLARE_TR_FUNCTIONS(labshare::topology::NodeDefinition)

public:
    std::optional<ScalarValue> kind;
    std::optional<ScalarValue> image;
    std::optional<ScalarValue> group;
    std::optional<ScalarValue> networkMode;
    std::optional<ScalarValue> mgmtIpv4;
    std::optional<ScalarValue> mgmtIpv6;
    QMap<QString, ScalarValue> labels;

    // The legacy `publish:` list: whether it has entries as written, and the valid ones.
    bool publishWritten = false;
    QList<PublishSpec> publish;
    // The `labshare.publish` label of this level, parsed, when the level sets it.
    std::optional<QList<PublishSpec>> labelPublish;

    SourceLocation where;

    // Reads one definition; problems go to `problems`. A null value (`l3:`) is an empty definition.
    static NodeDefinition read(const YAML::Node& value, const SourceLocation& where, PublishOrigin origin,
                               const YamlLocator& locator, QList<Problem>& problems, const QString& nodeName = {});
};

inline const QString kPublishLabel = QStringLiteral("labshare.publish");

} // namespace labshare::topology
