// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthSession.h"
#include "secrets/KeychainStore.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

namespace labshare::app {

// The sign-in as the headless verbs (login, logout, up) use it: the system keychain, a network
// manager and the session, for the identity provider in `config`.
class HeadlessAuth {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::HeadlessAuth)

public:
    explicit HeadlessAuth(const auth::AuthConfig& config);

    auth::AuthSession& session() { return m_session; }
    secrets::SecretStore& store() { return m_store; }
    QNetworkAccessManager& network() { return m_network; }

private:
    secrets::KeychainStore m_store;
    QNetworkAccessManager m_network;
    auth::AuthSession m_session;
};

// The identity provider from the settings with `issuer` / `clientId` (if given) on top, checked:
// an error message for the user when it is incomplete or not https.
Result<auth::AuthConfig> identityProvider(const QString& issuer = {}, const QString& clientId = {});

} // namespace labshare::app
