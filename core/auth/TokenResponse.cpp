// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenResponse.h"

#include <QCoreApplication>

namespace labshare::auth {

Result<TokenResponse> readTokenResponse(const HttpAnswer& answer) {
    if (!answer.succeeded()) {
        const bool refused = answer.networkError.isEmpty() && answer.status >= 400 && answer.status < 500;
        return makeError(refused ? ErrorCode::AuthFailed : ErrorCode::Network,
                         TokenResponse::tr("the identity provider refused: %1").arg(answer.describe()));
    }
    TokenResponse tokens;
    const auto token = [&answer](const char* name) {
        return secrets::SecretBytes::adopt(answer.body.value(QLatin1String(name)).toString().toUtf8());
    };
    tokens.accessToken = token("access_token");
    tokens.refreshToken = token("refresh_token");
    tokens.idToken = token("id_token");
    tokens.tokenType = answer.body.value(QLatin1String("token_type")).toString();
    tokens.expiresIn = answer.body.value(QLatin1String("expires_in")).toInt();
    if (tokens.accessToken.isEmpty())
        return makeError(ErrorCode::Network, TokenResponse::tr("the identity provider's answer has no access token"));
    if (tokens.tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Network,
                         TokenResponse::tr("the identity provider issued a \"%1\" token; LabShare needs a Bearer token")
                             .arg(tokens.tokenType));
    return tokens;
}

} // namespace labshare::auth
