// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace labshare::share {
class ShareSession;
}

namespace labshare::app {

struct Invocation;

// `labshare node-login FILE NODE USER [--key KEYFILE]`: the login browser terminals on NODE use instead of
// asking students (the password read from stdin, hidden on a terminal, or the private key in KEYFILE), kept in
// the keychain for this lab; `labshare node-login FILE NODE --forget` lets students log in themselves again.
int runNodeLogin(const Invocation& inv);

// `labshare up`: gives `session` the logins set for `nodes` of its lab, waiting for the keychain (before the
// verb's own event loop starts). Says which nodes have one; problems are printed, and those nodes' students
// log in themselves.
void loadNodeLogins(share::ShareSession& session, const QStringList& nodes);

} // namespace labshare::app
