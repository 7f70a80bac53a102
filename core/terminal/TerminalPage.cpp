// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal/TerminalPage.h"
#include "terminal/TerminalKey.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>

namespace labshare::terminal {

namespace {

QByteArray response(const QByteArray& status, const QByteArray& contentType, const QByteArray& body) {
    return "HTTP/1.1 " + status +
           "\r\n"
           "Content-Type: " +
           contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n"
           "Cache-Control: no-store\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Connection: close\r\n\r\n" +
           body;
}

QByteArray htmlEscaped(const QString& text) {
    return text.toHtmlEscaped().toUtf8();
}

// The page's script: an xterm.js terminal filling the window, its socket on the page's own URL, a status
// line naming the node, resizes sent as "r<cols>x<rows>", keys as "i<text>", and a reconnect after a drop that
// brings back the same shell with the token the terminal gave ("k<token>"). A watcher's page sends nothing; it
// takes the instructor's terminal size ("z<cols>x<rows>") and starts afresh when told ("c").
const char kScript[] = R"JS(
(function () {
  var status = document.getElementById('status');
  var term = new Terminal({ cursorBlink: true, scrollback: 5000, rendererType: 'dom' });
  term.open(document.getElementById('terminal'));
  var socket = null, node = document.body.dataset.node, ended = false, decoder = new TextDecoder(), resume = '';
  var watching = document.body.dataset.watch === '1'; // read-only: the instructor's terminal, at its size
  function say(text) { status.textContent = node + ' \u2014 ' + text; }
  function fit() {
    if (watching) return;
    var core = term._core || term, dims = core.renderer && core.renderer.dimensions;
    if (!dims || !dims.actualCellWidth) return;
    var box = document.getElementById('terminal');
    var cols = Math.max(2, Math.floor(box.clientWidth / dims.actualCellWidth));
    var rows = Math.max(1, Math.floor(box.clientHeight / dims.actualCellHeight));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    if (socket && socket.readyState === 1) socket.send('r' + term.cols + 'x' + term.rows);
  }
  function connect() {
    var url = location.href.replace(/^http/, 'ws').replace(/[?#].*$/, '');
    if (resume) url += '?resume=' + resume; // the same shell, if it still waits for us
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    say('connecting');
    socket.onopen = function () { say('connected'); fit(); };
    socket.onmessage = function (e) {
      if (typeof e.data === 'string') {
        if (e.data.charAt(0) === 's') say(e.data.substring(1));
        if (e.data.charAt(0) === 'e') ended = true;
        if (e.data.charAt(0) === 'k') resume = e.data.substring(1);
        if (e.data.charAt(0) === 'z') {
          var size = e.data.substring(1).split('x');
          term.resize(parseInt(size[0], 10), parseInt(size[1], 10));
        }
        if (e.data.charAt(0) === 'c') term.reset();
        return;
      }
      term.write(decoder.decode(new Uint8Array(e.data), { stream: true }));
    };
    socket.onclose = function () {
      if (ended) { say('session ended'); return; }
      say('connection lost, reconnecting');
      setTimeout(connect, 1000);
    };
  }
  if (!watching)
    term.on('data', function (data) { if (socket && socket.readyState === 1) socket.send('i' + data); });
  window.addEventListener('resize', fit);
  connect();
  term.focus();
})();
)JS";

// A CommonJS require() for the wrapped modules: "./x" and "../x" resolved against the requiring module.
const char kLoader[] = R"JS(
var Terminal = (function () {
  var defs = {}, cache = {};
  function define(name, fn) { defs[name] = fn; }
  function resolve(from, path) {
    var parts = from.split('/'); parts.pop();
    path.split('/').forEach(function (p) {
      if (p === '..') parts.pop(); else if (p !== '.') parts.push(p);
    });
    return parts.join('/');
  }
  function load(name) {
    if (cache[name]) return cache[name].exports;
    if (!defs[name]) throw new Error('xterm module missing: ' + name);
    var module = { exports: {} };
    cache[name] = module;
    defs[name](function (p) { return load(resolve(name, p)); }, module, module.exports);
    return module.exports;
  }
)JS";

} // namespace

TerminalRequest routeTerminalRequest(const QByteArray& target, bool upgrade, const TerminalKeys& keys) {
    QByteArray path = target;
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);
    if (!path.startsWith("/t/"))
        return {};
    const QByteArray rest = path.mid(3);
    const qsizetype slash = rest.indexOf('/');
    const QByteArray offered = slash < 0 ? rest : rest.left(slash);
    TerminalRequest request;
    // Every key is compared, whichever matches: the time taken says nothing about which one did.
    const bool student = sameTerminalKey(offered, keys.student);
    const bool presenter = sameTerminalKey(offered, keys.presenter);
    const bool watcher = sameTerminalKey(offered, keys.watcher);
    if (!student && !presenter && !watcher)
        return request;
    request.role = presenter ? TerminalRole::Presenter : watcher ? TerminalRole::Watcher : TerminalRole::Student;
    request.key = offered;
    const QByteArray file = slash < 0 ? QByteArray() : rest.mid(slash);
    if (file.isEmpty() || file == "/")
        request.route = upgrade ? TerminalRoute::Socket : TerminalRoute::Page;
    else if (upgrade)
        request.route = TerminalRoute::NotFound;
    else if (file == "/xterm.js")
        request.route = TerminalRoute::Script;
    else if (file == "/xterm.css")
        request.route = TerminalRoute::Style;
    else
        request.route = TerminalRoute::NotFound;
    return request;
}

QByteArray resumeTokenOf(const QByteArray& target) {
    const qsizetype query = target.indexOf('?');
    if (query < 0)
        return {};
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    for (const QByteArray& item : target.mid(query + 1).split('&'))
        if (item.startsWith("resume=") && token.match(QLatin1String(item.mid(7))).hasMatch())
            return item.mid(7);
    return {};
}

QByteArray TerminalPage::page(const QString& node, const QByteArray& key, TerminalRole role) {
    const QByteArray title =
        htmlEscaped(role == TerminalRole::Watcher ? tr("Watching %1").arg(node) : tr("Terminal on %1").arg(node));
    const QByteArray base = "/t/" + key; // a relative link from /t/KEY would lose the key
    const QByteArray body = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            "<title>" +
                            title +
                            "</title>"
                            "<link rel=\"stylesheet\" href=\"" +
                            base + "/xterm.css" +
                            "\">"
                            "<style>html,body{margin:0;height:100%;background:#000;color:#ddd;"
                            "font-family:sans-serif}#status{height:22px;line-height:22px;padding:0 8px;"
                            "background:#223;font-size:13px}#terminal{position:absolute;top:22px;left:0;right:0;"
                            "bottom:0}</style></head>"
                            "<body data-node=\"" +
                            htmlEscaped(node) + "\"" + (role == TerminalRole::Watcher ? " data-watch=\"1\"" : "") +
                            "><div id=\"status\">" + htmlEscaped(node) +
                            "</div><div id=\"terminal\"></div>"
                            "<script src=\"" +
                            base + "/xterm.js\"></script><script>" + QByteArray(kScript) + "</script></body></html>\n";
    return response("200 OK", "text/html; charset=utf-8", body);
}

QByteArray TerminalPage::refusal() {
    return response("403 Forbidden", "text/plain; charset=utf-8",
                    tr("This terminal needs the full link your instructor handed out.").toUtf8() + '\n');
}

QByteArray TerminalPage::notFound() {
    return response("404 Not Found", "text/plain; charset=utf-8", "Not found\n");
}

QByteArray TerminalPage::busy() {
    return response("503 Service Unavailable", "text/plain; charset=utf-8",
                    tr("Too many connections to this terminal at once; try again shortly.").toUtf8() + '\n');
}

QByteArray TerminalPage::file(const QByteArray& contentType, const QByteArray& body) {
    return response("200 OK", contentType, body);
}

QString defaultXtermDir() {
    const QString dir = qEnvironmentVariable("LABSHARE_XTERM_DIR");
    return dir.isEmpty() ? QStringLiteral("/usr/share/nodejs/xterm/lib") : dir;
}

Result<QByteArray> xtermBundle(const QString& libDir) {
    const QDir root(libDir);
    if (!QFile::exists(root.filePath(QStringLiteral("public/Terminal.js"))))
        return makeError(ErrorCode::BadInput,
                         TerminalPage::tr("xterm.js is not installed (%1 has no public/Terminal.js): install the "
                                          "Debian package node-xterm")
                             .arg(QDir::toNativeSeparators(libDir)));
    QByteArray out = kLoader;
    QDirIterator it(libDir, {QStringLiteral("*.js")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString& path : std::as_const(files)) {
        if (path.endsWith(QLatin1String(".test.js")))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QString name = root.relativeFilePath(path);
        name.chop(3); // ".js"
        out += "define('./" + name.toUtf8() + "', function (require, module, exports) {\n" + file.readAll() + "\n});\n";
    }
    out += "  return load('./public/Terminal').Terminal;\n})();\n";
    return out;
}

} // namespace labshare::terminal
