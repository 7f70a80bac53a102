// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Identity.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace labshare::auth {

namespace {

QString withoutSlash(QString text) {
    if (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

// OpenID Connect Core §3.1.3.7 wants `iss` to equal the issuer exactly. Google documents one
// exception: its ID tokens may name the issuer "accounts.google.com" without the scheme.
bool isIssuer(const QString& iss, const QUrl& issuer) {
    if (withoutSlash(iss) == withoutSlash(issuer.toString()))
        return true;
    return iss == QLatin1String("accounts.google.com") && issuer == QUrl(QStringLiteral("https://accounts.google.com"));
}

bool hasAudience(const QJsonValue& aud, const QString& clientId) {
    if (aud.isString())
        return aud.toString() == clientId;
    return aud.toArray().contains(QJsonValue(clientId));
}

EmailVerification readVerification(const QJsonValue& claim) {
    // Some providers send the boolean as a string.
    const QString text = claim.isString() ? claim.toString().toLower() : QString();
    if (claim.isBool() ? claim.toBool() : text == QLatin1String("true"))
        return EmailVerification::Verified;
    if ((claim.isBool() && !claim.toBool()) || text == QLatin1String("false"))
        return EmailVerification::Unverified;
    return EmailVerification::Unstated;
}

} // namespace

QString Identity::describe() const {
    if (emailVerification == EmailVerification::Unverified && !email.isEmpty())
        return tr("%1 (e-mail not verified by the identity provider)").arg(displayName());
    return displayName();
}

QString Identity::displayName() const {
    if (!name.isEmpty() && !email.isEmpty())
        return QStringLiteral("%1 <%2>").arg(name, email);
    if (!email.isEmpty())
        return email;
    return name.isEmpty() ? subject : name;
}

Result<Identity> readIdToken(const QByteArray& idToken, const QUrl& issuer, const QString& clientId,
                             QByteArrayView expectedNonce) {
    const QList<QByteArray> parts = idToken.split('.');
    if (parts.size() != 3)
        return makeError(ErrorCode::BadInput, Identity::tr("the identity provider's ID token is not a JWT"));
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1), QByteArray::Base64UrlEncoding |
                                                                         QByteArray::AbortOnBase64DecodingErrors);
    const QJsonObject claims = QJsonDocument::fromJson(decoded.decoded).object();
    if (!decoded || claims.isEmpty())
        return makeError(ErrorCode::BadInput, Identity::tr("the identity provider's ID token cannot be read"));
    const QString iss = claims.value(QLatin1String("iss")).toString();
    if (!isIssuer(iss, issuer))
        return makeError(ErrorCode::AuthFailed,
                         Identity::tr("the ID token was issued by \"%1\", not by %2").arg(iss, issuer.toString()));
    if (!hasAudience(claims.value(QLatin1String("aud")), clientId))
        return makeError(ErrorCode::AuthFailed, Identity::tr("the ID token is not meant for client %1").arg(clientId));
    if (!expectedNonce.isEmpty() &&
        QByteArrayView(claims.value(QLatin1String("nonce")).toString().toUtf8()) != expectedNonce)
        return makeError(ErrorCode::AuthFailed, Identity::tr("the ID token does not carry the nonce of this sign-in"));
    Identity identity;
    identity.subject = claims.value(QLatin1String("sub")).toString();
    return withUserInfo(identity, claims);
}

Identity withUserInfo(Identity identity, const QJsonObject& userinfo) {
    const QString sub = userinfo.value(QLatin1String("sub")).toString();
    // A userinfo answer for someone else is ignored (Core §5.3.4).
    if (!identity.subject.isEmpty() && !sub.isEmpty() && sub != identity.subject)
        return identity;
    if (identity.subject.isEmpty())
        identity.subject = sub;
    const QString email = userinfo.value(QLatin1String("email")).toString();
    if (!email.isEmpty() && email != identity.email) {
        identity.email = email;
        identity.emailVerification = EmailVerification::Unstated; // what was said of the old address
    }
    const EmailVerification verification = readVerification(userinfo.value(QLatin1String("email_verified")));
    if (!identity.email.isEmpty() && verification != EmailVerification::Unstated)
        identity.emailVerification = verification;
    QString name = userinfo.value(QLatin1String("name")).toString();
    if (name.isEmpty())
        name = userinfo.value(QLatin1String("preferred_username")).toString();
    if (!name.isEmpty())
        identity.name = name;
    return identity;
}

} // namespace labshare::auth
