// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessAuth.h"

#include "auth/IssuerMetadata.h"

#include <QCoreApplication>
#include <QSettings>

namespace labshare::app {

HeadlessAuth::HeadlessAuth(const auth::AuthConfig& config)
    : m_store(QStringLiteral(LABSHARE_APP_ID))
    , m_session(m_store, m_network) {
    m_session.setConfig(config);
}

Result<auth::AuthConfig> identityProvider(const QString& issuer, const QString& clientId) {
    auth::AuthConfig config = auth::AuthConfig::load(QSettings());
    if (!issuer.isEmpty())
        config.issuer = QUrl(issuer.trimmed());
    if (!clientId.isEmpty())
        config.clientId = clientId.trimmed();
    if (config.issuer.isEmpty())
        return makeError(
            ErrorCode::BadInput,
            HeadlessAuth::tr(
                "no identity provider is set: give --issuer URL and --client-id ID (they are remembered)"));
    Result<QUrl> checked = auth::parseIssuer(config.issuer.toString());
    if (!checked)
        return checked.error();
    config.issuer = *checked;
    if (config.clientId.isEmpty())
        return makeError(
            ErrorCode::BadInput,
            HeadlessAuth::tr("no client id is set for %1: give --client-id ID").arg(config.issuer.toString()));
    return config;
}

} // namespace labshare::app
