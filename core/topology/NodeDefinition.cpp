// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/NodeDefinition.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QRegularExpression>

namespace labshare::topology {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

class DefinitionReader {
public:
    DefinitionReader(const YamlLocator& locator, QList<Problem>& problems, PublishOrigin origin, QString nodeName)
        : m_locator(locator)
        , m_problems(problems)
        , m_origin(origin)
        , m_node(std::move(nodeName)) {}

    void report(const SourceLocation& where, Severity severity, const QString& message) {
        m_problems.append({where, severity, message, m_node});
    }

    std::optional<ScalarValue> scalar(const YAML::Node& key, const YAML::Node& value) {
        if (value.IsNull())
            return std::nullopt;
        if (!value.IsScalar()) {
            report(m_locator.at(value.Mark()), Severity::Error,
                   NodeDefinition::tr("'%1' must be a single value").arg(qs(key.Scalar())));
            return std::nullopt;
        }
        return ScalarValue{qs(value.Scalar()), m_locator.at(value.Mark())};
    }

    // Checks the entries of one list and keeps the valid ones, each once.
    QList<PublishSpec> specs(const QList<ScalarValue>& entries, PublishOrigin origin) {
        QList<PublishSpec> out;
        for (const ScalarValue& entry : entries) {
            Result<PublishSpec> parsed = PublishSpec::parse(entry.text);
            if (!parsed) {
                report(entry.where, Severity::Error, parsed.error().message);
                continue;
            }
            PublishSpec spec = std::move(parsed).value();
            spec.from = origin;
            spec.where = entry.where;
            const bool duplicate = std::any_of(out.cbegin(), out.cend(), [&](const PublishSpec& s) {
                return s.type == spec.type && s.port == spec.port;
            });
            if (duplicate) {
                report(entry.where, Severity::Warning,
                       NodeDefinition::tr("%1/%2 is listed twice here; the first entry is used")
                           .arg(publishTypeName(spec.type))
                           .arg(spec.port));
                continue;
            }
            out << spec;
        }
        return out;
    }

    void readPublish(const YAML::Node& key, const YAML::Node& value, NodeDefinition& def) {
        const SourceLocation keyWhere = m_locator.at(key.Mark());
        QList<ScalarValue> entries;
        if (value.IsSequence()) {
            for (const YAML::Node& item : value) {
                if (item.IsScalar())
                    entries.append({qs(item.Scalar()), m_locator.at(item.Mark())});
                else
                    report(m_locator.at(item.Mark()), Severity::Error,
                           NodeDefinition::tr("a publish entry must be text such as tcp/22"));
            }
        } else if (!value.IsNull()) {
            report(m_locator.at(value.Mark()), Severity::Error,
                   NodeDefinition::tr("'publish' must be a list of entries such as [tcp/22, tls/57400]"));
        }
        def.publishWritten = value.IsSequence() && value.size() > 0;
        def.publish = specs(entries, m_origin);

        QStringList labelForm;
        for (const PublishSpec& spec : std::as_const(def.publish))
            labelForm << spec.text.simplified().remove(QLatin1Char(' '));
        const QString fix = labelForm.isEmpty()
                                ? NodeDefinition::tr("remove the key")
                                : NodeDefinition::tr("write it as a label instead: labels: {%1: \"%2\"}")
                                      .arg(kPublishLabel, labelForm.join(QLatin1Char(' ')));
        report(keyWhere, Severity::Warning,
               NodeDefinition::tr(
                   "containerlab v0.62 and later refuse the retired 'publish' key, so this file will not deploy; %1")
                   .arg(fix));
    }

    void readLabels(const YAML::Node& value, NodeDefinition& def) {
        if (value.IsNull())
            return;
        if (!value.IsMap()) {
            report(m_locator.at(value.Mark()), Severity::Error,
                   NodeDefinition::tr("'labels' must be a map of names to values"));
            return;
        }
        for (const auto& kv : value) {
            const std::optional<ScalarValue> label = scalar(kv.first, kv.second);
            const QString name = qs(kv.first.Scalar());
            def.labels.insert(name, label.value_or(ScalarValue{QString(), m_locator.at(kv.first.Mark())}));
            if (name != kPublishLabel)
                continue;
            QList<ScalarValue> entries;
            if (label) {
                // Entries are separated by white space; find each one's column in the value.
                static const QRegularExpression word(QStringLiteral("\\S+"));
                for (const QRegularExpressionMatch& m : word.globalMatch(label->text)) {
                    SourceLocation where = label->where;
                    if (label->where.line > 0 && !label->text.contains(QLatin1Char('\n')))
                        where.column += static_cast<int>(m.capturedStart()) + quoteWidth(kv.second);
                    entries.append({m.captured(), where});
                }
            }
            def.labelPublish = specs(entries, PublishOrigin::Label);
        }
    }

private:
    static int quoteWidth(const YAML::Node& value) {
        const std::string& tag = value.Tag();
        return tag == "!" ? 1 : 0; // yaml-cpp tags quoted scalars with "!"
    }

    const YamlLocator& m_locator;
    QList<Problem>& m_problems;
    PublishOrigin m_origin;
    QString m_node;
};

} // namespace

NodeDefinition NodeDefinition::read(const YAML::Node& value, const SourceLocation& where, PublishOrigin origin,
                                    const YamlLocator& locator, QList<Problem>& problems, const QString& nodeName) {
    NodeDefinition def;
    def.where = where;
    if (!value.IsDefined() || value.IsNull())
        return def;
    DefinitionReader reader(locator, problems, origin, nodeName);
    if (!value.IsMap()) {
        reader.report(locator.at(value.Mark()), Severity::Error,
                      tr("a node definition must be a map of settings such as kind: and image:"));
        return def;
    }
    for (const auto& kv : value) {
        const std::string key = kv.first.Scalar();
        if (key == "mgmt_ipv4" || key == "mgmt_ipv6")
            reader.report(locator.at(kv.first.Mark()), Severity::Warning,
                          tr("'%1' is the old spelling; containerlab v0.69 and later only accept '%2'")
                              .arg(qs(key), qs(key).replace(QLatin1Char('_'), QLatin1Char('-'))));
        if (key == "kind")
            def.kind = reader.scalar(kv.first, kv.second);
        else if (key == "image")
            def.image = reader.scalar(kv.first, kv.second);
        else if (key == "group")
            def.group = reader.scalar(kv.first, kv.second);
        else if (key == "network-mode")
            def.networkMode = reader.scalar(kv.first, kv.second);
        else if (key == "mgmt-ipv4" || key == "mgmt_ipv4")
            def.mgmtIpv4 = reader.scalar(kv.first, kv.second);
        else if (key == "mgmt-ipv6" || key == "mgmt_ipv6")
            def.mgmtIpv6 = reader.scalar(kv.first, kv.second);
        else if (key == "labels")
            reader.readLabels(kv.second, def);
        else if (key == "publish")
            reader.readPublish(kv.first, kv.second, def);
    }
    return def;
}

} // namespace labshare::topology
