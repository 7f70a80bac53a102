// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A loopback HTTP server that answers each path from a script of canned JSON answers, for unit tests
// of the sign-in state machines (the real identity provider is in the integration tests).
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

struct ScriptedAnswer {
    int status = 200;
    QByteArray json;
};

struct RecordedRequest {
    QByteArray path;
    QByteArray body;
    qint64 atMs = 0;
};

class ScriptedHttpServer {
public:
    ScriptedHttpServer() {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadable(socket); });
        });
        m_clock.start();
    }

    QUrl url(const QString& path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void script(const QByteArray& path, QList<ScriptedAnswer> answers) { m_script[path] = std::move(answers); }
    const QList<RecordedRequest>& requests() const { return m_requests; }

private:
    void onReadable(QTcpSocket* socket) {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer.left(headEnd);
        qsizetype length = 0;
        for (const QByteArray& line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        const QByteArray path = head.split(' ').value(1);
        m_requests.append({path, buffer.mid(headEnd + 4, length), m_clock.elapsed()});
        m_buffers.remove(socket);
        QList<ScriptedAnswer>& answers = m_script[path];
        const ScriptedAnswer answer = answers.size() > 1 ? answers.takeFirst() : answers.value(0, {404, "{}"});
        socket->write("HTTP/1.1 " + QByteArray::number(answer.status) +
                      " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(answer.json.size()) + "\r\n\r\n" + answer.json);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QByteArray, QList<ScriptedAnswer>> m_script;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<RecordedRequest> m_requests;
    QElapsedTimer m_clock;
};
