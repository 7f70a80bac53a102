// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "qr/QrCode.h"

#include <QColor>
#include <QImage>
#include <QRectF>

class QPainter;

namespace labshare::ui {

// One square image, `moduleSize` pixels per module, quiet zone included: (size + 8) * moduleSize.
QImage qrImage(const qr::QrCode& code, int moduleSize = 8, const QColor& dark = Qt::black,
               const QColor& light = Qt::white);

// Paints the code, quiet zone included, as the largest square of whole device pixels per module that fits
// `rect`, centred. Returns the square it covered.
QRectF paintQrCode(QPainter& painter, const qr::QrCode& code, const QRectF& rect, const QColor& dark = Qt::black,
                   const QColor& light = Qt::white);

} // namespace labshare::ui
