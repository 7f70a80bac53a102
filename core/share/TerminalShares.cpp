// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/TerminalShares.h"
#include "terminal/NodeLogin.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace labshare::share {

TerminalShares::TerminalShares(const QString& topologyFile)
    : m_knownHosts(knownHostsFileFor(topologyFile)) {}

TerminalShares::~TerminalShares() = default;

namespace {

// A lab is its file, wherever it was opened from.
QString labId(const QString& topologyFile) {
    const QByteArray path = QFileInfo(topologyFile).absoluteFilePath().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

} // namespace

QString TerminalShares::knownHostsFileFor(const QString& topologyFile) {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("node-host-keys/%1.known_hosts").arg(labId(topologyFile)));
}

QString TerminalShares::loginKeychainKey(const QString& topologyFile, const QString& node) {
    return QStringLiteral("node-login/%1/%2").arg(labId(topologyFile), node);
}

void TerminalShares::setLogin(const QString& node, std::shared_ptr<const terminal::NodeLogin> login) {
    for (auto& [name, server] : m_servers)
        if (server->options().node == node)
            server->setLogin(login);
    if (login)
        m_logins[node] = std::move(login);
    else
        m_logins.erase(node);
}

QString TerminalShares::loginUser(const QString& node) const {
    const auto it = m_logins.find(node);
    return it == m_logins.end() ? QString() : it->second->user;
}

Result<quint16> TerminalShares::serve(const QString& name, const QString& node, const QString& host, quint16 port,
                                      const terminal::TerminalKeys& keys) {
    auto it = m_servers.find(name);
    if (it != m_servers.end()) {
        const tunnel::TerminalOptions& now = it->second->options();
        if (now.targetHost == host && now.targetPort == port && now.keys == keys)
            return it->second->port();
        m_servers.erase(it); // another address: its open terminals end, new ones reach the new one
    }
    tunnel::TerminalOptions options;
    options.node = node;
    options.targetHost = host;
    options.targetPort = port;
    options.keys = keys;
    options.knownHostsFile = m_knownHosts;
    auto server = std::make_unique<tunnel::TerminalServer>(options);
    if (const auto login = m_logins.find(node); login != m_logins.end())
        server->setLogin(login->second);
    Result<quint16> local = server->start();
    if (local)
        m_servers[name] = std::move(server);
    return local;
}

void TerminalShares::stop(const QString& name) {
    m_servers.erase(name);
}

int TerminalShares::sessions(const QString& name) const {
    const auto it = m_servers.find(name);
    return it == m_servers.end() ? 0 : it->second->sessions();
}

} // namespace labshare::share
