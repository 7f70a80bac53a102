// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientAuthentication.h"
#include "auth/IssuerMetadata.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace labshare::auth {

// How one revocation ended: revoked only when the provider answered HTTP 200 (RFC 7009 §2.2);
// otherwise why not, as a sentence part ("the identity provider refused it: …").
struct RevocationOutcome {
    bool revoked = false;
    QString reason;
};

// Asks the issuer to revoke a token (RFC 7009), authenticated as the discovery document's
// revocation_endpoint_auth_methods_supported allows; `hint` is "refresh_token" or "access_token".
// The outcome is logged (never the token) and handed to `done`.
void revokeToken(OidcHttp& http, const IssuerMetadata& issuer, const ClientCredentials& client, const QByteArray& token,
                 const char* hint, QObject* context, std::function<void(const RevocationOutcome&)> done);

} // namespace labshare::auth
