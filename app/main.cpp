// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "AuthCommand.h"
#include "CommandLine.h"
#include "ConnectCommand.h"
#include "Console.h"
#include "InspectCommand.h"
#include "UpCommand.h"
#include "common/CoreDumps.h"
#include "tunnel/OpenFileLimit.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdio>

using labshare::app::Invocation;

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
        std::printf("%s\n", qUtf8Printable(invocation.text));
        return 0;
    case Invocation::Verb::Invalid:
        std::fprintf(stderr, "%s\n", qUtf8Printable(invocation.text));
        return 2;
    case Invocation::Verb::Inspect: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        return labshare::app::runInspect(invocation.file, invocation.json);
    }
    case Invocation::Verb::Up: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        return labshare::app::runUp(invocation);
    }
    case Invocation::Verb::Login: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        return labshare::app::runLogin(invocation);
    }
    case Invocation::Verb::Logout: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        return labshare::app::runLogout();
    }
    case Invocation::Verb::Connect: {
        QCoreApplication app(argc, argv);
        labshare::app::applyApplicationIdentity();
        return labshare::app::runConnect(invocation);
    }
    case Invocation::Verb::Gui:
        break;
    }
    // Before QApplication exists: without a display Qt would abort (exit 134) with a platform-plugin error.
    if (const QString problem = labshare::app::missingDisplay(invocation, QProcessEnvironment::systemEnvironment());
        !problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(problem));
        return 1;
    }
    return labshare::app::runGui(argc, argv, invocation.file);
}
