// SPDX-License-Identifier: GPL-3.0-or-later
#include "qr/QrCode.h"

#include <qrencode.h>

namespace labshare::qr {

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

} // namespace labshare::qr
