// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectReport.h"
#include "share/ShareName.h"

#include <QJsonArray>

#include <algorithm>

namespace labshare::app {

using namespace labshare::topology;

namespace {

QJsonObject publishJson(const Node& node, const PublishSpec& spec) {
    return {{QStringLiteral("type"), publishTypeName(spec.type)},
            {QStringLiteral("port"), spec.port},
            {QStringLiteral("allow"), QJsonArray::fromStringList(spec.allowed)},
            {QStringLiteral("from"), publishOriginName(spec.from)},
            {QStringLiteral("name"), share::shareName(node.name, spec)},
            {QStringLiteral("line"), spec.where.line},
            {QStringLiteral("column"), spec.where.column}};
}

QJsonObject nodeJson(const Node& node) {
    QJsonArray publish;
    for (const PublishSpec& spec : node.publish)
        publish.append(publishJson(node, spec));
    return {{QStringLiteral("name"), node.name},
            {QStringLiteral("kind"), node.kind},
            {QStringLiteral("image"), node.image},
            {QStringLiteral("group"), node.group},
            {QStringLiteral("container"), node.container},
            {QStringLiteral("mgmt_ipv4"), node.mgmtIpv4},
            {QStringLiteral("mgmt_ipv6"), node.mgmtIpv6},
            {QStringLiteral("address_source"), addressSourceName(node.addressSource)},
            {QStringLiteral("network_mode"), node.networkMode},
            {QStringLiteral("publish"), publish}};
}

QJsonObject problemJson(const Problem& problem) {
    return {
        {QStringLiteral("file"), problem.where.file},     {QStringLiteral("line"), problem.where.line},
        {QStringLiteral("column"), problem.where.column}, {QStringLiteral("severity"), severityName(problem.severity)},
        {QStringLiteral("message"), problem.message},     {QStringLiteral("node"), problem.node}};
}

QString publishText(const PublishSpec& spec) {
    QString text = publishTypeName(spec.type) + QLatin1Char('/') + QString::number(spec.port);
    if (!spec.allowed.isEmpty())
        text += QStringLiteral(" for ") + spec.allowed.join(QStringLiteral(", "));
    return text + QStringLiteral(" (") + publishOriginName(spec.from) + QLatin1Char(')');
}

QString pad(const QString& text, qsizetype width) {
    return text.leftJustified(width, QLatin1Char(' '));
}

} // namespace

QJsonObject inspectJson(const Topology& topology) {
    QJsonArray nodes;
    for (const Node& node : topology.nodes)
        nodes.append(nodeJson(node));
    QJsonArray problems;
    for (const Problem& problem : topology.problems)
        problems.append(problemJson(problem));
    return {{QStringLiteral("name"), topology.name},
            {QStringLiteral("file"), topology.file},
            {QStringLiteral("nodes"), nodes},
            {QStringLiteral("problems"), problems}};
}

QString inspectTable(const Topology& topology) {
    struct Row {
        QString node, kind, address, source, publish, share;
    };
    QList<Row> rows;
    for (const Node& node : topology.nodes) {
        const QString address = node.hasAddress()
                                    ? QStringList({node.mgmtIpv4, node.mgmtIpv6}).join(QLatin1Char(' ')).trimmed()
                                    : QStringLiteral("-");
        Row first{node.name, node.kind, address, addressSourceName(node.addressSource), QStringLiteral("-"), {}};
        if (node.publish.isEmpty()) {
            rows << first;
            continue;
        }
        for (qsizetype i = 0; i < node.publish.size(); ++i) {
            Row row = i == 0 ? first : Row{};
            row.publish = publishText(node.publish.at(i));
            row.share = share::shareName(node.name, node.publish.at(i));
            rows << row;
        }
    }
    const Row header{QStringLiteral("NODE"), QStringLiteral("KIND"),    QStringLiteral("ADDRESS"),
                     QStringLiteral("FROM"), QStringLiteral("PUBLISH"), QStringLiteral("SHARE")};
    const auto width = [&](QString Row::*field) {
        qsizetype w = (header.*field).size();
        for (const Row& r : std::as_const(rows))
            w = std::max(w, (r.*field).size());
        return w + 2;
    };
    const qsizetype wNode = width(&Row::node), wKind = width(&Row::kind), wAddress = width(&Row::address),
                    wSource = width(&Row::source), wPublish = width(&Row::publish);
    const auto line = [&](const Row& r) -> QString {
        const QString text = pad(r.node, wNode) + pad(r.kind, wKind) + pad(r.address, wAddress) +
                             pad(r.source, wSource) + pad(r.publish, wPublish) + r.share;
        qsizetype end = text.size();
        while (end > 0 && text.at(end - 1).isSpace())
            --end;
        return text.left(end) + QLatin1Char('\n');
    };

    QString out =
        QStringLiteral("Lab %1 (%2), %3 nodes\n\n").arg(topology.name, topology.file).arg(topology.nodes.size());
    out += line(header);
    for (const Row& r : std::as_const(rows))
        out += line(r);
    if (!topology.problems.isEmpty()) {
        out += QLatin1Char('\n');
        for (const Problem& problem : topology.problems)
            out += problem.toString() + QLatin1Char('\n');
    }
    const auto errors = std::count_if(topology.problems.cbegin(), topology.problems.cend(),
                                      [](const Problem& p) { return p.severity == Severity::Error; });
    out += QStringLiteral("\n%1 error(s), %2 warning(s)\n").arg(errors).arg(topology.problems.size() - errors);
    return out;
}

} // namespace labshare::app
