// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace labshare::terminal {

// One answer typed into the terminal before the SSH session exists (login name, password, a
// keyboard-interactive prompt): keys in, what the terminal shows out. Echo off shows nothing of the answer.
// Backspace and Ctrl-U edit, Enter ends, Ctrl-C or Ctrl-D gives up; escape sequences (arrows, function keys)
// and other control bytes are dropped. An answer stops growing at kMaxBytes (OpenSSH's password limit).
class PromptLine {
public:
    static constexpr qsizetype kMaxBytes = 1024;

    explicit PromptLine(bool echo = true)
        : m_echo(echo) {}

    struct Step {
        QByteArray show;                  // for the terminal
        std::optional<QByteArray> answer; // the line, once Enter came
        bool cancelled = false;
        QByteArray rest; // keys after Enter, for whatever comes next
    };
    Step feed(const QByteArray& keys);

    // Text from the node (a prompt, an instruction) made safe to show: CR LF line ends, and no escape
    // sequence or control byte, so a hostile server name or banner cannot drive the student's terminal.
    static QByteArray printable(const QByteArray& text);

private:
    bool m_echo;
    QByteArray m_line;
    int m_escape = 0; // 0: none; 1: after ESC; 2: inside a CSI/SS3 sequence
};

} // namespace labshare::terminal
