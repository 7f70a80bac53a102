// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace labshare::auth {

// What an issuer's discovery document (/.well-known/openid-configuration) tells a native client.
struct IssuerMetadata {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::IssuerMetadata)

public:
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl deviceAuthorizationEndpoint; // empty when the issuer has no device flow
    QUrl userinfoEndpoint;
    QUrl revocationEndpoint; // empty when the issuer does not advertise RFC 7009
    QStringList codeChallengeMethods;
    QStringList tokenAuthMethods;      // token_endpoint_auth_methods_supported; empty when not advertised
    QStringList revocationAuthMethods; // revocation_endpoint_auth_methods_supported; likewise

    bool supportsPkceS256() const { return codeChallengeMethods.contains(QLatin1String("S256")); }
};

// True for http(s) URLs whose host is 127.0.0.0/8, ::1 or "localhost".
bool isLoopbackUrl(const QUrl& url);
// The issuer as the user typed it: https only, except loopback issuers (which tests use); no query
// or fragment (OpenID Connect Discovery §2).
Result<QUrl> parseIssuer(const QString& text);
QUrl discoveryUrl(const QUrl& issuer);
// Checks the document is for `issuer` and that every endpoint it names obeys the same https rule.
Result<IssuerMetadata> parseIssuerMetadata(const QJsonObject& document, const QUrl& issuer);
Result<IssuerMetadata> parseIssuerMetadata(const QByteArray& json, const QUrl& issuer);

} // namespace labshare::auth
