// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

// One run of the real `labshare connect ARGUMENTS` as a student runs it: HOME of its own, the
// session's keychain, stdin and stdout as the stream, the sign-in's code on stderr. Every wait here
// spins the caller's event loop.
class LabshareConnect {
public:
    LabshareConnect(const QString& home, const QStringList& arguments);
    ~LabshareConnect(); // kills it if it still runs
    LabshareConnect(const LabshareConnect&) = delete;
    LabshareConnect& operator=(const LabshareConnect&) = delete;

    [[nodiscard]] bool waitForError(const QString& pattern, int timeoutMs = 15000); // stderr matches
    QString captureError(const QString& pattern) const;                             // the first capture group in stderr
    void write(const QByteArray& bytes);
    [[nodiscard]] bool waitForOutput(const QByteArray& bytes, int timeoutMs = 15000);
    // Closes stdin and waits for the exit: the exit code, or -1 on a timeout or a crash.
    int finish(int timeoutMs = 15000);
    QByteArray output() const { return m_stdout; }
    QString errors() const { return QString::fromUtf8(m_stderr); }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace labshare::testsupport
