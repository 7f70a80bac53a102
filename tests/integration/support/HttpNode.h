// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>

namespace labshare::testsupport {

// A lab node's web page (a Grafana stand-in): answers every GET with one small HTML page naming
// itself, keep-alive, and keeps every request head it received so a test can see what reached the
// node. Runs on the test's event loop (every wait in the support library runs it).
class HttpNode {
public:
    static constexpr const char* kMarker = "the node's own page";

    [[nodiscard]] bool listen(const QHostAddress& address);
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }
    QList<QByteArray> requestHeads() const { return m_heads; }

private:
    QTcpServer m_server;
    QList<QByteArray> m_heads;
};

} // namespace labshare::testsupport
