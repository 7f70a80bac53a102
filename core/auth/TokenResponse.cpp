// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenResponse.h"

#include <QCoreApplication>

namespace labshare::auth {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("labshare::auth::TokenResponse", text);
}

} // namespace

Result<TokenResponse> readTokenResponse(const HttpAnswer& answer) {
    if (!answer.succeeded()) {
        const bool refused = answer.networkError.isEmpty() && answer.status >= 400 && answer.status < 500;
        return makeError(refused ? ErrorCode::AuthFailed : ErrorCode::Network,
                         tr("the identity provider refused: %1").arg(answer.describe()));
    }
    TokenResponse tokens;
    tokens.accessToken = answer.body.value(QLatin1String("access_token")).toString().toUtf8();
    tokens.refreshToken = answer.body.value(QLatin1String("refresh_token")).toString().toUtf8();
    tokens.idToken = answer.body.value(QLatin1String("id_token")).toString().toUtf8();
    tokens.tokenType = answer.body.value(QLatin1String("token_type")).toString();
    tokens.expiresIn = answer.body.value(QLatin1String("expires_in")).toInt();
    if (tokens.accessToken.isEmpty())
        return makeError(ErrorCode::Network, tr("the identity provider's answer has no access token"));
    if (tokens.tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return makeError(
            ErrorCode::Network,
            tr("the identity provider issued a \"%1\" token; LabShare needs a Bearer token").arg(tokens.tokenType));
    return tokens;
}

} // namespace labshare::auth
