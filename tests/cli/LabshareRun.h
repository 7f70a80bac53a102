// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace labshare::clitest {

struct Run {
    int exitCode = -1; // -1: a crash, a signal or a timeout
    QByteArray out;
    QByteArray err;
};

// The real labshare binary with no display and no Qt platform (DISPLAY, WAYLAND_DISPLAY and
// QT_QPA_PLATFORM unset) and no containerlab on PATH, as a script on a server would run it.
inline QProcessEnvironment headlessEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    return env;
}

inline Run runLabshare(const QStringList& args, const QString& workDir = QString(),
                       const QProcessEnvironment& env = headlessEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(LABSHARE_BINARY), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// Writes a topology file for a test; false when it cannot.
inline bool writeLab(const QString& path, const QByteArray& yaml) {
    QFile lab(path);
    return lab.open(QIODevice::WriteOnly | QIODevice::Truncate) && lab.write(yaml) == yaml.size();
}

} // namespace labshare::clitest
