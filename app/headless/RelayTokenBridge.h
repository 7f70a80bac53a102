// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/ssh/SshChoices.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

namespace labshare::auth {
class AuthSession;
}
namespace labshare::tunnel {
class TunnelEngine;
}

namespace labshare::app {

// Lets relays with `auth=token` log in with the signed-in user's access token: the tunnel worker
// reads the token without waiting; a refused login makes the session refresh once (or ask the user
// to sign in again), and every new token lets the engine try the login again.
// The session must outlive every engine attached and every provider handed out.
class RelayTokenBridge : public QObject {
    Q_OBJECT

public:
    explicit RelayTokenBridge(auth::AuthSession& session, QObject* parent = nullptr);

    // Answers SecretKind::Token from the session; other kinds go to `other` (may be empty).
    tunnel::SecretProvider secretProvider(tunnel::SecretProvider other = {}) const;
    void attach(tunnel::TunnelEngine* engine); // nullptr detaches

Q_SIGNALS:
    // A token relay refused, or cannot be logged in to, until the user signs in.
    void signInNeeded(const QString& message);

private:
    void onLoginRefused(const QString& message);
    void onAccessTokenChanged();

    auth::AuthSession& m_session;
    QPointer<tunnel::TunnelEngine> m_engine;
    // Whether the last login attempt had a token to present (set on the worker's thread).
    std::shared_ptr<std::atomic<bool>> m_presented = std::make_shared<std::atomic<bool>>(false);
};

} // namespace labshare::app
