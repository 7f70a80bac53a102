// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/OidcHttp.h"
#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace labshare::auth {

// A successful token endpoint answer (RFC 6749 §5.1). Empty refresh token: the issuer kept the old one.
// Move-only: each token is in one buffer, wiped when the answer goes.
struct TokenResponse {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::TokenResponse)

public:
    secrets::SecretBytes accessToken;
    secrets::SecretBytes refreshToken;
    secrets::SecretBytes idToken;
    QString tokenType;
    int expiresIn = 0;                  // seconds; 0 when the issuer did not say
    secrets::SecretBytes expectedNonce; // the nonce the browser flow sent; the ID token must carry it
};

// The token endpoint's answer as a TokenResponse, or an error whose message names the OAuth error
// (`invalid_grant` and friends, RFC 6749 §5.2) with code AuthFailed for refusals, Network otherwise.
Result<TokenResponse> readTokenResponse(const HttpAnswer& answer);

} // namespace labshare::auth
