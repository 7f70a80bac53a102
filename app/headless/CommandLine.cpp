// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QFileInfo>

namespace labshare::app {

namespace {

// One message, so that a translation lays its columns out as its words need.
QString usage() {
    return Invocation::tr(
        "Usage:\n"
        "  labshare [FILE]                 open the desktop app, optionally on a topology\n"
        "  labshare inspect FILE [--json]  show the lab's nodes, addresses, publish entries and\n"
        "                                  problems; exit 0 when there is no error, 2 when\n"
        "                                  there is one, 1 when the file cannot be read\n"
        "  labshare up FILE [--relay URL] [--only NODE[:TYPE/PORT]]... [--target NODE=HOST]...\n"
        "              [--json] [--accept-new-host-key] [--open-anyway] [--allow-local-targets]\n"
        "              [--issuer URL --client-id ID] [--for DURATION | --until HH:MM] [-v]\n"
        "                                  publish the lab's ports until SIGINT/SIGTERM, or until the\n"
        "                                  class ends: --for 90m (1h30m, 45s) after the start, --until\n"
        "                                  17:00 local time (tomorrow if past), warned 5 minutes before,\n"
        "                                  then every share stops and up exits 0; relay URLs:\n"
        "                                  lan://[ADDRESS] (the default, no account) or\n"
        "                                  ssh://user@host:port?flavor=openssh&public-host=H\n"
        "                                  &identity=KEY&known-hosts=FILE&auth=agent|key|password|token\n"
        "                                  &bind=ADDRESS&proxy=http://host:port; a node the lab has\n"
        "                                  reached on this computer itself (loopback, its own or a\n"
        "                                  link-local address, a host name, network-mode: host) is\n"
        "                                  left out unless --allow-local-targets or --target says so;\n"
        "                                  -v also prints libssh's own messages\n"
        "  labshare login [--issuer URL] [--client-id ID] [--client-secret SECRET] [--scope SCOPES]\n"
        "                 [--device | --browser [--no-browser] [--redirect-port PORT] [--timeout SECONDS]]\n"
        "                                  sign in with your identity provider (remembered in the\n"
        "                                  keychain) for relays with auth=token; --device (the\n"
        "                                  default) prints a code to enter on any device; the secret\n"
        "                                  is for providers that require one even of installed apps;\n"
        "                                  --redirect-port fixes the browser's return address at\n"
        "                                  http://127.0.0.1:PORT/callback (0: any port again);\n"
        "                                  --scope replaces \"openid email profile offline_access\"\n"
        "  labshare logout                 sign out: revoke the sign-in at the provider and delete it\n"
        "  labshare connect HOST:PORT [--fingerprint SHA256:...] [--accept-new] [--listen ADDR:PORT]\n"
        "                                  reach a share for named people: sign in at the gate (a\n"
        "                                  code on stderr), then carry stdin/stdout (a ProxyCommand)\n"
        "                                  or every connection to --listen\n"
        "  labshare node-login FILE NODE USER [--key KEYFILE] | node-login FILE NODE --forget\n"
        "                                  browser terminals on NODE log students in as USER with the\n"
        "                                  password read from stdin (or the private key in KEYFILE),\n"
        "                                  kept in the keychain for this lab; --forget: students log\n"
        "                                  in themselves again\n"
        "  labshare --version | --help\n");
}

Invocation textOnly(Invocation::Verb verb, const QString& text) {
    Invocation inv;
    inv.verb = verb;
    inv.text = text;
    return inv;
}

Invocation invalid(const QString& message) {
    Invocation inv;
    inv.verb = Invocation::Verb::Invalid;
    inv.text = message + QLatin1Char('\n') + usage();
    return inv;
}

Invocation parseInspect(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::Inspect;
    for (const QString& arg : args) {
        if (arg == QLatin1String("--json"))
            inv.json = true;
        else if (arg == QLatin1String("--help") || arg == QLatin1String("-h"))
            return textOnly(Invocation::Verb::Help, usage());
        else if (arg.startsWith(QLatin1Char('-')) && arg != QLatin1String("-"))
            return invalid(Invocation::tr("labshare inspect: unknown option %1").arg(arg));
        else if (inv.file.isEmpty())
            inv.file = arg;
        else
            return invalid(
                Invocation::tr("labshare inspect: one topology file at a time (got %1 and %2)").arg(inv.file, arg));
    }
    if (inv.file.isEmpty())
        return invalid(Invocation::tr("labshare inspect: name a topology file"));
    return inv;
}

Invocation parseUp(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::Up;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const auto value = [&](QString& into) {
            if (i + 1 >= args.size())
                return false;
            into = args.at(++i);
            return true;
        };
        QString v;
        if (arg == QLatin1String("--json")) {
            inv.json = true;
        } else if (arg == QLatin1String("--accept-new-host-key")) {
            inv.acceptNewHostKey = true;
        } else if (arg == QLatin1String("--open-anyway")) {
            inv.openAnyway = true;
        } else if (arg == QLatin1String("--allow-local-targets")) {
            inv.allowLocalTargets = true;
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--verbose")) {
            inv.verbose = true;
        } else if (arg == QLatin1String("--issuer") || arg == QLatin1String("--client-id")) {
            if (!value(arg == QLatin1String("--issuer") ? inv.issuer : inv.clientId))
                return invalid(Invocation::tr("labshare up: %1 needs a value").arg(arg));
        } else if (arg == QLatin1String("--relay")) {
            if (!value(inv.relay))
                return invalid(Invocation::tr("labshare up: --relay needs a URL"));
        } else if (arg == QLatin1String("--only")) {
            if (!value(v))
                return invalid(Invocation::tr("labshare up: --only needs NODE or NODE:TYPE/PORT"));
            inv.only << v;
        } else if (arg == QLatin1String("--for") || arg == QLatin1String("--until")) {
            if (!inv.endFor.isEmpty() || !inv.endAt.isEmpty())
                return invalid(Invocation::tr("labshare up: give --for or --until once"));
            if (!value(arg == QLatin1String("--for") ? inv.endFor : inv.endAt))
                return invalid(Invocation::tr("labshare up: %1 needs a value").arg(arg));
        } else if (arg == QLatin1String("--target")) {
            if (!value(v) || !v.contains(QLatin1Char('=')))
                return invalid(Invocation::tr("labshare up: --target needs NODE=HOST"));
            inv.targets << v;
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            return textOnly(Invocation::Verb::Help, usage());
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return invalid(Invocation::tr("labshare up: unknown option %1").arg(arg));
        } else if (inv.file.isEmpty()) {
            inv.file = arg;
        } else {
            return invalid(
                Invocation::tr("labshare up: one topology file at a time (got %1 and %2)").arg(inv.file, arg));
        }
    }
    if (inv.file.isEmpty())
        return invalid(Invocation::tr("labshare up: name a topology file"));
    return inv;
}

Invocation parseConnect(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::Connect;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--fingerprint") || arg == QLatin1String("--listen")) {
            if (i + 1 >= args.size())
                return invalid(Invocation::tr("labshare connect: %1 needs a value").arg(arg));
            (arg == QLatin1String("--fingerprint") ? inv.fingerprint : inv.listen) = args.at(++i);
        } else if (arg == QLatin1String("--accept-new")) {
            inv.acceptNew = true;
        } else if (arg.startsWith(QLatin1Char('-')) || !inv.file.isEmpty()) {
            return invalid(Invocation::tr("labshare connect: unknown argument %1").arg(arg));
        } else {
            inv.file = arg;
        }
    }
    if (inv.file.isEmpty())
        return invalid(Invocation::tr("labshare connect: name the share's HOST:PORT"));
    if (!inv.fingerprint.isEmpty() && !inv.fingerprint.startsWith(QLatin1String("SHA256:")))
        return invalid(Invocation::tr("labshare connect: --fingerprint wants SHA256:… as the handout shows it"));
    return inv;
}

Invocation parseNodeLogin(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::NodeLogin;
    QStringList words;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--key")) {
            if (i + 1 >= args.size())
                return invalid(Invocation::tr("labshare node-login: --key needs a file"));
            inv.keyFile = args.at(++i);
        } else if (arg == QLatin1String("--forget")) {
            inv.forget = true;
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return invalid(Invocation::tr("labshare node-login: unknown argument %1").arg(arg));
        } else {
            words << arg;
        }
    }
    const qsizetype wanted = inv.forget ? 2 : 3;
    if (words.size() != wanted || (inv.forget && !inv.keyFile.isEmpty()))
        return invalid(inv.forget ? Invocation::tr("labshare node-login: --forget takes the lab file and the node")
                                  : Invocation::tr("labshare node-login: give the lab file, the node and the user"));
    inv.file = words.at(0);
    inv.node = words.at(1);
    if (!inv.forget)
        inv.loginUser = words.at(2);
    return inv;
}

Invocation parseLogin(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::Login;
    bool device = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const bool takesValue = arg == QLatin1String("--issuer") || arg == QLatin1String("--client-id") ||
                                arg == QLatin1String("--client-secret") || arg == QLatin1String("--redirect-port") ||
                                arg == QLatin1String("--timeout") || arg == QLatin1String("--scope");
        if (takesValue && i + 1 >= args.size())
            return invalid(Invocation::tr("labshare login: %1 needs a value").arg(arg));
        if (arg == QLatin1String("--issuer")) {
            inv.issuer = args.at(++i);
        } else if (arg == QLatin1String("--client-id")) {
            inv.clientId = args.at(++i);
        } else if (arg == QLatin1String("--scope")) {
            inv.scope = args.at(++i).simplified();
            if (!inv.scope.split(QLatin1Char(' ')).contains(QLatin1String("openid")))
                return invalid(
                    Invocation::tr("labshare login: --scope must include openid (got \"%1\")").arg(inv.scope));
        } else if (arg == QLatin1String("--client-secret")) {
            inv.clientSecret = args.at(++i);
            inv.clientSecretGiven = true;
        } else if (arg == QLatin1String("--redirect-port")) {
            bool ok = false;
            inv.redirectPort = args.at(++i).toInt(&ok);
            if (!ok || inv.redirectPort < 0 || inv.redirectPort > 65535)
                return invalid(Invocation::tr("labshare login: --redirect-port wants a port from 1 to 65535, or 0 for "
                                              "any port (got %1)")
                                   .arg(args.at(i)));
        } else if (arg == QLatin1String("--timeout")) {
            bool ok = false;
            inv.signInTimeout = args.at(++i).toInt(&ok);
            if (!ok || inv.signInTimeout < 10 || inv.signInTimeout > 3600)
                return invalid(
                    Invocation::tr("labshare login: --timeout wants seconds from 10 to 3600 (got %1)").arg(args.at(i)));
        } else if (arg == QLatin1String("--device")) {
            device = true;
        } else if (arg == QLatin1String("--browser")) {
            inv.browser = true;
        } else if (arg == QLatin1String("--no-browser")) {
            inv.noBrowser = true;
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            return textOnly(Invocation::Verb::Help, usage());
        } else {
            return invalid(Invocation::tr("labshare login: unknown argument %1").arg(arg));
        }
    }
    if (device && inv.browser)
        return invalid(Invocation::tr("labshare login: choose --device or --browser, not both"));
    if (inv.noBrowser && !inv.browser)
        return invalid(Invocation::tr("labshare login: --no-browser goes with --browser"));
    if (inv.signInTimeout > 0 && !inv.browser)
        return invalid(Invocation::tr("labshare login: --timeout goes with --browser (a device code has its own "
                                      "expiry)"));
    return inv;
}

} // namespace

Invocation parseCommandLine(const QStringList& arguments) {
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return {};
    const QString& first = args.constFirst();
    if (first == QLatin1String("--version") || first == QLatin1String("-v"))
        return textOnly(Invocation::Verb::Version, QStringLiteral("labshare " LABSHARE_VERSION));
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help"))
        return textOnly(Invocation::Verb::Help, usage());
    if (first == QLatin1String("inspect"))
        return parseInspect(args.mid(1));
    if (first == QLatin1String("up"))
        return parseUp(args.mid(1));
    if (first == QLatin1String("connect"))
        return parseConnect(args.mid(1));
    if (first == QLatin1String("login"))
        return parseLogin(args.mid(1));
    if (first == QLatin1String("node-login"))
        return parseNodeLogin(args.mid(1));
    if (first == QLatin1String("logout")) {
        if (args.size() > 1)
            return invalid(Invocation::tr("labshare logout: takes no arguments (got %1)").arg(args.at(1)));
        Invocation inv;
        inv.verb = Invocation::Verb::Logout;
        return inv;
    }
    // Qt's own GUI options (-platform offscreen, -style fusion, -reverse, …) pass through to the window's Qt.
    static const QStringList qtOptionsWithValue = {
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-style"),           QStringLiteral("-stylesheet"),
        QStringLiteral("-display"),         QStringLiteral("-geometry"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowtitle"),
        QStringLiteral("-qwindowicon"),     QStringLiteral("-session")};
    Invocation inv;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (qtOptionsWithValue.contains(arg)) {
            inv.displayGiven |= arg == QLatin1String("-platform") || arg == QLatin1String("-display");
            ++i;
            continue;
        }
        if (arg.startsWith(QLatin1Char('-')))
            continue;
        if (!inv.file.isEmpty())
            return invalid(Invocation::tr("labshare: one topology file at a time (got %1 and %2)").arg(inv.file, arg));
        inv.file = arg;
    }
    if (inv.file.isEmpty() || QFileInfo::exists(inv.file))
        return inv;
    const bool looksLikeAFile = inv.file.contains(QLatin1Char('/')) ||
                                inv.file.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive) ||
                                inv.file.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive);
    if (!looksLikeAFile)
        return invalid(Invocation::tr("labshare: unknown command '%1' (the commands are inspect, up, login, "
                                      "logout, connect and node-login; labshare FILE opens a topology file)")
                           .arg(inv.file));
    Invocation missing;
    missing.verb = Invocation::Verb::Invalid;
    missing.text = Invocation::tr("labshare: no such file: %1").arg(inv.file);
    return missing;
}

QString missingDisplay(const Invocation& invocation, const QProcessEnvironment& environment) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    if (invocation.displayGiven)
        return {};
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        if (!environment.value(QLatin1String(name)).isEmpty())
            return {};
    return Invocation::tr("labshare: no display: the desktop app needs one (DISPLAY or WAYLAND_DISPLAY is unset); "
                          "the headless verbs are inspect, up, login, logout, connect and node-login");
#else
    Q_UNUSED(invocation)
    Q_UNUSED(environment)
    return {};
#endif
}

} // namespace labshare::app
