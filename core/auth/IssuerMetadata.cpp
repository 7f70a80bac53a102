// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IssuerMetadata.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace labshare::auth {

namespace {

// Issuer identifiers are compared as strings (Discovery §4.3); a lone trailing slash is tolerated
// because people paste issuers both ways.
QString comparable(const QUrl& url) {
    QString text = url.toString(QUrl::FullyEncoded);
    if (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

Result<QUrl> endpoint(const QJsonObject& doc, const char* field, bool required) {
    const QString name = QLatin1String(field);
    const QString text = doc.value(name).toString();
    if (text.isEmpty()) {
        if (required)
            return makeError(ErrorCode::BadInput,
                             IssuerMetadata::tr("the issuer's discovery document has no %1").arg(name));
        return QUrl();
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && !isLoopbackUrl(url)))
        return makeError(ErrorCode::BadInput, IssuerMetadata::tr("the issuer's %1 is not an https address: %2")
                                                  .arg(name, url.toString(QUrl::RemoveQuery)));
    return url;
}

QStringList strings(const QJsonObject& doc, const char* field) {
    QStringList out;
    for (const QJsonValue& value : doc.value(QLatin1String(field)).toArray())
        if (value.isString())
            out.append(value.toString());
    return out;
}

} // namespace

bool isLoopbackUrl(const QUrl& url) {
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return false;
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QUrl> parseIssuer(const QString& text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::BadInput,
                         IssuerMetadata::tr("no issuer is set: give the address of your identity provider"));
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::BadInput,
                         IssuerMetadata::tr("issuer \"%1\" is not a valid address").arg(text.trimmed()));
    if (url.hasQuery() || url.hasFragment())
        return makeError(ErrorCode::BadInput, IssuerMetadata::tr("issuer %1 must not have a query or fragment")
                                                  .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment)));
    if (url.scheme() != QLatin1String("https") && !isLoopbackUrl(url))
        return makeError(
            ErrorCode::BadInput,
            IssuerMetadata::tr("issuer %1 must use https (plain http is only accepted on this computer's loopback)")
                .arg(url.toString()));
    return url;
}

QUrl discoveryUrl(const QUrl& issuer) {
    QUrl url = issuer;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1String("/.well-known/openid-configuration"));
    return url;
}

Result<IssuerMetadata> parseIssuerMetadata(const QByteArray& json, const QUrl& issuer) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return makeError(ErrorCode::BadInput,
                         IssuerMetadata::tr("the issuer's discovery document is not JSON: %1 (offset %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    return parseIssuerMetadata(document.object(), issuer);
}

Result<IssuerMetadata> parseIssuerMetadata(const QJsonObject& doc, const QUrl& issuer) {
    IssuerMetadata meta;
    meta.issuer = QUrl(doc.value(QLatin1String("issuer")).toString());
    if (comparable(meta.issuer) != comparable(issuer))
        return makeError(ErrorCode::BadInput,
                         IssuerMetadata::tr("the discovery document at %1 is for issuer \"%2\", not %3")
                             .arg(discoveryUrl(issuer).toString(), meta.issuer.toString(), issuer.toString()));
    struct Field {
        QUrl* target;
        const char* name;
        bool required;
    };
    const Field fields[] = {
        {&meta.authorizationEndpoint, "authorization_endpoint", true},
        {&meta.tokenEndpoint, "token_endpoint", true},
        {&meta.deviceAuthorizationEndpoint, "device_authorization_endpoint", false},
        {&meta.userinfoEndpoint, "userinfo_endpoint", false},
        {&meta.revocationEndpoint, "revocation_endpoint", false},
    };
    for (const Field& field : fields) {
        Result<QUrl> url = endpoint(doc, field.name, field.required);
        if (!url)
            return url.error();
        *field.target = *url;
    }
    meta.codeChallengeMethods = strings(doc, "code_challenge_methods_supported");
    meta.tokenAuthMethods = strings(doc, "token_endpoint_auth_methods_supported");
    meta.revocationAuthMethods = strings(doc, "revocation_endpoint_auth_methods_supported");
    return meta;
}

} // namespace labshare::auth
