// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

// One run of the real `labshare` binary with a verb that ends by itself (login, logout, inspect),
// with HOME = `home`. Its stdout is collected while the caller's event loop spins (every wait here
// spins it), so a test can answer what it prints while it runs.
class LabshareCli {
public:
    LabshareCli(const QString& home, const QStringList& arguments);
    ~LabshareCli(); // kills it if it still runs
    LabshareCli(const LabshareCli&) = delete;
    LabshareCli& operator=(const LabshareCli&) = delete;

    // Waits until stdout matches the regular expression `pattern`.
    [[nodiscard]] bool waitForOutput(const QString& pattern, int timeoutMs = 15000);
    // The first capture group of `pattern` in stdout so far.
    QString capture(const QString& pattern) const;
    // Waits for the exit; the exit code, or -1 on a timeout or a crash.
    int finish(int timeoutMs = 20000);
    QByteArray output() const { return m_stdout + m_stderr; } // so far; complete after finish()
    QString describe() const;                                 // the command line and its output, for messages

private:
    QProcess m_process;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace labshare::testsupport
