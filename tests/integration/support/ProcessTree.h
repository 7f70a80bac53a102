// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace labshare::testsupport::ProcessTree {

// Every live process below `pid` (children, grandchildren, ...), read from /proc. Zombies count as gone.
[[nodiscard]] QList<qint64> descendants(qint64 pid);

// Whether `pid` is `root` or one of its live descendants.
[[nodiscard]] bool contains(qint64 root, qint64 pid);

// Whether `pid` exists and is not a zombie.
[[nodiscard]] bool isAlive(qint64 pid);

// Sends `signal` to `root` and every process below it. sshd starts each connection in a session of its
// own, so a process-group signal would miss them: the tree is frozen with SIGSTOP first (a stopped process
// cannot fork), collected until it stops growing, then signalled and resumed.
void signalTree(qint64 root, int signal);

} // namespace labshare::testsupport::ProcessTree
