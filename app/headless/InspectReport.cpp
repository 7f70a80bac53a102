// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectReport.h"
#include "share/ShareName.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <array>
#include <numeric>

namespace labshare::app {

using namespace labshare::topology;

namespace {

// Gives this file's messages their tr() and translation context.
class InspectReport {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::InspectReport)
};

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

QString publishText(const Node& node, const PublishSpec& spec) {
    QString text = share::shareName(node.name, spec) + QStringLiteral(": ") + publishTypeName(spec.type) +
                   QLatin1Char('/') + QString::number(spec.port);
    if (!spec.allowed.isEmpty())
        text += QLatin1Char(' ') + InspectReport::tr("for %1").arg(spec.allowed.join(QStringLiteral(", ")));
    return text + QStringLiteral(" (") + publishOriginName(spec.from) + QLatin1Char(')');
}

// `text` in lines of at most `width` characters, broken between words; continuation lines start with
// `indent` spaces. A word that does not fit on a line of its own is cut.
QStringList wrap(const QString& text, qsizetype width, qsizetype indent = 0) {
    QStringList lines;
    QString line;
    const auto room = [&] {
        return width - (lines.isEmpty() ? 0 : indent);
    };
    const auto flush = [&] {
        lines << (lines.isEmpty() ? line : QString(indent, QLatin1Char(' ')) + line);
        line.clear();
    };
    for (QString word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > room())
            flush();
        while (line.isEmpty() && word.size() > room()) {
            line = word.left(room());
            word = word.mid(line.size());
            flush();
        }
        if (word.isEmpty())
            continue;
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty() || lines.isEmpty())
        flush();
    return lines;
}

qsizetype longestWord(const QString& text) {
    qsizetype longest = 0;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        longest = std::max(longest, word.size());
    return longest;
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
    // One row per publish entry; the node's own cells on its first. PUBLISH is last and wraps to what the
    // other columns leave of kWidth, so no line is wider than a terminal's 80 columns.
    constexpr qsizetype kWidth = 80, kGap = 2, kPublishWanted = 30, kPublishLeast = 20, kNarrowest = 12;
    enum Column { NodeColumn, KindColumn, AddressColumn, FromColumn, PublishColumn, Columns };
    using Row = std::array<QString, Columns>;
    QList<Row> rows;
    for (const Node& node : topology.nodes) {
        const QString address = node.hasAddress()
                                    ? QStringList({node.mgmtIpv4, node.mgmtIpv6}).join(QLatin1Char(' ')).trimmed()
                                    : QStringLiteral("-");
        Row first{node.name, node.kind, address, addressSourceName(node.addressSource), QStringLiteral("-")};
        if (node.publish.isEmpty()) {
            rows << first;
            continue;
        }
        for (qsizetype i = 0; i < node.publish.size(); ++i) {
            Row row = i == 0 ? first : Row{};
            row[PublishColumn] = publishText(node, node.publish.at(i));
            rows << row;
        }
    }
    const Row header{InspectReport::tr("NODE"), InspectReport::tr("KIND"), InspectReport::tr("ADDRESS"),
                     InspectReport::tr("FROM"), InspectReport::tr("SHARE: PUBLISH")};
    std::array<qsizetype, Columns> width{};
    for (int c = 0; c < PublishColumn; ++c) {
        width[c] = header[c].size();
        for (const Row& r : std::as_const(rows))
            width[c] = std::max(width[c], r[c].size());
    }
    const auto publishRoom = [&] {
        return kWidth - std::accumulate(width.cbegin(), width.cbegin() + PublishColumn, qsizetype(0)) -
               kGap * PublishColumn;
    };
    // Too little room for PUBLISH: one address per line, then cut node and kind names that are very long.
    qsizetype publishWanted = header[PublishColumn].size();
    for (const Row& r : std::as_const(rows))
        publishWanted = std::max(publishWanted, r[PublishColumn].size());
    publishWanted = std::min(publishWanted, kPublishWanted);
    if (publishRoom() < publishWanted) {
        width[AddressColumn] = header[AddressColumn].size();
        for (const Row& r : std::as_const(rows))
            width[AddressColumn] = std::max(width[AddressColumn], longestWord(r[AddressColumn]));
    }
    while (publishRoom() < std::min(publishWanted, kPublishLeast)) {
        qsizetype& widest = width[NodeColumn] >= width[KindColumn] ? width[NodeColumn] : width[KindColumn];
        if (widest <= kNarrowest)
            break;
        --widest;
    }
    width[PublishColumn] = publishRoom();

    const auto lines = [&](const Row& r) {
        std::array<QStringList, Columns> cells;
        qsizetype height = 1;
        for (int c = 0; c < Columns; ++c) {
            cells[c] = r[c].isEmpty() ? QStringList() : wrap(r[c], width[c], c == PublishColumn ? 2 : 0);
            height = std::max(height, cells[c].size());
        }
        QString out;
        for (qsizetype i = 0; i < height; ++i) {
            QString text;
            for (int c = 0; c < Columns; ++c)
                text += cells[c].value(i).leftJustified(c == PublishColumn ? 0 : width[c] + kGap, QLatin1Char(' '));
            qsizetype end = text.size();
            while (end > 0 && text.at(end - 1).isSpace())
                --end;
            out += text.left(end) + QLatin1Char('\n');
        }
        return out;
    };

    QString out =
        wrap(InspectReport::tr("Lab %1 (%2), %3 nodes").arg(topology.name, topology.file).arg(topology.nodes.size()),
             kWidth, 4)
            .join(QLatin1Char('\n')) +
        QStringLiteral("\n\n");
    out += lines(header);
    for (const Row& r : std::as_const(rows))
        out += lines(r);
    if (!topology.problems.isEmpty()) {
        out += QLatin1Char('\n');
        for (const Problem& problem : topology.problems)
            out += wrap(problem.toString(), kWidth, 4).join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    const auto errors = std::count_if(topology.problems.cbegin(), topology.problems.cend(),
                                      [](const Problem& p) { return p.severity == Severity::Error; });
    out += QLatin1Char('\n') +
           InspectReport::tr("%1 error(s), %2 warning(s)").arg(errors).arg(topology.problems.size() - errors) +
           QLatin1Char('\n');
    return out;
}

} // namespace labshare::app
