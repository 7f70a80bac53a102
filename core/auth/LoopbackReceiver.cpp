// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/LoopbackReceiver.h"

#include "common/Logging.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QTimer>

namespace labshare::auth {

namespace {

constexpr int kRequestTimeoutMs = 10000;

} // namespace

LoopbackReceiver::LoopbackReceiver(secrets::SecretBytes expectedState, QObject* parent)
    : QObject(parent)
    , m_state(std::move(expectedState)) {
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
}

Result<bool> LoopbackReceiver::listen(quint16 port) {
    if (!m_server.listen(QHostAddress::LocalHost, port)) {
        if (port == 0)
            return makeError(ErrorCode::Network,
                             tr("cannot listen on 127.0.0.1 for the browser's answer: %1").arg(m_server.errorString()));
        return makeError(ErrorCode::Network,
                         tr("cannot listen on 127.0.0.1:%1 for the browser's answer (%2); the redirect port is set to "
                            "%1: close whatever uses it (another sign-in?) and try again")
                             .arg(port)
                             .arg(m_server.errorString()));
    }
    // Kept: the token request must repeat it exactly, after the listener has closed.
    m_redirectUri = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(kRedirectPath));
    return true;
}

void LoopbackReceiver::close() {
    m_done = true;
    m_server.close();
}

void LoopbackReceiver::onConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // Bound to 127.0.0.1, so only this computer can connect; checked again in case of a proxy setup.
        if (!socket->peerAddress().isLoopback()) {
            qCWarning(lcAuth) << "sign-in callback from a non-loopback address refused";
            socket->abort();
            continue;
        }
        QTimer::singleShot(kRequestTimeoutMs, socket, [socket] { socket->abort(); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    }
}

void LoopbackReceiver::onReadable(QTcpSocket* socket) {
    const RedirectRequest request =
        readRedirectRequest(socket->peek(RedirectRequest::kMaxHeadBytes + 1), m_state.view());
    if (request.kind == RedirectRequest::Kind::Incomplete)
        return; // wait for the rest of the request head
    socket->readAll();
    switch (request.kind) {
    case RedirectRequest::Kind::Incomplete:
        break;
    case RedirectRequest::Kind::TooLarge:
        answer(socket, 431, tr("Request too large"), tr("This is not a sign-in answer LabShare understands."));
        break;
    case RedirectRequest::Kind::NotGet:
        answer(socket, 405, tr("Not supported"), tr("This is not a sign-in answer LabShare understands."));
        break;
    case RedirectRequest::Kind::NotFound:
        answer(socket, 404, tr("Not found"), tr("Nothing here."));
        break;
    case RedirectRequest::Kind::WrongState:
    case RedirectRequest::Kind::Refused:
    case RedirectRequest::Kind::Code:
        handle(socket, request);
        break;
    }
}

void LoopbackReceiver::handle(QTcpSocket* socket, const RedirectRequest& request) {
    // After the one answer that counts, every request gets a 404.
    if (m_done) {
        answer(socket, 404, tr("Not found"), tr("Nothing here."));
        return;
    }
    // Another page (or another program on this computer) may send anything here; only the browser
    // that comes back from the sign-in LabShare started knows the state. Anything else is answered and
    // otherwise ignored, so it can neither end nor hijack the sign-in that is waiting.
    if (request.kind == RedirectRequest::Kind::WrongState) {
        qCInfo(lcAuth) << "sign-in callback with a wrong state ignored; still waiting";
        answer(socket, 400, tr("Not this sign-in"),
               tr("This answer does not belong to the sign-in LabShare is waiting for, so LabShare ignored it. "
                  "If you are signing in, finish in the tab LabShare opened."));
        return;
    }
    close();
    if (request.kind == RedirectRequest::Kind::Refused) {
        answer(socket, 200, tr("Sign-in not completed"),
               tr("The identity provider did not sign you in. You can close this tab and try again in LabShare."));
        const QString reason = request.error.isEmpty() ? tr("no authorization code") : request.error;
        const QString& description = request.errorDescription;
        Q_EMIT failed(
            tr("the identity provider did not sign you in: %1")
                .arg(description.isEmpty() ? reason : reason + QLatin1String(" (") + description + QLatin1Char(')')));
        return;
    }
    answer(socket, 200, tr("Signed in"),
           tr("You are signed in to LabShare. You can close this tab and go back to LabShare."));
    Q_EMIT codeReceived(request.code);
}

void LoopbackReceiver::answer(QTcpSocket* socket, int status, const QString& title, const QString& text) {
    const QByteArray body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                                           "</head><body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1>"
                                           "<p>%2</p></body></html>")
                                .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
                                .toUtf8();
    const QByteArray head = QStringLiteral("HTTP/1.1 %1 %2\r\nContent-Type: text/html; charset=utf-8\r\n"
                                           "Content-Length: %3\r\nCache-Control: no-store\r\n"
                                           "Referrer-Policy: no-referrer\r\nConnection: close\r\n\r\n")
                                .arg(status)
                                .arg(status == 200 ? QStringLiteral("OK") : QStringLiteral("Error"))
                                .arg(body.size())
                                .toLatin1();
    socket->write(head + body);
    socket->disconnectFromHost();
}

} // namespace labshare::auth
