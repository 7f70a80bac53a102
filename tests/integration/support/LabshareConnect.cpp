// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabshareConnect.h"

#include "Wait.h"

#include <QProcessEnvironment>
#include <QRegularExpression>

namespace labshare::testsupport {

LabshareConnect::LabshareConnect(const QString& home, const QStringList& arguments) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    m_process.setProcessEnvironment(env);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_stdout += m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_stderr += m_process.readAllStandardError(); });
    m_process.start(QStringLiteral(LABSHARE_BINARY), QStringList{QStringLiteral("connect")} + arguments);
}

LabshareConnect::~LabshareConnect() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool LabshareConnect::waitForError(const QString& pattern, int timeoutMs) {
    const QRegularExpression re(pattern);
    return waitUntil([&] { return re.match(QString::fromUtf8(m_stderr)).hasMatch(); }, timeoutMs);
}

QString LabshareConnect::captureError(const QString& pattern) const {
    return QRegularExpression(pattern).match(QString::fromUtf8(m_stderr)).captured(1);
}

void LabshareConnect::write(const QByteArray& bytes) {
    m_process.write(bytes);
}

bool LabshareConnect::waitForOutput(const QByteArray& bytes, int timeoutMs) {
    return waitUntil([&] { return m_stdout.contains(bytes); }, timeoutMs);
}

int LabshareConnect::finish(int timeoutMs) {
    m_process.closeWriteChannel();
    if (!waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

} // namespace labshare::testsupport
