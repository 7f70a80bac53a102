// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthConfig.h"

#include <QSettings>

namespace labshare::auth {

namespace {

const QLatin1String kIssuer("signIn/issuer");
const QLatin1String kClientId("signIn/clientId");
const QLatin1String kScope("signIn/scope");

} // namespace

QString AuthConfig::secretKey() const {
    return QStringLiteral("refresh-token %1 %2").arg(issuer.toString(), clientId);
}

AuthConfig AuthConfig::load(const QSettings& settings) {
    AuthConfig config;
    config.issuer = QUrl(settings.value(kIssuer).toString());
    config.clientId = settings.value(kClientId).toString();
    config.scope = settings.value(kScope, config.scope).toString();
    return config;
}

void AuthConfig::save(QSettings& settings) const {
    settings.setValue(kIssuer, issuer.toString());
    settings.setValue(kClientId, clientId);
    settings.setValue(kScope, scope);
}

} // namespace labshare::auth
