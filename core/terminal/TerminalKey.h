// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace labshare::terminal {

// The key a terminal share's handout link carries: 256 random bits from the system's generator, as 43
// base64url characters (no padding), so it fits a URL path. One per share; a re-created share gets a new one.
QByteArray newTerminalKey();

// A terminal share's three links, each with a key of its own: students' terminals, the instructor's own terminal
// (the one the watch link mirrors) and the read-only watch link. A share ticked again gets three new keys.
struct TerminalKeys {
    QByteArray student;
    QByteArray presenter;
    QByteArray watcher;

    static TerminalKeys fresh();
    bool operator==(const TerminalKeys&) const = default;
};

// Whose link a request came with.
enum class TerminalRole { Student, Presenter, Watcher };

// Compares a key a request brought with the share's, in time that does not depend on where they differ.
bool sameTerminalKey(const QByteArray& offered, const QByteArray& key);

} // namespace labshare::terminal
