// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RememberedSignIn.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace labshare::auth {

namespace {

const QLatin1String kRefreshToken("refresh_token");
const QLatin1String kSubject("sub");
const QLatin1String kEmail("email");
const QLatin1String kEmailVerified("email_verified");
const QLatin1String kName("name");

} // namespace

secrets::SecretBytes encodeRememberedSignIn(const RememberedSignIn& remembered) {
    QJsonObject object{{kRefreshToken, QString::fromUtf8(remembered.refreshToken.view())}};
    const Identity& identity = remembered.identity;
    if (!identity.subject.isEmpty())
        object.insert(kSubject, identity.subject);
    if (!identity.email.isEmpty())
        object.insert(kEmail, identity.email);
    if (identity.emailVerification != EmailVerification::Unstated)
        object.insert(kEmailVerified, identity.emailVerification == EmailVerification::Verified);
    if (!identity.name.isEmpty())
        object.insert(kName, identity.name);
    return secrets::SecretBytes::adopt(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

RememberedSignIn decodeRememberedSignIn(QByteArrayView secret) {
    const QJsonObject object = QJsonDocument::fromJson(secrets::SecretBytes(secret).exposed()).object();
    if (!object.value(kRefreshToken).isString())
        return {secrets::SecretBytes(secret), {}};
    RememberedSignIn remembered;
    remembered.refreshToken = secrets::SecretBytes::adopt(object.value(kRefreshToken).toString().toUtf8());
    // The same reading as a userinfo answer, so the e-mail's verification is judged in one place.
    remembered.identity = withUserInfo({}, object);
    return remembered;
}

} // namespace labshare::auth
