// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareDeadline.h"

#include <QRegularExpression>

#include <algorithm>

namespace labshare::share {

Result<ShareDeadline> ShareDeadline::after(const QString& duration, const QDateTime& now) {
    static const QRegularExpression form(QStringLiteral("^(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?$"));
    const QRegularExpressionMatch match = form.match(duration.trimmed());
    if (duration.trimmed().isEmpty() || !match.hasMatch())
        return makeError(ErrorCode::BadInput,
                         tr("\"%1\" is not a duration: write it as 90m, 1h30m, 2h or 45s").arg(duration));
    const qint64 seconds =
        match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60 + match.captured(3).toLongLong();
    if (seconds <= 0)
        return makeError(ErrorCode::BadInput, tr("a duration of \"%1\" would end the class at once").arg(duration));
    if (seconds > kMaxSeconds)
        return makeError(ErrorCode::BadInput, tr("\"%1\" is longer than a week").arg(duration));
    return in(seconds, now);
}

Result<ShareDeadline> ShareDeadline::at(const QString& clockTime, const QDateTime& now) {
    static const QRegularExpression form(QStringLiteral("^([01]?\\d|2[0-3]):([0-5]\\d)$"));
    const QRegularExpressionMatch match = form.match(clockTime.trimmed());
    if (!match.hasMatch())
        return makeError(ErrorCode::BadInput,
                         tr("\"%1\" is not a time of day: write it as 17:00 or 9:05 (local time)").arg(clockTime));
    const QTime time(match.captured(1).toInt(), match.captured(2).toInt());
    const QDateTime local = now.toLocalTime();
    QDateTime end(local.date(), time, Qt::LocalTime);
    if (end <= local)
        end = QDateTime(local.date().addDays(1), time, Qt::LocalTime);
    return ShareDeadline(end.toUTC());
}

ShareDeadline ShareDeadline::in(qint64 seconds, const QDateTime& now) {
    return ShareDeadline(now.toUTC().addSecs(seconds));
}

Result<ShareDeadline> ShareDeadline::parse(const QString& text, const QDateTime& now) {
    return text.contains(QLatin1Char(':')) ? at(text, now) : after(text, now);
}

ShareDeadline::Phase ShareDeadline::phase(const QDateTime& now) const {
    const qint64 left = now.secsTo(m_end);
    if (now >= m_end)
        return Phase::Ended;
    return left <= kWarningSeconds ? Phase::Warning : Phase::Running;
}

qint64 ShareDeadline::secondsLeft(const QDateTime& now) const {
    return std::max<qint64>(0, now.secsTo(m_end));
}

qint64 ShareDeadline::lengthFrom(const QDateTime& now) const {
    const qint64 seconds = std::max<qint64>(0, (now.msecsTo(m_end) + 500) / 1000);
    return seconds < 60 ? seconds : (seconds + 30) / 60 * 60;
}

qint64 ShareDeadline::nextCheckMs(const QDateTime& now) const {
    const qint64 toEnd = now.msecsTo(m_end);
    const qint64 toWarning = toEnd - kWarningSeconds * 1000;
    const qint64 next = toWarning > 0 ? toWarning : toEnd;
    return std::clamp<qint64>(next, 0, kMaxCheckMs);
}

ShareDeadline ShareDeadline::extendedBy(qint64 seconds) const {
    return ShareDeadline(m_end.addSecs(seconds));
}

QString ShareDeadline::untilText() const {
    return untilText(m_end);
}

QString ShareDeadline::untilText(const QDateTime& end) {
    return tr("until %1").arg(clockText(end));
}

QString ShareDeadline::leftText(const QDateTime& now) const {
    return leftText(secondsLeft(now));
}

QString ShareDeadline::clockText(const QDateTime& end) {
    return end.toLocalTime().toString(QStringLiteral("HH:mm"));
}

QString ShareDeadline::leftText(qint64 seconds) {
    const qint64 left = std::max<qint64>(0, seconds);
    if (left < 60)
        return tr("%1 s left").arg(left);
    const qint64 minutes = (left + 59) / 60; // "1 min left" until the last minute ends
    if (minutes < 60)
        return tr("%1 min left").arg(minutes);
    return tr("%1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

QString ShareDeadline::durationText(qint64 seconds) {
    const qint64 s = std::clamp<qint64>(seconds, 1, kMaxSeconds);
    QString out;
    if (s / 3600)
        out += QString::number(s / 3600) + QLatin1Char('h');
    if (s % 3600 / 60)
        out += QString::number(s % 3600 / 60) + QLatin1Char('m');
    if (s % 60)
        out += QString::number(s % 60) + QLatin1Char('s');
    return out;
}

} // namespace labshare::share
