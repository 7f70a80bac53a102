// SPDX-License-Identifier: GPL-3.0-or-later
#include "Tools.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>

#include <csignal>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace labshare::testsupport {

QString findTool(const QString& name, const QString& package, QString* error) {
    // sshd lives in /usr/sbin, which is not on every user's PATH.
    QString path = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                                         QStringLiteral("/sbin"), QStringLiteral("/bin")});
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name);
    if (path.isEmpty() && error)
        *error = QStringLiteral("%1 is not installed: install the Debian package %2 (apt-get install %2)")
                     .arg(name, package);
    return path;
}

void stopProcess(QProcess& process, int graceMs) {
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(graceMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

int runTool(const QString& program, const QStringList& arguments, QByteArray* output, int timeoutMs) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        if (output)
            *output = process.errorString().toUtf8();
        return -1;
    }
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    if (output)
        *output = process.readAll();
    if (!finished || process.exitStatus() != QProcess::NormalExit)
        return -1;
    return process.exitCode();
}

void dieWithTheTest(QProcess& process) {
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

void dieWithTheTest(QProcess& process, quint64 openFilesSoft, quint64 openFilesHard) {
    const rlimit limit{rlim_t(openFilesSoft), rlim_t(openFilesHard)};
    process.setChildProcessModifier([limit] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    });
}

QString openFileLimitOf(qint64 pid) {
    QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!limits.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression line(QStringLiteral("^Max open files\\s+(\\S+)\\s+(\\S+)"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = line.match(QString::fromLatin1(limits.readAll()));
    return m.hasMatch() ? m.captured(1) + QLatin1Char(' ') + m.captured(2) : QString();
}

} // namespace labshare::testsupport
