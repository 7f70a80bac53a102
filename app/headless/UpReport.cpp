// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpReport.h"
#include "Console.h"

#include "common/TerminalText.h"
#include "gate/GateEvents.h"

#include "share/ShareAccess.h"
#include "share/ShareDeadline.h"
#include "share/ShareStatus.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <unistd.h>

namespace labshare::app {

using tunnel::shareStateName;

UpReport::UpReport(Form form, std::FILE* out)
    : m_form(form)
    , m_out(out)
    , m_live(form == Form::Terminal ? std::make_unique<LiveBlock>(out) : nullptr) {}

UpReport::Form UpReport::formFor(bool json, std::FILE* out) {
    if (json)
        return Form::Json;
    const bool terminal = ::isatty(::fileno(out)) == 1 && qEnvironmentVariable("TERM") != QLatin1String("dumb");
    return terminal ? Form::Terminal : Form::Lines;
}

QJsonObject UpReport::shareEvent(const share::ShareRow& row) {
    const share::ShareAccess access = share::ShareAccess::of(row.spec, row.isGated());
    QJsonObject event{{QStringLiteral("event"), QStringLiteral("share")},
                      {QStringLiteral("name"), row.name},
                      {QStringLiteral("node"), row.node},
                      {QStringLiteral("type"), topology::publishTypeName(row.spec.type)},
                      {QStringLiteral("port"), row.spec.port},
                      {QStringLiteral("state"), shareStateName(row.health.state)},
                      {QStringLiteral("public"), row.health.publicAddress()},
                      {QStringLiteral("reclaiming"), row.health.addressOf(row.health.reclaimingPort)},
                      {QStringLiteral("also"), row.health.addressOf(row.health.alsoPort)},
                      {QStringLiteral("url"), row.url},
                      {QStringLiteral("target"), row.target},
                      {QStringLiteral("allow"), QJsonArray::fromStringList(row.spec.allowed)},
                      {QStringLiteral("error"), row.health.lastError},
                      {QStringLiteral("who"), access.whoKey()},
                      {QStringLiteral("lab_asks_for"), QJsonArray::fromStringList(access.labAsksFor())}};
    if (row.spec.type == topology::PublishType::Term) {
        event.insert(QStringLiteral("present_url"), share::terminalLink(row, terminal::TerminalRole::Presenter));
        event.insert(QStringLiteral("watch_url"), share::terminalLink(row, terminal::TerminalRole::Watcher));
        event.insert(QStringLiteral("login_as"), row.terminalUser);
    }
    return event;
}

void UpReport::access(const gate::GateVerdict& verdict) {
    if (verdict.kind == gate::GateVerdict::Kind::Ended)
        return; // `up` reports verdicts; connections that end are not events here
    if (m_form == Form::Json) {
        writeLine(
            {{QStringLiteral("event"), QStringLiteral("access")},
             {QStringLiteral("share"), verdict.share},
             {QStringLiteral("identity"), verdict.identity},
             {QStringLiteral("verdict"), verdict.admitted() ? QStringLiteral("admitted") : QStringLiteral("refused")},
             {QStringLiteral("reason"), verdict.reason}});
        return;
    }
    const QString line = verdict.admitted() ? tr("admitted: %1") : tr("refused: %1");
    std::fprintf(stderr, "%s\n", qUtf8Printable(line.arg(escapeForTerminal(verdict.reason))));
}

QJsonObject UpReport::connectionEvent(const tunnel::ConnectionRecord& record) {
    QJsonObject event = record.toJson();
    event.insert(QStringLiteral("event"), QStringLiteral("connection"));
    return event;
}

void UpReport::connections(const QList<tunnel::ConnectionRecord>& records) {
    if (m_form != Form::Json)
        return; // the table shows the counts; a line per connection would bury it
    for (const tunnel::ConnectionRecord& record : records)
        if (!record.isOpen())
            putLine(connectionEvent(record));
    std::fflush(m_out);
}

void UpReport::classEnding(const QDateTime& end, qint64 secondsLeft) {
    if (m_form == Form::Json) {
        writeLine({{QStringLiteral("event"), QStringLiteral("class")},
                   {QStringLiteral("phase"), QStringLiteral("ending")},
                   {QStringLiteral("ends"), end.toUTC().toString(Qt::ISODate)},
                   {QStringLiteral("seconds_left"), secondsLeft}});
        return;
    }
    printProblem(tr("the class ends at %1 (%2): every share stops then")
                     .arg(share::ShareDeadline::clockText(end), share::ShareDeadline::leftText(secondsLeft)));
}

void UpReport::classEnded(const QDateTime& end) {
    if (m_form == Form::Json) {
        writeLine({{QStringLiteral("event"), QStringLiteral("class")},
                   {QStringLiteral("phase"), QStringLiteral("ended")},
                   {QStringLiteral("ends"), end.toUTC().toString(Qt::ISODate)}});
        return;
    }
    printProblem(tr("the class is over (%1): stopping every share").arg(share::ShareDeadline::clockText(end)));
}

QJsonObject UpReport::healthEvent(const share::ShareRow& row) {
    const tunnel::ShareHealth& h = row.health;
    const qint64 uptime = h.upSinceMs ? (QDateTime::currentMSecsSinceEpoch() - h.upSinceMs) / 1000 : 0;
    const QString target = h.target == tunnel::Reachability::Reachable     ? QStringLiteral("reachable")
                           : h.target == tunnel::Reachability::Unreachable ? QStringLiteral("unreachable")
                                                                           : QStringLiteral("unknown");
    return {{QStringLiteral("event"), QStringLiteral("health")},
            {QStringLiteral("name"), row.name},
            {QStringLiteral("state"), shareStateName(h.state)},
            {QStringLiteral("public"), h.publicAddress()},
            {QStringLiteral("rtt_ms"), h.rttMs},
            {QStringLiteral("open"), h.openConnections},
            {QStringLiteral("total"), static_cast<qint64>(h.totalConnections)},
            {QStringLiteral("refused"), static_cast<qint64>(h.refusedConnections)},
            {QStringLiteral("bytes_to_node"), static_cast<qint64>(h.bytesToNode)},
            {QStringLiteral("bytes_from_node"), static_cast<qint64>(h.bytesFromNode)},
            {QStringLiteral("uptime_s"), uptime},
            {QStringLiteral("node_port"), target},
            {QStringLiteral("error"), h.lastError}};
}

QString UpReport::table(const QList<share::ShareRow>& rows) {
    const QString shareHeader = tr("SHARE"), stateHeader = tr("STATE"), publicHeader = tr("PUBLIC");
    QStringList lines;
    qsizetype wName = shareHeader.size(), wState = stateHeader.size(), wPublic = publicHeader.size();
    for (const share::ShareRow& r : rows) {
        wName = std::max(wName, r.name.size());
        wState = std::max(wState, shareStateName(r.health.state).size());
        wPublic = std::max(wPublic, share::ShareStatus::addressesText(r.health).size());
    }
    const auto line = [&](const QString& a, const QString& b, const QString& c, const QString& d) -> QString {
        const QString text =
            a.leftJustified(wName + 2) + b.leftJustified(wState + 2) + c.leftJustified(wPublic + 2) + d;
        return text.trimmed();
    };
    lines << line(shareHeader, stateHeader, publicHeader, tr("OPEN / ERROR"));
    for (const share::ShareRow& r : rows) {
        const QString detail = !r.health.lastError.isEmpty() ? r.health.lastError : r.url;
        const QString addresses = share::ShareStatus::addressesText(r.health);
        lines << line(r.name, shareStateName(r.health.state), addresses.isEmpty() ? QStringLiteral("-") : addresses,
                      detail);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void UpReport::writeLine(const QJsonObject& object) {
    putLine(object);
    std::fflush(m_out);
}

void UpReport::putLine(const QJsonObject& object) {
    const QByteArray text =
        escapeJsonForTerminal(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact))).toUtf8() + '\n';
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), m_out);
}

void UpReport::shareChanged(const share::ShareRow& row, const QList<share::ShareRow>& all) {
    if (m_form == Form::Json) {
        QJsonObject event = shareEvent(row);
        if (row.isGated())
            event.insert(QStringLiteral("fingerprint"), row.gateFingerprint);
        writeLine(event);
        return;
    }
    const QString watch = share::terminalLink(row, terminal::TerminalRole::Watcher);
    if (!watch.isEmpty() && m_toldWatchLinks.value(row.name) != watch) {
        m_toldWatchLinks.insert(row.name, watch);
        printProblem(tr("%1: your own terminal, which the watch link mirrors: %2 ; the read-only watch link: %3")
                         .arg(row.name, share::terminalLink(row, terminal::TerminalRole::Presenter), watch));
    }
    QList<share::ShareRow> shown = all;
    if (std::none_of(shown.cbegin(), shown.cend(), [&](const share::ShareRow& r) { return r.name == row.name; }))
        shown.append(row);                                                     // a share that just stopped
    const QString current = escapeForTerminal(table(shown), LineBreaks::Keep); // names and errors from outside
    if (current == m_lastTable)
        return;
    m_lastTable = current;
    if (m_live) {
        m_live->show(QLatin1Char('\n') + current);
        return;
    }
    const QByteArray text = "\n" + current.toUtf8();
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), m_out);
    std::fflush(m_out);
}

void UpReport::healthUpdated(const QList<share::ShareRow>& rows) {
    if (m_form != Form::Json)
        return;
    for (const share::ShareRow& r : rows)
        writeLine(healthEvent(r));
}

} // namespace labshare::app
