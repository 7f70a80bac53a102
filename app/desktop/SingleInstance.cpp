// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"
#include "DesktopLogging.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>

namespace labshare::app {

namespace {

// One request per connection: "open <absolute path>\n" or "show\n"; the answer is "ok\n".
constexpr int kAnswerTimeoutMs = 3000;
constexpr qint64 kMaxRequestBytes = 64 * 1024;
const QByteArray kOpen = QByteArrayLiteral("open ");
const QByteArray kShow = QByteArrayLiteral("show");
const QByteArray kOk = QByteArrayLiteral("ok\n");

} // namespace

SingleInstance::SingleInstance(QString socketPath, QObject* parent)
    : QObject(parent)
    , m_path(std::move(socketPath)) {
    if (m_path.isEmpty())
        m_path = QDir(QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation))
                     .filePath(QStringLiteral("labshare-desktop.socket"));
    connect(&m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
}

bool SingleInstance::handOff(const QString& file) {
    QLocalSocket socket;
    socket.connectToServer(m_path);
    if (!socket.waitForConnected(kAnswerTimeoutMs))
        return false; // nobody listens (or a stale socket of a crashed instance)
    const QByteArray request = file.isEmpty() ? QByteArray(kShow + '\n')
                                              : QByteArray(kOpen + QFileInfo(file).absoluteFilePath().toUtf8() + '\n');
    socket.write(request);
    if (!socket.waitForBytesWritten(kAnswerTimeoutMs))
        return false;
    while (!socket.canReadLine() && socket.waitForReadyRead(kAnswerTimeoutMs)) {
    }
    return socket.readLine() == kOk;
}

bool SingleInstance::listen() {
    // Qt replaces an existing socket file when it listens with access options: first make sure no
    // other instance owns it (one that started listening since handOff() asked).
    QLocalSocket probe;
    probe.connectToServer(m_path);
    if (probe.waitForConnected(kAnswerTimeoutMs))
        return false;
    QLocalServer::removeServer(m_path); // a crashed instance's socket, if any
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(m_path)) // this instance still runs; later launches will not find it
        qCWarning(lcDesktop) << "cannot listen for other launches on" << m_path << m_server.errorString();
    return true;
}

void SingleInstance::onNewConnection() {
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxRequestBytes)
                    socket->abort(); // not one of ours
                return;
            }
            QByteArray line = socket->readLine(kMaxRequestBytes);
            line.chop(1); // the newline canReadLine() saw
            if (line == kShow)
                Q_EMIT activationRequested({});
            else if (line.startsWith(kOpen))
                Q_EMIT activationRequested(QString::fromUtf8(line.mid(kOpen.size())));
            else {
                socket->abort();
                return;
            }
            socket->write(kOk);
            socket->disconnectFromServer();
        });
    }
}

} // namespace labshare::app
