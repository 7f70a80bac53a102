// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace labshare::auth {

// What the issuer says of the e-mail address (the email_verified claim). Unstated: the claim is
// missing (some providers never send it); only Verified counts as verified anywhere.
enum class EmailVerification { Unstated, Verified, Unverified };

// Who is signed in, as the issuer describes them.
struct Identity {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::Identity)

public:
    QString subject;
    QString email;
    QString name;
    EmailVerification emailVerification = EmailVerification::Unstated;

    bool emailVerified() const { return !email.isEmpty() && emailVerification == EmailVerification::Verified; }
    QString displayName() const; // "Alice Example <alice@example.org>", or whichever part is known
    // displayName(), and "(e-mail not verified)" when the issuer says the address is unverified.
    QString describe() const;

    friend bool operator==(const Identity&, const Identity&) = default;
};

// The claims of an ID token received straight from the token endpoint over TLS. Its signature is
// not checked: OpenID Connect Core §3.1.3.7 allows TLS server validation in its place for tokens
// obtained directly from the token endpoint. The issuer, the audience and (when given) the nonce are checked.
Result<Identity> readIdToken(const QByteArray& idToken, const QUrl& issuer, const QString& clientId,
                             QByteArrayView expectedNonce = {});
// The userinfo endpoint's claims (OpenID Connect Core §5.3.2) on top of what is already known.
Identity withUserInfo(Identity identity, const QJsonObject& userinfo);

} // namespace labshare::auth
