// SPDX-License-Identifier: GPL-3.0-or-later
#include "TinyProxy.h"
#include "FreePort.h"
#include "Tools.h"
#include "Wait.h"

#include <QFile>
#include <QTcpSocket>

namespace labshare::testsupport {

TinyProxy::TinyProxy() {
    dieWithTheTest(m_process);
}

TinyProxy::~TinyProxy() {
    stop();
}

QString TinyProxy::url() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString TinyProxy::log() const {
    QFile file(m_dir.filePath(QStringLiteral("tinyproxy.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool TinyProxy::isRunning() const {
    return m_process.state() != QProcess::NotRunning;
}

bool TinyProxy::start(quint16 connectPort) {
    if (isRunning())
        return true;
    const QString tinyproxy = findTool(QStringLiteral("tinyproxy"), QStringLiteral("tinyproxy"), &m_error);
    if (tinyproxy.isEmpty())
        return false;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    m_port = freeTcpPort();
    if (m_port == 0) {
        m_error = QStringLiteral("no free TCP port on 127.0.0.1");
        return false;
    }
    // No Upstream: tinyproxy itself connects to the relay. No User/Group: it keeps running as us (as root
    // it warns and stays root), so it can write its log in our directory.
    const QString config = QStringLiteral("Port %1\n"
                                          "Listen 127.0.0.1\n"
                                          "Timeout 600\n"
                                          "Allow 127.0.0.1\n"
                                          "ConnectPort %2\n"
                                          "LogLevel Info\n"
                                          "MaxClients 100\n"
                                          "LogFile \"%3\"\n")
                               .arg(m_port)
                               .arg(connectPort)
                               .arg(m_dir.filePath(QStringLiteral("tinyproxy.log")));
    const QString configFile = m_dir.filePath(QStringLiteral("tinyproxy.conf"));
    QFile file(configFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write %1").arg(configFile);
        return false;
    }
    file.close();
    const QString output = m_dir.filePath(QStringLiteral("tinyproxy.out"));
    m_process.setStandardOutputFile(output);
    m_process.setStandardErrorFile(output);
    m_process.start(tinyproxy, {QStringLiteral("-d"), QStringLiteral("-c"), configFile});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(tinyproxy, m_process.errorString());
        return false;
    }
    m_pid = m_process.processId();
    const bool accepting = waitUntil(
        [&] {
            if (!isRunning())
                return true;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            return probe.waitForConnected(200);
        },
        15000);
    if (!accepting || !isRunning()) {
        QFile out(output);
        (void)out.open(QIODevice::ReadOnly);
        m_error = QStringLiteral("tinyproxy did not start listening on 127.0.0.1:%1\nlog:\n%2\noutput:\n%3")
                      .arg(m_port)
                      .arg(log(), QString::fromUtf8(out.readAll()));
        stop();
        return false;
    }
    return true;
}

void TinyProxy::stop() {
    stopProcess(m_process);
}

} // namespace labshare::testsupport
