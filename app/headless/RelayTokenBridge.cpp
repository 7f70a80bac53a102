// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayTokenBridge.h"

#include "auth/AuthSession.h"
#include "tunnel/TunnelEngine.h"

namespace labshare::app {

namespace {

// A login takes a few seconds at most; a token with less left than this is refreshed first.
constexpr int kMinTokenSeconds = 10;

} // namespace

RelayTokenBridge::RelayTokenBridge(auth::AuthSession& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {
    connect(&m_session, &auth::AuthSession::accessTokenChanged, this, &RelayTokenBridge::onAccessTokenChanged);
}

tunnel::SecretProvider RelayTokenBridge::secretProvider(tunnel::SecretProvider other) const {
    auth::AuthSession* session = &m_session;
    auth::AccessTokenCache* cache = &m_session.tokenCache();
    return [session, cache, presented = m_presented, other = std::move(other)](
               tunnel::SecretKind kind, const QString& what) -> std::optional<secrets::SecretBytes> {
        if (kind != tunnel::SecretKind::Token)
            return other ? other(kind, what) : std::nullopt;
        std::optional<secrets::SecretBytes> token = cache->valid(kMinTokenSeconds);
        presented->store(token.has_value());
        if (!token) // the worker never waits: ask for a fresh token, and the engine retries when it comes
            QMetaObject::invokeMethod(
                session, [session] { session->withAccessToken(session, [](const Result<secrets::SecretBytes>&) {}); },
                Qt::QueuedConnection);
        return token;
    };
}

void RelayTokenBridge::attach(tunnel::TunnelEngine* engine) {
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (engine)
        connect(engine, &tunnel::TunnelEngine::loginRefused, this, &RelayTokenBridge::onLoginRefused);
}

void RelayTokenBridge::onLoginRefused(const QString& message) {
    if (!m_engine || m_engine->relay().auth != tunnel::RelayAuth::Token)
        return;
    if (m_presented->load()) {
        m_session.tokenRejected(); // refresh once; a new token retries the login
    } else if (m_session.tokenCache().valid(kMinTokenSeconds)) {
        m_engine->retryLogin(); // the token arrived while the worker was giving up
    } else {
        Q_EMIT signInNeeded(message);
    }
}

void RelayTokenBridge::onAccessTokenChanged() {
    if (m_engine && m_engine->relay().auth == tunnel::RelayAuth::Token)
        m_engine->retryLogin();
}

} // namespace labshare::app
