// SPDX-License-Identifier: GPL-3.0-or-later
// JSON answers of an OpenID provider (core/auth), as OidcHttp hands them on: a discovery document
// (IssuerMetadata), a token answer (TokenResponse), a device authorization answer (DeviceAuthorization),
// an error answer (OAuthErrors, HttpAnswer::describe) and userinfo claims (Identity).
#include "FuzzSupport.h"

#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "auth/IssuerMetadata.h"
#include "auth/OAuthErrors.h"
#include "auth/TokenResponse.h"

#include <QJsonDocument>

using namespace labshare;
using namespace labshare::auth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json = fuzz::bytes(data, size);
    static const QUrl issuer(QStringLiteral("https://issuer.example.org/realms/lab"));
    if (const Result<IssuerMetadata> metadata = parseIssuerMetadata(json, issuer)) {
        for (const QUrl& endpoint : {metadata->authorizationEndpoint, metadata->tokenEndpoint})
            FUZZ_CHECK(endpoint.scheme() == QLatin1String("https") || isLoopbackUrl(endpoint));
        (void)metadata->supportsPkceS256();
    }

    HttpAnswer answer;
    answer.body = QJsonDocument::fromJson(json).object();
    for (const int status : {200, 400, 401, 500}) {
        answer.status = status;
        if (const Result<TokenResponse> tokens = readTokenResponse(answer))
            FUZZ_CHECK(!tokens->accessToken.isEmpty());
        if (const Result<DeviceCodeAnswer> code = readDeviceCodeAnswer(answer)) {
            FUZZ_CHECK(code->intervalSeconds >= 1 && code->intervalSeconds <= DeviceCodeAnswer::kMaxIntervalSeconds);
            FUZZ_CHECK(code->expiresIn > 0);
        }
        (void)answer.describe();
    }
    (void)oauthErrorMeaning(answer.oauthError());
    const Identity identity = withUserInfo(Identity{}, answer.body);
    (void)identity.describe();
    return 0;
}
