// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/DeadlineWatch.h"

#include <algorithm>

namespace labshare::share {

DeadlineWatch::DeadlineWatch(Clock clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); })) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineWatch::check);
}

void DeadlineWatch::setShares(const QStringList& names) {
    m_shares = names;
    bool forgot = false;
    for (auto it = m_own.begin(); it != m_own.end();) {
        if (names.contains(it.key())) {
            ++it;
            continue;
        }
        it = m_own.erase(it);
        forgot = true;
    }
    if (forgot)
        Q_EMIT changed();
    schedule();
}

void DeadlineWatch::setLabDeadline(std::optional<ShareDeadline> deadline) {
    m_lab = {std::move(deadline), false};
    Q_EMIT changed();
    check();
}

void DeadlineWatch::setShareDeadline(const QString& name, std::optional<ShareDeadline> deadline) {
    if (deadline)
        m_own.insert(name, {std::move(deadline), false});
    else
        m_own.remove(name);
    Q_EMIT changed();
    check();
}

bool DeadlineWatch::extendEnding(qint64 seconds) {
    const QDateTime at = now();
    bool extended = false;
    const auto extend = [&](Watched& w) {
        if (!w.deadline || w.deadline->phase(at) != ShareDeadline::Phase::Warning)
            return;
        w.deadline = w.deadline->extendedBy(seconds);
        w.warned = false; // its warning comes again, five minutes before the new end
        extended = true;
    };
    extend(m_lab);
    for (Watched& w : m_own)
        extend(w);
    if (extended) {
        Q_EMIT changed();
        check();
    }
    return extended;
}

void DeadlineWatch::clear() {
    m_lab = {};
    m_own.clear();
    m_shares.clear();
    m_timer.stop();
    Q_EMIT changed();
}

std::optional<ShareDeadline> DeadlineWatch::ownDeadline(const QString& name) const {
    const auto it = m_own.constFind(name);
    return it == m_own.cend() ? std::nullopt : it->deadline;
}

std::optional<ShareDeadline> DeadlineWatch::deadlineFor(const QString& name) const {
    if (const std::optional<ShareDeadline> own = ownDeadline(name))
        return own;
    return m_shares.contains(name) ? m_lab.deadline : std::nullopt;
}

QHash<QString, QDateTime> DeadlineWatch::ends() const {
    QHash<QString, QDateTime> out;
    for (const QString& name : m_shares)
        if (const std::optional<ShareDeadline> d = deadlineFor(name))
            out.insert(name, d->end());
    return out;
}

QDateTime DeadlineWatch::endingAt() const {
    const QDateTime at = now();
    QDateTime earliest;
    const auto consider = [&](const Watched& w) {
        if (w.deadline && w.deadline->phase(at) == ShareDeadline::Phase::Warning &&
            (!earliest.isValid() || w.deadline->end() < earliest))
            earliest = w.deadline->end();
    };
    consider(m_lab);
    for (const Watched& w : m_own)
        consider(w);
    return earliest;
}

QString DeadlineWatch::endingText() const {
    const QHash<QString, QDateTime> all = ends();
    if (all.isEmpty())
        return {};
    const QDateTime first = *std::min_element(all.cbegin(), all.cend());
    const int count = int(std::count(all.cbegin(), all.cend(), first));
    const QString when = ShareDeadline::clockText(first);
    const QString left = ShareDeadline::leftText(now().secsTo(first));
    if (count == m_shares.size())
        return count == 1 ? tr("The share stops at %1 (%2)").arg(when, left)
                          : tr("Every share stops at %1 (%2)").arg(when, left);
    return count == 1 ? tr("1 share stops at %1 (%2)").arg(when, left)
                      : tr("%1 shares stop at %2 (%3)").arg(count).arg(when, left);
}

QString DeadlineWatch::untilText() const {
    const QHash<QString, QDateTime> all = ends();
    if (!all.isEmpty() && all.size() == m_shares.size())
        return ShareDeadline::untilText(*std::max_element(all.cbegin(), all.cend()));
    return m_lab.deadline && !namesUnderLab().isEmpty() ? m_lab.deadline->untilText() : QString();
}

QStringList DeadlineWatch::namesUnderLab() const {
    QStringList out;
    for (const QString& name : m_shares)
        if (!m_own.contains(name))
            out << name;
    return out;
}

void DeadlineWatch::check() {
    const QDateTime at = now();
    const auto over = [&at](const Watched& w) {
        return w.deadline && w.deadline->phase(at) == ShareDeadline::Phase::Ended;
    };
    // Shares' own deadlines first, then the lab's. Whoever hears ended() stops shares (and so calls setShares()),
    // so the state is read again after each signal.
    bool anyEnded = false;
    const QStringList owners = m_own.keys();
    for (const QString& name : owners) {
        const auto it = m_own.constFind(name);
        if (it == m_own.cend() || !over(*it))
            continue;
        const QDateTime end = it->deadline->end();
        m_own.erase(it);
        anyEnded = true;
        Q_EMIT ended({name}, end);
    }
    if (over(m_lab)) {
        const QDateTime end = m_lab.deadline->end();
        m_lab = {};
        anyEnded = true;
        Q_EMIT ended(namesUnderLab(), end);
    }
    QList<QPair<QStringList, QDateTime>> warnings;
    const auto warn = [&](Watched& w, const QStringList& names) {
        if (w.deadline && w.deadline->phase(at) == ShareDeadline::Phase::Warning && !std::exchange(w.warned, true) &&
            !names.isEmpty())
            warnings.append({names, w.deadline->end()});
    };
    warn(m_lab, namesUnderLab());
    for (auto it = m_own.begin(); it != m_own.end(); ++it)
        warn(*it, {it.key()});
    for (const auto& [names, end] : std::as_const(warnings))
        Q_EMIT warning(names, end);
    if (anyEnded)
        Q_EMIT changed();
    schedule();
}

void DeadlineWatch::schedule() {
    const QDateTime at = now();
    qint64 next = -1;
    const auto consider = [&](const Watched& w) {
        if (w.deadline)
            next = next < 0 ? w.deadline->nextCheckMs(at) : std::min(next, w.deadline->nextCheckMs(at));
    };
    consider(m_lab);
    for (const Watched& w : std::as_const(m_own))
        consider(w);
    if (next < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(std::chrono::milliseconds(std::max<qint64>(1, next)));
}

} // namespace labshare::share
