// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace labshare::share {

// When a lab's shares end on their own: after a duration (`--for 90m`, "1h30m", "45s") or at a local
// clock time (`--until 17:00`, tomorrow when that time has passed today). Five minutes before the end
// comes a warning. Pure: every question takes the time now, so tests give any clock they like; the
// caller looks at the clock again after nextCheckMs() (a suspended laptop's timers do not count the
// sleep, so waits are short and the wall clock decides).
class ShareDeadline {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareDeadline)

public:
    static constexpr qint64 kWarningSeconds = 5 * 60;
    static constexpr qint64 kMaxSeconds = 7 * 24 * 3600; // longer is a typo, not a class
    static constexpr qint64 kMaxCheckMs = 30 * 1000;

    enum class Phase { Running, Warning, Ended };

    // "90m", "1h30m", "2h", "45s" (at least one unit, each once, in that order), from `now`.
    static Result<ShareDeadline> after(const QString& duration, const QDateTime& now);
    // "17:00" or "9:05" in local time: today, or tomorrow when it is not later than `now`.
    static Result<ShareDeadline> at(const QString& clockTime, const QDateTime& now);
    // `seconds` from `now`; what after() makes of a duration it read.
    static ShareDeadline in(qint64 seconds, const QDateTime& now);
    // What a person types in one field: a clock time when it has a colon ("17:00"), else a duration ("90m").
    static Result<ShareDeadline> parse(const QString& text, const QDateTime& now);

    QDateTime end() const { return m_end; } // UTC
    Phase phase(const QDateTime& now) const;
    qint64 secondsLeft(const QDateTime& now) const; // 0 once ended
    // How long the class runs from `now`, as it is remembered for the next one: to the nearest minute (to the
    // nearest second under one), so the moments between choosing and asking do not make 90m read 89m59s.
    qint64 lengthFrom(const QDateTime& now) const;
    // How long to wait before asking phase() again: until the warning or the end, at most kMaxCheckMs.
    qint64 nextCheckMs(const QDateTime& now) const;
    ShareDeadline extendedBy(qint64 seconds) const;

    QString untilText() const;                    // "until 17:00" (local time)
    QString leftText(const QDateTime& now) const; // "1 h 25 min left", "4 min left", "40 s left"

    // The same words for an end and a time left given apart (a report of a deadline already passed on).
    static QString clockText(const QDateTime& end); // "17:00" (local time)
    static QString untilText(const QDateTime& end); // "until 17:00"
    static QString leftText(qint64 seconds);
    // A duration as after() reads it back: "1h30m", "45m", "2h", "45s" (what a lab remembers, never a clock time).
    static QString durationText(qint64 seconds);

private:
    explicit ShareDeadline(QDateTime end)
        : m_end(std::move(end)) {}

    QDateTime m_end;
};

} // namespace labshare::share
