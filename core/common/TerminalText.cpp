// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/TerminalText.h"

namespace labshare {

namespace {

bool isBidiControl(char16_t c) {
    return c == 0x061c                      // Arabic letter mark
           || c == 0x200e || c == 0x200f    // left-to-right and right-to-left marks
           || (c >= 0x202a && c <= 0x202e)  // embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069); // isolates
}

bool isLineSeparator(char16_t c) {
    return c == 0x2028 || c == 0x2029;
}

QString hex(char16_t c, int width) {
    return QString::number(c, 16).rightJustified(width, QLatin1Char('0'));
}

} // namespace

QString escapeJsonForTerminal(const QString& json) {
    QString out;
    out.reserve(json.size());
    for (const QChar ch : json) {
        const char16_t c = ch.unicode();
        if ((c < 0x20 && c != u'\n') || (c >= 0x7f && c <= 0x9f) || isBidiControl(c) || isLineSeparator(c))
            out += QStringLiteral("\\u") + hex(c, 4);
        else
            out += ch;
    }
    return out;
}

QString escapeForTerminal(const QString& text, LineBreaks lineBreaks) {
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\n' && lineBreaks == LineBreaks::Keep)
            out += ch;
        else if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            out += QStringLiteral("\\x") + hex(c, 2);
        else if (isBidiControl(c) || isLineSeparator(c))
            out += QStringLiteral("\\u") + hex(c, 4);
        else
            out += ch;
    }
    return out;
}

} // namespace labshare
