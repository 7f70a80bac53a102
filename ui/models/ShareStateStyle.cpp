// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ShareStateStyle.h"

#include <QPainter>
#include <QPixmap>

namespace labshare::ui {

using share::StatusTone;

QColor toneColor(StatusTone tone) {
    switch (tone) {
    case StatusTone::Good:
        return QColor(0x2d, 0xa4, 0x4e); // green
    case StatusTone::Warning:
        return QColor(0xd4, 0xa7, 0x2c); // amber
    case StatusTone::Bad:
        return QColor(0xcf, 0x22, 0x2e); // red
    case StatusTone::Neutral:
        break;
    }
    return QColor(0x8b, 0x94, 0x9e); // grey
}

QColor shareStateColor(tunnel::ShareState state) {
    return toneColor(share::ShareStatus::tone(state));
}

QIcon gatedShareIcon() {
    static const QIcon icon = [] {
        const QIcon themed = QIcon::fromTheme(QStringLiteral("changes-prevent-symbolic"),
                                              QIcon::fromTheme(QStringLiteral("changes-prevent")));
        if (!themed.isNull())
            return themed;
        QPixmap pixmap(32, 32); // a shackle over a body, in the Neutral tone
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor ink = toneColor(StatusTone::Neutral).darker(160);
        painter.setPen(QPen(ink, 3.5));
        painter.drawArc(QRectF(9, 3, 14, 18), 0, 180 * 16);
        painter.drawLine(QPointF(9, 12), QPointF(9, 15));
        painter.drawLine(QPointF(23, 12), QPointF(23, 15));
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawRoundedRect(QRectF(5, 14, 22, 16), 3, 3);
        return QIcon(pixmap);
    }();
    return icon;
}

} // namespace labshare::ui
