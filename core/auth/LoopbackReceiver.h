// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/RedirectRequest.h"
#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace labshare::auth {

// The one-shot redirect target of a browser sign-in (RFC 8252 §7.3): listens on 127.0.0.1 only, on
// a port the system picks (or a fixed one, for providers that match redirect URIs exactly), answers exactly one request
// for /callback carrying the expected `state`, then closes. A request with another state (or none) gets a page saying
// it does not belong to this sign-in and is otherwise ignored: the wait goes on. The page it shows says whether sign-in
// worked and never carries the code or a token.
class LoopbackReceiver : public QObject {
    Q_OBJECT

public:
    explicit LoopbackReceiver(secrets::SecretBytes expectedState, QObject* parent = nullptr);

    Result<bool> listen(quint16 port = 0);
    QUrl redirectUri() const { return m_redirectUri; } // http://127.0.0.1:PORT/callback
    void close();

Q_SIGNALS:
    void codeReceived(const QByteArray& code);
    void failed(const QString& message);

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void answer(QTcpSocket* socket, int status, const QString& title, const QString& text);
    void handle(QTcpSocket* socket, const RedirectRequest& request);

    secrets::SecretBytes m_state;
    QTcpServer m_server;
    QUrl m_redirectUri;
    bool m_done = false;
};

} // namespace labshare::auth
