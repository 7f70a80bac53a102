// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "terminal/TerminalKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace labshare::terminal {

// What a browser may ask a terminal share for, all under a link /t/<key>: the page itself (or, with
// Upgrade: websocket, the terminal's socket), and the two files of xterm.js the page loads.
enum class TerminalRoute { Page, Socket, Script, Style, Refused, NotFound };

struct TerminalRequest {
    TerminalRoute route = TerminalRoute::Refused;
    TerminalRole role = TerminalRole::Student; // whose key the link carries
    QByteArray key;                            // ... which it is (empty when Refused)
};

// Decides a request target ("/t/KEY", "/t/KEY/xterm.js", …) against the share's keys; each key is compared in
// constant time, and anything without one of them is Refused, whatever else it asks for.
TerminalRequest routeTerminalRequest(const QByteArray& target, bool upgrade, const TerminalKeys& keys);

// The resume token a returning page's socket request carries ("/t/KEY?resume=TOKEN": the token a terminal gave
// it, shaped as newTerminalKey() makes them); empty when there is none or it is malformed.
QByteArray resumeTokenOf(const QByteArray& target);

// The answers, each a whole HTTP/1.1 response that closes the connection.
struct TerminalPage {
    Q_DECLARE_TR_FUNCTIONS(labshare::terminal::TerminalPage)

public:
    // The full-window terminal for `node`; the socket is the page's own URL, the files are under /t/`key`. A
    // watcher's page sends no keys and takes the size the instructor's terminal has.
    static QByteArray page(const QString& node, const QByteArray& key, TerminalRole role);
    static QByteArray refusal(); // 403: no key, or a wrong one; nothing about the share
    static QByteArray notFound();
    static QByteArray busy(); // too many connections at once
    static QByteArray file(const QByteArray& contentType, const QByteArray& body);
};

// Debian 12's libjs-xterm ships a browser file of 288 bytes that only require()s "./public/Terminal", which
// browsers cannot load; node-xterm has the same release (3.8.1) as CommonJS modules in
// /usr/share/nodejs/xterm/lib. LabShare serves those to the page as one script: each module wrapped in a
// function, with a small require() that resolves the relative paths they use, exposing `Terminal`.
Result<QByteArray> xtermBundle(const QString& libDir);
QString defaultXtermDir(); // /usr/share/nodejs/xterm/lib, or LABSHARE_XTERM_DIR when set

} // namespace labshare::terminal
