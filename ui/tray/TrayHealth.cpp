// SPDX-License-Identifier: GPL-3.0-or-later
#include "tray/TrayHealth.h"

#include "share/ShareCommands.h"

#include <array>
#include <functional>
#include <tuple>

namespace labshare::ui {

using share::ShareRow;
using share::ShareStatus;
using share::StatusTone;
using tunnel::ShareState;

namespace {

constexpr int maxToolTipDetails = 4;

// The order states are counted in a summary: the most serious first.
constexpr std::array summaryOrder{ShareState::Failed,     ShareState::Degraded, ShareState::Reconnecting,
                                  ShareState::Connecting, ShareState::Idle,     ShareState::Up};

QList<ShareRow> active(const QList<ShareRow>& rows) {
    QList<ShareRow> out;
    for (const ShareRow& r : rows)
        if (r.health.state != ShareState::Stopped)
            out << r;
    return out;
}

// "clab-r1-tcp-22: Node not answering — connection refused": the share, its state as every view words
// it, and why when known.
QString problemLine(const ShareRow& row) {
    const QString line = row.name + QStringLiteral(": ") + ShareStatus::text(row.health.state);
    return row.health.lastError.isEmpty() ? line : line + QStringLiteral(" — ") + row.health.lastError;
}

// "1 share: Up", "3 shares: 2 Up · 1 Failed".
QString sharesCount(qsizetype n, const QString& what) {
    return n == 1 ? TrayHealth::tr("1 share: %1").arg(what) : TrayHealth::tr("%1 shares: %2").arg(n).arg(what);
}

} // namespace

TrayState TrayHealth::aggregate(const QList<ShareRow>& rows) {
    StatusTone worst = StatusTone::Neutral;
    for (const ShareRow& r : active(rows))
        worst = ShareStatus::worse(worst, ShareStatus::tone(r.health.state));
    switch (worst) {
    case StatusTone::Good:
        return TrayState::AllUp;
    case StatusTone::Warning:
        return TrayState::SomeDegraded;
    case StatusTone::Bad:
        return TrayState::Failed;
    case StatusTone::Neutral:
        break;
    }
    return TrayState::Idle;
}

StatusTone TrayHealth::tone(TrayState state) {
    switch (state) {
    case TrayState::AllUp:
        return StatusTone::Good;
    case TrayState::SomeDegraded:
        return StatusTone::Warning;
    case TrayState::Failed:
        return StatusTone::Bad;
    case TrayState::Idle:
        break;
    }
    return StatusTone::Neutral;
}

QString TrayHealth::summary(const QList<ShareRow>& rows) {
    const QList<ShareRow> shared = active(rows);
    if (shared.isEmpty())
        return tr("Nothing shared");
    QStringList counts;
    for (const ShareState state : summaryOrder) {
        const auto n = std::count_if(shared.cbegin(), shared.cend(),
                                     [state](const ShareRow& r) { return r.health.state == state; });
        if (n == shared.size())
            return sharesCount(n, ShareStatus::text(state));
        if (n > 0)
            counts << QString::number(n) + QLatin1Char(' ') + ShareStatus::text(state);
    }
    return sharesCount(shared.size(), counts.join(QStringLiteral(" · ")));
}

QString TrayHealth::toolTip(const QList<ShareRow>& rows) {
    QStringList lines{summary(rows)};
    qsizetype problems = 0;
    for (const ShareRow& r : active(rows)) {
        if (r.health.state == ShareState::Up)
            continue;
        if (++problems <= maxToolTipDetails)
            lines << problemLine(r);
    }
    if (problems > maxToolTipDetails)
        lines << tr("… and %1 more").arg(problems - maxToolTipDetails);
    return lines.join(QLatin1Char('\n'));
}

QList<TrayNotification> TrayHealth::notifications(const QList<ShareRow>& previous, const QList<ShareRow>& current,
                                                  QHash<QString, QString>& down) {
    QHash<QString, const ShareRow*> before;
    for (const ShareRow& r : previous)
        before.insert(r.name, &r);

    QList<ShareRow> wentDown;
    QList<ShareRow> cameBack;
    QList<QPair<ShareRow, QString>> moved; // with the address students had
    QList<ShareRow> standIns;
    QList<ShareRow> reclaimed;
    QSet<QString> present;
    for (const ShareRow& r : current) {
        const ShareState now = r.health.state;
        if (now == ShareState::Stopped)
            continue;
        present.insert(r.name);
        if (now == ShareState::Up) {
            const ShareRow* was = before.value(r.name);
            if (was && was->health.reclaimingPort && r.health.publicPort == was->health.reclaimingPort)
                reclaimed << r;
            if (!down.contains(r.name))
                continue;
            const QString had = down.take(r.name);
            if (r.health.reclaimingPort && had == r.health.addressOf(r.health.reclaimingPort))
                standIns << r; // the students' address comes back later: not moved
            else if (!had.isEmpty() && had != share::ShareCommands::hostPort(r))
                moved.append({r, had});
            else
                cameBack << r;
            continue;
        }
        if (down.contains(r.name))
            continue; // already reported
        const ShareRow* was = before.value(r.name);
        const bool wasUp = was && was->health.state == ShareState::Up;
        const bool newlyFailed = now == ShareState::Failed && (!was || was->health.state != ShareState::Failed);
        if (wasUp || newlyFailed) {
            wentDown << r;
            down.insert(r.name, wasUp ? share::ShareCommands::hostPort(*was) : QString());
        }
    }
    down.removeIf([&present](const auto& entry) { return !present.contains(entry.key()); }); // the user's doing

    QList<TrayNotification> out;
    if (!wentDown.isEmpty()) {
        TrayNotification n;
        n.kind = TrayNotification::Kind::WentDown;
        for (const ShareRow& r : wentDown)
            n.shares << r.name;
        const QString why = wentDown.first().health.lastError;
        const bool sameReason = std::all_of(wentDown.cbegin(), wentDown.cend(),
                                            [&why](const ShareRow& r) { return r.health.lastError == why; });
        if (wentDown.size() == 1) {
            n.title = n.shares.first() + QStringLiteral(": ") + ShareStatus::text(wentDown.first().health.state);
            n.message = why.isEmpty() ? tr("Students cannot connect to it now.") : why;
        } else {
            n.title = summary(wentDown);
            n.message = n.shares.join(QStringLiteral(", ")) +
                        (sameReason && !why.isEmpty() ? QStringLiteral(" — ") + why : QString());
        }
        out << n;
    }
    // One notification per kind: worded for the share when it is one, else the summary and their names.
    using Words = std::pair<QString, QString>; // title, message (never std::pair(…): QStringBuilder would dangle)
    const auto grouped = [&out](TrayNotification::Kind kind, const QList<ShareRow>& rows, const QString& manyTitle,
                                const std::function<Words(const ShareRow&)>& one) {
        if (rows.isEmpty())
            return;
        TrayNotification n;
        n.kind = kind;
        for (const ShareRow& r : rows)
            n.shares << r.name;
        if (rows.size() == 1)
            std::tie(n.title, n.message) = one(rows.first());
        else
            std::tie(n.title, n.message) = Words(manyTitle, n.shares.join(QStringLiteral(", ")));
        out << n;
    };
    grouped(TrayNotification::Kind::CameBack, cameBack, summary(cameBack), [](const ShareRow& r) {
        const QString address = share::ShareCommands::hostPort(r);
        return Words(r.name + QStringLiteral(": ") + ShareStatus::text(ShareState::Up),
                     address.isEmpty() ? QString() : tr("Reachable again at %1").arg(address));
    });
    grouped(TrayNotification::Kind::StandIn, standIns,
            tr("%1 shares up at stand-in addresses meanwhile").arg(standIns.size()), [](const ShareRow& r) {
                return Words(tr("%1: up at %2 meanwhile").arg(r.name, share::ShareCommands::hostPort(r)),
                             tr("An earlier relay session still holds %1, the address students have; LabShare is "
                                "getting it back and says so when it works again.")
                                 .arg(r.health.addressOf(r.health.reclaimingPort)));
            });
    grouped(TrayNotification::Kind::Reclaimed, reclaimed,
            tr("%1 shares back at the addresses students have").arg(reclaimed.size()), [](const ShareRow& r) {
                return Words(tr("%1: %2 works again").arg(r.name, share::ShareCommands::hostPort(r)),
                             r.health.alsoPort ? tr("The address students have is back; %1 keeps working too.")
                                                     .arg(r.health.addressOf(r.health.alsoPort))
                                               : tr("The address students have is back."));
            });
    for (const auto& [row, had] : std::as_const(moved)) {
        TrayNotification n;
        n.kind = TrayNotification::Kind::Moved;
        n.shares << row.name;
        n.title = tr("%1: new address").arg(row.name);
        n.message =
            tr("Students now reach it at %1; %2 no longer works.").arg(share::ShareCommands::hostPort(row), had);
        out << n;
    }
    return out;
}

QList<TrayNotification> TrayHealth::update(const QList<ShareRow>& rows) {
    QList<TrayNotification> out = notifications(m_last, rows, m_down);
    m_last = rows;
    return out;
}

} // namespace labshare::ui
