// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace labshare::app {

// One desktop LabShare per user: the first one listens on a local socket in the user's runtime
// directory; a later launch hands its file (if any) to it and ends, so two windows never publish the
// same lab unaware of each other. The headless verbs do not take part.
class SingleInstance : public QObject {
    Q_OBJECT

public:
    // `socketPath` empty: <runtime dir>/labshare-desktop.socket
    explicit SingleInstance(QString socketPath = {}, QObject* parent = nullptr);

    // Asks a running instance to come forward and open `file` (empty: just come forward). True when
    // one answered: this launch should end. Waits at most a moment, before any window exists.
    bool handOff(const QString& file);
    // Becomes the instance later launches hand off to (a socket left by a crashed one is replaced).
    // False only when another instance answers there (it started meanwhile): hand off to it instead.
    // Where no socket can be made, this instance runs on alone (logged).
    bool listen();
    QString socketPath() const { return m_path; }

Q_SIGNALS:
    void activationRequested(const QString& file); // file empty: only bring the window up

private:
    void onNewConnection();

    QString m_path;
    QLocalServer m_server{this}; // a child, so it follows this object to another thread
};

} // namespace labshare::app
