// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr/QrCode.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include <qrencode.h>

namespace labshare::ui {

QrCode QrCode::encode(const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    if (utf8.isEmpty())
        return {};
    // Version 0 = the smallest that fits; QR_MODE_8 encodes anything beyond numbers and upper-case
    // letters as bytes, so UTF-8 passes through unchanged (scanners read byte mode as UTF-8).
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return {}; // too long (ERANGE) or out of memory
    QrCode qr;
    qr.m_version = code->version;
    qr.m_size = code->width;
    qr.m_modules.resize(qsizetype(code->width) * code->width);
    for (qsizetype i = 0; i < qr.m_modules.size(); ++i)
        qr.m_modules[i] = char(code->data[i] & 1); // bit 0: dark module; the other bits say what it is part of
    QRcode_free(code);
    return qr;
}

bool QrCode::isDark(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules.at(qsizetype(y) * m_size + x) != 0;
}

QString QrCode::toTerminalText() const {
    if (isNull())
        return {};
    const int side = m_size + 2 * quietZone;
    const auto dark = [this](int x, int y) {
        return isDark(x - quietZone, y - quietZone);
    };
    QString out;
    for (int y = 0; y < side; y += 2) {
        out += QStringLiteral("\x1b[30;47m"); // black on white
        for (int x = 0; x < side; ++x) {
            const bool top = dark(x, y);
            const bool bottom = y + 1 < side && dark(x, y + 1);
            out += top && bottom ? QChar(0x2588) : top ? QChar(0x2580) : bottom ? QChar(0x2584) : QChar(u' ');
        }
        out += QStringLiteral("\x1b[0m\n");
    }
    return out;
}

QImage QrCode::toImage(int moduleSize, const QColor& dark, const QColor& light) const {
    if (isNull() || moduleSize < 1)
        return {};
    const int side = (m_size + 2 * quietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(light);
    const QRgb ink = dark.rgb();
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (!isDark(x, y))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine((y + quietZone) * moduleSize + dy));
                std::fill_n(line + (x + quietZone) * moduleSize, moduleSize, ink);
            }
        }
    }
    return image;
}

QRectF QrCode::paint(QPainter& painter, const QRectF& rect, const QColor& dark, const QColor& light) const {
    if (isNull() || rect.isEmpty())
        return {};
    const int modules = m_size + 2 * quietZone;
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
    for (int y = 0; y < m_size; ++y)
        for (int x = 0; x < m_size; ++x)
            if (isDark(x, y))
                painter.fillRect(QRectF(origin.x() + (x + quietZone) * module, origin.y() + (y + quietZone) * module,
                                        module, module),
                                 dark);
    painter.restore();
    return QRectF(origin, QSizeF(side, side));
}

} // namespace labshare::ui
