// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal/PromptLine.h"

namespace labshare::terminal {

PromptLine::Step PromptLine::feed(const QByteArray& keys) {
    Step step;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto c = static_cast<unsigned char>(keys.at(i));
        if (m_escape == 1) {
            m_escape = (c == '[' || c == 'O') ? 2 : 0;
            continue;
        }
        if (m_escape == 2) {
            if (c >= 0x40 && c <= 0x7E)
                m_escape = 0;
            continue;
        }
        if (c == 0x1B) {
            m_escape = 1;
        } else if (c == '\r' || c == '\n') {
            step.show += "\r\n";
            step.answer = std::exchange(m_line, {});
            // A browser sends Enter as CR; swallow an LF right after it.
            qsizetype next = i + 1;
            if (c == '\r' && next < keys.size() && keys.at(next) == '\n')
                ++next;
            step.rest = keys.mid(next);
            return step;
        } else if (c == 0x03 || c == 0x04) {
            step.show += "^C\r\n";
            step.cancelled = true;
            m_line.clear();
            return step;
        } else if (c == 0x7F || c == 0x08) {
            if (m_line.isEmpty())
                continue;
            // Remove one UTF-8 character: continuation bytes, then its lead byte.
            while (!m_line.isEmpty() && (static_cast<unsigned char>(m_line.back()) & 0xC0) == 0x80)
                m_line.chop(1);
            m_line.chop(1);
            if (m_echo)
                step.show += "\b \b";
        } else if (c == 0x15) {
            if (m_echo)
                for (qsizetype n = 0; n < m_line.size(); ++n)
                    if ((static_cast<unsigned char>(m_line.at(n)) & 0xC0) != 0x80)
                        step.show += "\b \b";
            m_line.clear();
        } else if (c >= 0x20 && m_line.size() < kMaxBytes) {
            m_line += char(c);
            if (m_echo)
                step.show += char(c);
        }
    }
    return step;
}

QByteArray PromptLine::printable(const QByteArray& text) {
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char ch = text.at(i);
        const auto c = static_cast<unsigned char>(ch);
        // U+0080..U+009F (C2 80..C2 9F in UTF-8) are the C1 controls, CSI among them: dropped too.
        if (c == 0xC2 && i + 1 < text.size() && (static_cast<unsigned char>(text.at(i + 1)) & 0xE0) == 0x80) {
            ++i;
            continue;
        }
        if (c == '\n')
            out += "\r\n";
        else if (c == '\t' || (c >= 0x20 && c != 0x7F))
            out += ch;
    }
    return out;
}

} // namespace labshare::terminal
