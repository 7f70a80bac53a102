// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareDeadline.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

namespace labshare::share {

// When the open lab's shares end on their own: one deadline for the whole lab ("Share until…" in the
// window) and any share's own (its context menu), which wins over the lab's for that share. It looks
// at the clock it is given (tests move it; the app's is the wall clock, so a laptop that slept stops
// its shares when it wakes) whenever a deadline is due, at most ShareDeadline::kMaxCheckMs apart, and
// says when a deadline's five-minute warning is due and when its shares are over. It stops nothing
// itself: the caller unpublishes what ended() names.
class DeadlineWatch : public QObject {
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    explicit DeadlineWatch(Clock clock = {}, QObject* parent = nullptr);

    QDateTime now() const { return m_clock(); }

    // The shares published now: the lab's deadline ends these (those without one of their own). A share's
    // own deadline is forgotten once it is no longer published.
    void setShares(const QStringList& names);
    void setLabDeadline(std::optional<ShareDeadline> deadline);
    void setShareDeadline(const QString& name, std::optional<ShareDeadline> deadline);
    // Every deadline whose warning is due now moves `seconds` later ("Extend 30 min"); false when none was.
    bool extendEnding(qint64 seconds);
    void clear(); // another lab: no deadline

    std::optional<ShareDeadline> labDeadline() const { return m_lab.deadline; }
    std::optional<ShareDeadline> ownDeadline(const QString& name) const;
    // The share's own deadline, else the lab's.
    std::optional<ShareDeadline> deadlineFor(const QString& name) const;
    // When each share with a deadline ends (UTC), for the views.
    QHash<QString, QDateTime> ends() const;
    // The earliest end among the deadlines whose warning is due, or an invalid QDateTime.
    QDateTime endingAt() const;
    // What stops next, for the tray and the banner: "Every share stops at 17:00 (1 h 25 min left)",
    // "2 shares stop at 16:30 (4 min left)"; empty when no share has a deadline.
    QString endingText() const;
    // For the projector: "until 17:00" when every share stops by then (the last end), else the lab's deadline's
    // when it has one, else empty.
    QString untilText() const;

    // Looks at the clock now: the timer calls it, and so may whoever knows the clock jumped.
    void check();

Q_SIGNALS:
    // Once per deadline (again after it was extended out of its warning): `names` end at `end`.
    void warning(const QStringList& names, const QDateTime& end);
    // `names` are over: stop them. The deadline that ended is gone.
    void ended(const QStringList& names, const QDateTime& end);
    void changed(); // a deadline was set, extended, cleared or ended

private:
    struct Watched {
        std::optional<ShareDeadline> deadline;
        bool warned = false;
    };
    QStringList namesUnderLab() const;
    void schedule();

    Clock m_clock;
    QStringList m_shares;
    Watched m_lab;
    QHash<QString, Watched> m_own;
    QTimer m_timer;
};

} // namespace labshare::share
