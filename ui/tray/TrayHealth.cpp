// SPDX-License-Identifier: GPL-3.0-or-later
#include "tray/TrayHealth.h"

#include "share/ShareCommands.h"

namespace labshare::ui {

using share::ShareRow;
using tunnel::ShareState;

namespace {

constexpr int maxToolTipDetails = 4;

QList<ShareRow> active(const QList<ShareRow>& rows) {
    QList<ShareRow> out;
    for (const ShareRow& r : rows)
        if (r.health.state != ShareState::Stopped)
            out << r;
    return out;
}

} // namespace

TrayState TrayHealth::aggregate(const QList<ShareRow>& rows) {
    const QList<ShareRow> shared = active(rows);
    if (shared.isEmpty())
        return TrayState::Idle;
    int up = 0;
    bool broken = false;
    for (const ShareRow& r : shared) {
        switch (r.health.state) {
        case ShareState::Failed:
            return TrayState::Failed;
        case ShareState::Up:
            ++up;
            break;
        case ShareState::Degraded:
        case ShareState::Reconnecting:
            broken = true;
            break;
        case ShareState::Idle:
        case ShareState::Connecting:
        case ShareState::Stopped:
            break;
        }
    }
    if (up == shared.size())
        return TrayState::AllUp;
    if (up == 0 && broken)
        return TrayState::Failed;
    return TrayState::SomeDegraded;
}

namespace {

QString stateWord(ShareState state) {
    switch (state) {
    case ShareState::Idle:
        return TrayHealth::tr("waiting");
    case ShareState::Connecting:
        return TrayHealth::tr("connecting");
    case ShareState::Degraded:
        return TrayHealth::tr("degraded");
    case ShareState::Reconnecting:
        return TrayHealth::tr("reconnecting");
    case ShareState::Failed:
        return TrayHealth::tr("failed");
    case ShareState::Up:
        return TrayHealth::tr("up");
    case ShareState::Stopped:
        return TrayHealth::tr("stopped");
    }
    return {};
}

// Why a share is not up, in a few words.
QString reason(const ShareRow& row) {
    if (!row.health.lastError.isEmpty())
        return row.health.lastError;
    if (row.health.state == ShareState::Degraded)
        return TrayHealth::tr("the node does not answer");
    return stateWord(row.health.state);
}

QString sharesCount(qsizetype n, const QString& word) {
    return n == 1 ? TrayHealth::tr("1 share %1").arg(word) : TrayHealth::tr("%1 shares %2").arg(n).arg(word);
}

} // namespace

QString TrayHealth::toolTip(const QList<ShareRow>& rows) {
    const QList<ShareRow> shared = active(rows);
    if (shared.isEmpty())
        return tr("Nothing shared");
    QList<ShareRow> problems;
    for (const ShareRow& r : shared)
        if (r.health.state != ShareState::Up)
            problems << r;
    if (problems.isEmpty())
        return sharesCount(shared.size(), tr("up"));

    const ShareState first = problems.first().health.state;
    const bool alike =
        std::all_of(problems.cbegin(), problems.cend(), [first](const ShareRow& r) { return r.health.state == first; });
    const QString word = alike ? stateWord(first) : tr("not up");
    const QString head = problems.size() == shared.size()
                             ? sharesCount(shared.size(), word)
                             : tr("%1 of %2 %3").arg(problems.size()).arg(shared.size()).arg(word);
    QStringList details;
    for (const ShareRow& r : problems) {
        if (details.size() == maxToolTipDetails) {
            details << tr("… and %1 more").arg(problems.size() - maxToolTipDetails);
            break;
        }
        const QString why = reason(r);
        details << (alike && why == word ? r.name : r.name + QStringLiteral(" — ") + why);
    }
    return head + (details.size() == 1 ? QStringLiteral(": ") : QStringLiteral(":\n")) +
           details.join(QLatin1Char('\n'));
}

QList<TrayNotification> TrayHealth::notifications(const QList<ShareRow>& previous, const QList<ShareRow>& current,
                                                  QSet<QString>& down) {
    QHash<QString, ShareState> before;
    for (const ShareRow& r : previous)
        before.insert(r.name, r.health.state);

    QList<ShareRow> wentDown;
    QList<ShareRow> cameBack;
    QSet<QString> present;
    for (const ShareRow& r : current) {
        const ShareState now = r.health.state;
        if (now == ShareState::Stopped)
            continue;
        present.insert(r.name);
        if (now == ShareState::Up) {
            if (down.remove(r.name))
                cameBack << r;
            continue;
        }
        if (down.contains(r.name))
            continue; // already reported
        const auto was = before.constFind(r.name);
        const bool wasUp = was != before.cend() && *was == ShareState::Up;
        const bool newlyFailed = now == ShareState::Failed && (was == before.cend() || *was != ShareState::Failed);
        if (wasUp || newlyFailed) {
            wentDown << r;
            down.insert(r.name);
        }
    }
    down.intersect(present); // stopped or removed shares are forgotten

    QList<TrayNotification> out;
    if (!wentDown.isEmpty()) {
        TrayNotification n;
        n.kind = TrayNotification::Kind::WentDown;
        for (const ShareRow& r : wentDown)
            n.shares << r.name;
        const QString why = reason(wentDown.first());
        const bool sameReason =
            std::all_of(wentDown.cbegin(), wentDown.cend(), [&why](const ShareRow& r) { return reason(r) == why; });
        if (wentDown.size() == 1) {
            n.title = tr("%1 is down").arg(n.shares.first());
            n.message = why;
        } else {
            n.title = tr("%1 shares are down").arg(wentDown.size());
            n.message = n.shares.join(QStringLiteral(", ")) + (sameReason ? QStringLiteral(" — ") + why : QString());
        }
        out << n;
    }
    if (!cameBack.isEmpty()) {
        TrayNotification n;
        n.kind = TrayNotification::Kind::CameBack;
        for (const ShareRow& r : cameBack)
            n.shares << r.name;
        if (cameBack.size() == 1) {
            n.title = tr("%1 is back up").arg(n.shares.first());
            const QString address = share::ShareCommands::hostPort(cameBack.first());
            n.message = address.isEmpty() ? QString() : tr("Reachable again at %1").arg(address);
        } else {
            n.title = tr("%1 shares are back up").arg(cameBack.size());
            n.message = n.shares.join(QStringLiteral(", "));
        }
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
