// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

class QSettings;

namespace labshare::auth {

// Which identity provider to sign in with. Kept in the app's settings: none of it is secret.
struct AuthConfig {
    QUrl issuer;
    QString clientId;
    QString scope = QStringLiteral("openid email profile offline_access");
    int redirectPort = 0;                // browser sign-in: a fixed loopback port; 0 lets the system pick
    bool clientSecretInKeychain = false; // the provider gave a client secret; it is in the keychain

    bool isComplete() const { return issuer.isValid() && !issuer.isEmpty() && !clientId.isEmpty(); }
    // Whether `other` signs in as another client (its tokens are not this one's).
    bool isOtherClient(const AuthConfig& other) const;
    // The keychain entries of this issuer and client's refresh token and of its client secret.
    QString secretKey() const;
    QString clientSecretKey() const;

    static AuthConfig load(const QSettings& settings);
    void save(QSettings& settings) const;
};

} // namespace labshare::auth
