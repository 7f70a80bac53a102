// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr/QrPicture.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace labshare::ui {

using qr::QrCode;

QImage qrImage(const QrCode& code, int moduleSize, const QColor& dark, const QColor& light) {
    if (code.isNull() || moduleSize < 1)
        return {};
    const int side = (code.size() + 2 * QrCode::quietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(light);
    const QRgb ink = dark.rgb();
    for (int y = 0; y < code.size(); ++y) {
        for (int x = 0; x < code.size(); ++x) {
            if (!code.isDark(x, y))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine((y + QrCode::quietZone) * moduleSize + dy));
                std::fill_n(line + (x + QrCode::quietZone) * moduleSize, moduleSize, ink);
            }
        }
    }
    return image;
}

QRectF paintQrCode(QPainter& painter, const QrCode& code, const QRectF& rect, const QColor& dark, const QColor& light) {
    if (code.isNull() || rect.isEmpty())
        return {};
    const int modules = code.size() + 2 * QrCode::quietZone;
    // Whole device pixels per module keep the edges sharp; a blurred code scans badly on a projector.
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    const qreal devicePixels = std::floor(std::min(rect.width(), rect.height()) * ratio / modules);
    const qreal module = devicePixels >= 1 ? devicePixels / ratio : std::min(rect.width(), rect.height()) / modules;
    const qreal side = module * modules;
    const QRectF square(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    const QPointF origin(std::round(square.left() * ratio) / ratio, std::round(square.top() * ratio) / ratio);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRectF(origin, QSizeF(side, side)), light);
    for (int y = 0; y < code.size(); ++y)
        for (int x = 0; x < code.size(); ++x)
            if (code.isDark(x, y))
                painter.fillRect(QRectF(origin.x() + (x + QrCode::quietZone) * module,
                                        origin.y() + (y + QrCode::quietZone) * module, module, module),
                                 dark);
    painter.restore();
    return QRectF(origin, QSizeF(side, side));
}

} // namespace labshare::ui
