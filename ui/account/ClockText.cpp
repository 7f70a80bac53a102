// SPDX-License-Identifier: GPL-3.0-or-later
#include "account/ClockText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace labshare::ui {

namespace {

// The locale's short time format without seconds (the C locale's has them), e.g. "HH:mm" or "h:mm AP".
QString minutesFormat(const QLocale& locale) {
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
    return format;
}

} // namespace

QString clockText(const QDateTime& when) {
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    const QString time = locale.toString(local.time(), minutesFormat(locale));
    const QDate today = QDate::currentDate();
    if (local.date() == today)
        return time;
    if (local.date() == today.addDays(1))
        return QCoreApplication::translate("labshare::ui::clockText", "tomorrow %1").arg(time);
    return QStringLiteral("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat), time);
}

} // namespace labshare::ui
