// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace labshare::qr {

// A QR code made with libqrencode (the one place it is used): error correction level M, the
// smallest version that holds the text as UTF-8. The terminal rendering is here, for the headless verbs;
// images and painting are the window's (ui/qr/QrPicture).
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

    // The code for a terminal, quiet zone included: two module rows per line in half blocks (▀ ▄ █),
    // black on white whatever the terminal's own colours (ANSI), each line reset at its end.
    QString toTerminalText() const;

private:
    int m_version = 0;
    int m_size = 0;
    QByteArray m_modules; // size * size, row-major, 1 = dark
};

} // namespace labshare::qr
