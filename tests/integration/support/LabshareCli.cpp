// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabshareCli.h"

#include "Wait.h"
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace labshare::testsupport {

LabshareCli::LabshareCli(const QString& home, const QStringList& arguments)
    : m_arguments(arguments) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    m_process.setProcessEnvironment(env);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_stdout += m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_stderr += m_process.readAllStandardError(); });
    m_process.start(QStringLiteral(LABSHARE_BINARY), arguments);
}

LabshareCli::~LabshareCli() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool LabshareCli::waitToMatch(const QByteArray& text, const QString& pattern, int timeoutMs) {
    const QRegularExpression re(pattern);
    return waitUntil([&] { return re.match(QString::fromUtf8(text)).hasMatch(); }, timeoutMs);
}

bool LabshareCli::waitForOutput(const QString& pattern, int timeoutMs) {
    return waitToMatch(m_stdout, pattern, timeoutMs);
}

bool LabshareCli::waitForError(const QString& pattern, int timeoutMs) {
    return waitToMatch(m_stderr, pattern, timeoutMs);
}

QString LabshareCli::capture(const QString& pattern) const {
    return QRegularExpression(pattern).match(QString::fromUtf8(m_stdout)).captured(1);
}

QString LabshareCli::captureError(const QString& pattern) const {
    return QRegularExpression(pattern).match(QString::fromUtf8(m_stderr)).captured(1);
}

void LabshareCli::write(const QByteArray& bytes) {
    m_process.write(bytes);
}

int LabshareCli::finish(int timeoutMs) {
    m_process.closeWriteChannel();
    if (!waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs))
        return -1;
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString LabshareCli::describe() const {
    return QStringLiteral("labshare %1\n--- output:\n%2")
        .arg(m_arguments.join(QLatin1Char(' ')), QString::fromUtf8(m_stdout + m_stderr));
}

} // namespace labshare::testsupport
