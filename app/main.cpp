// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "AuthCommand.h"
#include "CommandLine.h"
#include "ConnectCommand.h"
#include "Console.h"
#include "InspectCommand.h"
#include "NodeLoginCommand.h"
#include "ProgramSetup.h"
#include "UpCommand.h"
#include "common/CoreDumps.h"
#include "tunnel/net/OpenFileLimit.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdio>

using labshare::app::Invocation;

namespace {

// What main() prints itself (help, a mistake on the command line, a missing display) is worded once more
// with a QCoreApplication and the user's translation loaded: parsing needs neither, a translation needs both.
template <typename Words> QString translated(int& argc, char** argv, Words words) {
    QCoreApplication app(argc, argv);
    labshare::app::installTranslations();
    return words();
}

int runVerb(const Invocation& invocation) {
    switch (invocation.verb) {
    case Invocation::Verb::Inspect:
        return labshare::app::runInspect(invocation.file, invocation.json);
    case Invocation::Verb::Up:
        return labshare::app::runUp(invocation);
    case Invocation::Verb::Login:
        return labshare::app::runLogin(invocation);
    case Invocation::Verb::Logout:
        return labshare::app::runLogout();
    case Invocation::Verb::Connect:
        return labshare::app::runConnect(invocation);
    case Invocation::Verb::NodeLogin:
        return labshare::app::runNodeLogin(invocation);
    default:
        return 2;
    }
}

} // namespace

int main(int argc, char** argv) {
    labshare::disableCoreDumps(); // before any secret is read; release builds only
    labshare::app::escapeLogMessages();
    // Every connection LabShare forwards holds descriptors; the soft limit many systems start with (1024)
    // would cap a classroom well below what the caps in ConnectionQuota allow. Every verb, the window too.
    labshare::tunnel::OpenFileLimit::raiseToHard();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Invocation invocation = labshare::app::parseCommandLine(arguments);

    switch (invocation.verb) {
    case Invocation::Verb::Version:
    case Invocation::Verb::Help:
        std::printf("%s\n", qUtf8Printable(translated(
                                argc, argv, [&] { return labshare::app::parseCommandLine(arguments).text; })));
        return 0;
    case Invocation::Verb::Invalid:
        std::fprintf(stderr, "%s\n", qUtf8Printable(translated(argc, argv, [&] {
                         return labshare::app::parseCommandLine(arguments).text;
                     })));
        return 2;
    case Invocation::Verb::Inspect:
    case Invocation::Verb::Up:
    case Invocation::Verb::Login:
    case Invocation::Verb::Logout:
    case Invocation::Verb::Connect:
    case Invocation::Verb::NodeLogin: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        labshare::app::installTranslations();
        return runVerb(invocation);
    }
    case Invocation::Verb::Gui:
        break;
    }
    // Before QApplication exists: without a display Qt would abort (exit 134) with a platform-plugin error.
    if (!labshare::app::missingDisplay(invocation, QProcessEnvironment::systemEnvironment()).isEmpty()) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(translated(argc, argv, [&] {
                         return labshare::app::missingDisplay(invocation, QProcessEnvironment::systemEnvironment());
                     })));
        return 1;
    }
    return labshare::app::runGui(argc, argv, invocation.file);
}
