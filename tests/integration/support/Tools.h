// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QProcess;

namespace labshare::testsupport {

// The absolute path of an external program the integration tests drive (sshd, ssh-keygen, tinyproxy, ss),
// looked up in the sbin and bin directories and then PATH. When it is missing, returns an empty string and
// sets `error` to a message naming the Debian package that provides it: tests fail with it, never skip.
[[nodiscard]] QString findTool(const QString& name, const QString& package, QString* error);

// Runs `program arguments` to completion (at most `timeoutMs`) and returns its exit code, or -1 when it
// could not start, crashed or timed out; `output` receives stdout and stderr merged.
int runTool(const QString& program, const QStringList& arguments, QByteArray* output, int timeoutMs = 30000);

// Ends a started child: SIGTERM, then SIGKILL if it has not exited within `graceMs`.
void stopProcess(QProcess& process, int graceMs = 10000);

// Makes the kernel SIGKILL the program `process` starts when the test process dies (Linux
// PR_SET_PDEATHSIG): a test killed by ctest's timeout or a closed pipe leaves no sshd, tinyproxy or
// labshare behind. Call before start().
void dieWithTheTest(QProcess& process);
// The same, and the program starts with these open-file limits (RLIMIT_NOFILE), as under
// `prlimit --nofile=SOFT:HARD`.
void dieWithTheTest(QProcess& process, quint64 openFilesSoft, quint64 openFilesHard);

// The open-file limits of process `pid` as /proc/PID/limits shows them: "SOFT HARD" ("4096 4096"); empty
// when it cannot be read.
QString openFileLimitOf(qint64 pid);

} // namespace labshare::testsupport
