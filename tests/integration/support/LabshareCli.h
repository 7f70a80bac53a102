// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

// One run of the real `labshare` binary with a verb that ends by itself (login, logout, inspect,
// connect), with HOME = `home`. Its stdout and stderr are collected while the caller's event loop
// spins (every wait here spins it), so a test can answer what it prints while it runs; stdin is
// there to write to (connect carries it) until finish().
class LabshareCli {
public:
    LabshareCli(const QString& home, const QStringList& arguments);
    ~LabshareCli(); // kills it if it still runs
    LabshareCli(const LabshareCli&) = delete;
    LabshareCli& operator=(const LabshareCli&) = delete;

    // Waits until stdout (stderr) matches the regular expression `pattern`.
    [[nodiscard]] bool waitForOutput(const QString& pattern, int timeoutMs = 15000);
    [[nodiscard]] bool waitForError(const QString& pattern, int timeoutMs = 15000);
    // The first capture group of `pattern` in stdout (stderr) so far.
    QString capture(const QString& pattern) const;
    QString captureError(const QString& pattern) const;
    void write(const QByteArray& bytes); // to its stdin
    // Closes its stdin and waits for the exit; the exit code, or -1 on a timeout or a crash.
    int finish(int timeoutMs = 20000);
    QByteArray output() const { return m_stdout + m_stderr; } // so far; complete after finish()
    QString errors() const { return QString::fromUtf8(m_stderr); }
    QString describe() const; // the command line and its output, for messages

private:
    [[nodiscard]] bool waitToMatch(const QByteArray& text, const QString& pattern, int timeoutMs);

    QProcess m_process;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace labshare::testsupport
