// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QString>

class QPainter;

namespace labshare::ui {

// A QR code made with libqrencode (the one place it is used): error correction level M, the
// smallest version that holds the text as UTF-8, rendered with a quiet zone.
class QrCode {
public:
    // The border of light modules scanners need around a code (ISO/IEC 18004 asks for 4).
    static constexpr int quietZone = 4;

    QrCode() = default;
    // A null code when the text is empty or too long for any version.
    static QrCode encode(const QString& text);

    bool isNull() const { return m_size == 0; }
    int version() const { return m_version; }
    int size() const { return m_size; } // modules per side, without the quiet zone
    bool isDark(int x, int y) const;

    // One square image, `moduleSize` pixels per module, quiet zone included: (size + 8) * moduleSize.
    QImage toImage(int moduleSize = 8, const QColor& dark = Qt::black, const QColor& light = Qt::white) const;
    // The code for a terminal, quiet zone included: two module rows per line in half blocks (▀ ▄ █),
    // black on white whatever the terminal's own colours (ANSI), each line reset at its end.
    QString toTerminalText() const;
    // Paints the code, quiet zone included, as the largest square of whole device pixels per module
    // that fits `rect`, centred. Returns the square it covered.
    QRectF paint(QPainter& painter, const QRectF& rect, const QColor& dark = Qt::black,
                 const QColor& light = Qt::white) const;

private:
    int m_version = 0;
    int m_size = 0;
    QByteArray m_modules; // size * size, row-major, 1 = dark
};

} // namespace labshare::ui
