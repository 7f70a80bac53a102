// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpNode.h"

#include <QTcpSocket>

namespace labshare::testsupport {

bool HttpNode::listen(const QHostAddress& address) {
    if (!m_server.listen(address))
        return false;
    QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
                qsizetype end = 0;
                while ((end = buffer.indexOf("\r\n\r\n")) >= 0) { // GETs only: no bodies to skip
                    m_heads << buffer.left(end + 4);
                    buffer.remove(0, end + 4);
                    const QByteArray body =
                        QByteArray("<!DOCTYPE html><html><body><h1 id=\"node\">") + kMarker + "</h1></body></html>";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                }
                socket->setProperty("buffer", buffer);
            });
        }
    });
    return true;
}

} // namespace labshare::testsupport
