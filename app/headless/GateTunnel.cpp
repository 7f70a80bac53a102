// SPDX-License-Identifier: GPL-3.0-or-later
#include "GateTunnel.h"

#include "Console.h"

#include <QCoreApplication>

namespace labshare::app {

GateTunnel::GateTunnel(const Options& options, Writer writer, QObject* parent)
    : QObject(parent)
    , m_options(options.copy())
    , m_writer(std::move(writer)) {
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        // The exchange is a few small messages each way: Nagle would hold each one back.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        flush();
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, &GateTunnel::onGateBytes);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_client || m_client->state() != gate::GateClient::State::Admitted)
            end(1, tr("the gate at %1:%2 closed the connection").arg(m_options.host).arg(m_options.port));
        else
            end(0, {});
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            end(1, tr("cannot reach %1:%2: %3").arg(m_options.host).arg(m_options.port).arg(m_socket.errorString()));
    });
}

void GateTunnel::start() {
    Result<std::unique_ptr<gate::TlsSession>> tls = gate::TlsSession::client(m_options.pin);
    if (!tls) {
        end(1, tls.error().message);
        return;
    }
    m_client = std::make_unique<gate::GateClient>(std::move(*tls), std::move(m_options.ticket));
    m_socket.connectToHost(m_options.host, m_options.port);
}

void GateTunnel::fromStudent(const QByteArray& bytes) {
    if (!m_client || m_client->state() != gate::GateClient::State::Admitted) {
        m_pending += bytes; // sent once the gate has let the student in
        return;
    }
    m_client->send(bytes);
    flush();
}

void GateTunnel::studentClosed() {
    m_studentClosed = true;
    if (m_client && m_client->state() == gate::GateClient::State::Admitted) {
        m_client->close();
        flush();
    }
}

void GateTunnel::onGateBytes() {
    m_client->receive(m_socket.readAll());
    if (std::optional<gate::GateMessage> signIn = m_client->takeSignIn()) {
        if (m_client->ticketRefused())
            Q_EMIT ticketRefused();
        QString text = tr("To use %1, sign in: open %2 on any device and enter the code %3")
                           .arg(m_client->share(), signIn->link.toString(), signIn->userCode);
        if (!signIn->linkComplete.isEmpty())
            text += tr(" (or open %1)").arg(signIn->linkComplete.toString());
        printProblem(text + tr(". The code is valid for %1 minutes.").arg(qMax(1, signIn->expiresIn / 60)));
        printQrCode((signIn->linkComplete.isEmpty() ? signIn->link : signIn->linkComplete).toString()); // for a phone
        Q_EMIT signInShown();
    }
    switch (m_client->state()) {
    case gate::GateClient::State::Talking:
        break;
    case gate::GateClient::State::Admitted:
        if (!m_announced) {
            m_announced = true;
            Q_EMIT admitted(m_client->identity(), m_client->gateFingerprint());
            if (!m_pending.isEmpty())
                m_client->send(std::exchange(m_pending, {}));
            if (m_studentClosed)
                m_client->close();
        }
        if (const QByteArray stream = m_client->takeStream(); !stream.isEmpty())
            m_writer(stream);
        if (m_client->gateClosed()) {
            m_writer({});
            flush();
            end(0, {});
            return;
        }
        break;
    case gate::GateClient::State::Refused:
    case gate::GateClient::State::Failed:
        end(1, m_client->problem());
        return;
    }
    flush();
}

void GateTunnel::flush() {
    if (m_client && m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.write(m_client->takeForGate());
}

void GateTunnel::end(int exitCode, const QString& problem) {
    if (m_done)
        return;
    m_done = true;
    m_socket.disconnectFromHost();
    Q_EMIT finished(exitCode, problem);
}

} // namespace labshare::app
