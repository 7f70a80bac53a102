// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>

namespace labshare::terminal {
struct NodeLogin;
struct TerminalKeys;
} // namespace labshare::terminal
namespace labshare::tunnel {
class TerminalServer;
}

namespace labshare::share {

// The terminal servers of a lab's browser-terminal (term/<port>) shares, one per share: the share's
// forward leads to its server on 127.0.0.1, which serves the page and opens SSH sessions to the node.
// Node host keys are remembered per lab, in a known_hosts file of LabShare's own.
class TerminalShares {
public:
    explicit TerminalShares(const QString& topologyFile);
    ~TerminalShares();
    TerminalShares(const TerminalShares&) = delete;
    TerminalShares& operator=(const TerminalShares&) = delete;

    // Starts (or, when the node's address changed, restarts) the server of share `name` for `node` at
    // host:port, keeping its keys; returns the local port the share's forward should reach.
    Result<quint16> serve(const QString& name, const QString& node, const QString& host, quint16 port,
                          const terminal::TerminalKeys& keys);
    void stop(const QString& name);
    int sessions(const QString& name) const;
    // The login the terminals of `node` use instead of asking students (nullptr: they log in themselves):
    // its running servers use it from their next terminal on, servers started later start with it.
    void setLogin(const QString& node, std::shared_ptr<const terminal::NodeLogin> login);
    QString loginUser(const QString& node) const; // the user of the login set for `node`; empty: none

    static QString knownHostsFileFor(const QString& topologyFile);
    // The keychain entry of the login set for `node` of this lab (NodeLogin's form).
    static QString loginKeychainKey(const QString& topologyFile, const QString& node);

private:
    QString m_knownHosts;
    std::map<QString, std::shared_ptr<const terminal::NodeLogin>> m_logins; // by node
    std::map<QString, std::unique_ptr<tunnel::TerminalServer>> m_servers;
};

} // namespace labshare::share
