// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthConfig.h"

#include <QSettings>

namespace labshare::auth {

namespace {

const QLatin1String kIssuer("signIn/issuer");
const QLatin1String kClientId("signIn/clientId");
const QLatin1String kScope("signIn/scope");
const QLatin1String kRedirectPort("signIn/redirectPort");
const QLatin1String kClientSecret("signIn/clientSecret");
const QLatin1String kInKeychain("keychain");

} // namespace

bool AuthConfig::isOtherClient(const AuthConfig& other) const {
    return other.issuer != issuer || other.clientId != clientId || other.scope != scope;
}

QString AuthConfig::secretKey() const {
    return QStringLiteral("refresh-token %1 %2").arg(issuer.toString(), clientId);
}

QString AuthConfig::clientSecretKey() const {
    return QStringLiteral("client-secret %1 %2").arg(issuer.toString(), clientId);
}

AuthConfig AuthConfig::load(const QSettings& settings) {
    AuthConfig config;
    config.issuer = QUrl(settings.value(kIssuer).toString());
    config.clientId = settings.value(kClientId).toString();
    config.scope = settings.value(kScope, config.scope).toString();
    const int port = settings.value(kRedirectPort, 0).toInt();
    config.redirectPort = port > 0 && port < 65536 ? port : 0;
    config.clientSecretInKeychain = settings.value(kClientSecret).toString() == kInKeychain;
    return config;
}

void AuthConfig::save(QSettings& settings) const {
    settings.setValue(kIssuer, issuer.toString());
    settings.setValue(kClientId, clientId);
    settings.setValue(kScope, scope);
    if (redirectPort > 0)
        settings.setValue(kRedirectPort, redirectPort);
    else
        settings.remove(kRedirectPort);
    if (clientSecretInKeychain)
        settings.setValue(kClientSecret, kInKeychain);
    else
        settings.remove(kClientSecret);
}

} // namespace labshare::auth
