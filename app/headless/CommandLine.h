// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace labshare::app {

// What the user asked for on the command line. Parsing needs no QCoreApplication, so --help and
// --version work without a display.
struct Invocation {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::Invocation)

public:
    enum class Verb { Gui, Inspect, Up, Login, Logout, Connect, NodeLogin, Help, Version, Invalid };

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
    bool allowLocalTargets = false; // publish lab targets on this computer itself
    QString endFor;                 // --for DURATION (90m, 1h30m): every share ends that long after the start
    QString endAt;                  // --until HH:MM (local time; tomorrow when already past)
    bool verbose = false;           // -v: libssh's own messages on stderr too
    // login
    QString issuer;         // empty: the one in the settings
    QString clientId;       // empty: the one in the settings
    bool browser = false;   // the browser flow instead of the device flow
    bool noBrowser = false; // browser flow: print the link instead of opening a browser
    QString scope;          // empty: the one in the settings
    QString clientSecret;
    bool clientSecretGiven = false;
    int redirectPort = -1; // -1: the one in the settings; 0: any port
    int signInTimeout = 0; // seconds the browser flow waits; 0: the default
    // connect (the share's HOST:PORT is in `file`)
    QString fingerprint;    // the gate's key, from the handout
    bool acceptNew = false; // trust the key the gate shows (and remember it)
    QString listen;         // ADDR:PORT to carry local connections from; empty: stdin/stdout
    // node-login (the lab in `file`)
    QString node;
    QString loginUser;
    QString keyFile;     // --key: a private key instead of a password from stdin
    bool forget = false; // --forget: students log in themselves again
    // gui
    bool displayGiven = false; // -platform or -display on the command line
};

// A first word that is no verb opens the app on that file when it exists. A word that does not exist and
// looks like a verb (no '/', no .yml/.yaml suffix) is an unknown command; any other path that does not
// exist is "no such file". Both are Invalid (exit 2), decided before anything needs a display.
Invocation parseCommandLine(const QStringList& arguments);

// Why the desktop app cannot start in `environment`, or empty when it can. On X11 and Wayland systems it
// needs DISPLAY, WAYLAND_DISPLAY, QT_QPA_PLATFORM or -platform/-display; without one Qt aborts.
QString missingDisplay(const Invocation& invocation, const QProcessEnvironment& environment);

} // namespace labshare::app
