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

    bool isComplete() const { return issuer.isValid() && !issuer.isEmpty() && !clientId.isEmpty(); }
    // The keychain entry of this issuer and client's refresh token.
    QString secretKey() const;

    static AuthConfig load(const QSettings& settings);
    void save(QSettings& settings) const;
};

} // namespace labshare::auth
