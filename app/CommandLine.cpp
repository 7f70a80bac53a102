// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

namespace labshare::app {

namespace {

const char* const kUsage = "Usage:\n"
                           "  labshare [FILE]                 open the desktop app, optionally on a topology\n"
                           "  labshare inspect FILE [--json]  show the lab's nodes, addresses, publish entries and\n"
                           "                                  problems; exit 0 when there is no error, 2 when\n"
                           "                                  there is one, 1 when the file cannot be read\n"
                           "  labshare --version | --help\n";

Invocation invalid(const QString& message) {
    Invocation inv;
    inv.verb = Invocation::Verb::Invalid;
    inv.text = message + QLatin1Char('\n') + QLatin1String(kUsage);
    return inv;
}

Invocation parseInspect(const QStringList& args) {
    Invocation inv;
    inv.verb = Invocation::Verb::Inspect;
    for (const QString& arg : args) {
        if (arg == QLatin1String("--json"))
            inv.json = true;
        else if (arg == QLatin1String("--help") || arg == QLatin1String("-h"))
            return {Invocation::Verb::Help, {}, false, QLatin1String(kUsage)};
        else if (arg.startsWith(QLatin1Char('-')) && arg != QLatin1String("-"))
            return invalid(QStringLiteral("labshare inspect: unknown option %1").arg(arg));
        else if (inv.file.isEmpty())
            inv.file = arg;
        else
            return invalid(
                QStringLiteral("labshare inspect: one topology file at a time (got %1 and %2)").arg(inv.file, arg));
    }
    if (inv.file.isEmpty())
        return invalid(QStringLiteral("labshare inspect: name a topology file"));
    return inv;
}

} // namespace

Invocation parseCommandLine(const QStringList& arguments) {
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return {};
    const QString& first = args.constFirst();
    if (first == QLatin1String("--version") || first == QLatin1String("-v"))
        return {Invocation::Verb::Version, {}, false, QStringLiteral("labshare " LABSHARE_VERSION)};
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help"))
        return {Invocation::Verb::Help, {}, false, QLatin1String(kUsage)};
    if (first == QLatin1String("inspect"))
        return parseInspect(args.mid(1));
    // Qt's own GUI options (-platform offscreen, -style fusion, -reverse, …) pass through to QApplication.
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
            ++i;
            continue;
        }
        if (arg.startsWith(QLatin1Char('-')))
            continue;
        if (!inv.file.isEmpty())
            return invalid(QStringLiteral("labshare: one topology file at a time (got %1 and %2)").arg(inv.file, arg));
        inv.file = arg;
    }
    return inv;
}

} // namespace labshare::app
