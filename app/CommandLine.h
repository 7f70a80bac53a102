// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace labshare::app {

// What the user asked for on the command line. Parsing needs no QCoreApplication, so --help and
// --version work without a display.
struct Invocation {
    enum class Verb { Gui, Inspect, Help, Version, Invalid };

    Verb verb = Verb::Gui;
    QString file;
    bool json = false;
    QString text; // help text for Help, the message for Invalid
};

Invocation parseCommandLine(const QStringList& arguments);

} // namespace labshare::app
