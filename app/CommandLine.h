// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace labshare::app {

// What the user asked for on the command line. Parsing needs no QCoreApplication, so --help and
// --version work without a display.
struct Invocation {
    enum class Verb { Gui, Inspect, Up, Login, Logout, Help, Version, Invalid };

    Verb verb = Verb::Gui;
    QString file;
    bool json = false;
    QString text; // help text for Help, the message for Invalid
    // up
    QString relay = QStringLiteral("lan://");
    QStringList only;    // NODE or NODE:TYPE/PORT
    QStringList targets; // NODE=HOST
    bool acceptNewHostKey = false;
    bool openAnyway = false;
    // login
    QString issuer;         // empty: the one in the settings
    QString clientId;       // empty: the one in the settings
    bool browser = false;   // the browser flow instead of the device flow
    bool noBrowser = false; // browser flow: print the link instead of opening a browser
};

Invocation parseCommandLine(const QStringList& arguments);

} // namespace labshare::app
