// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ClientAuthentication.h"

#include <QUrl>

namespace labshare::auth {

namespace {

const QLatin1String kNone("none");
const QLatin1String kSecretPost("client_secret_post");
const QLatin1String kSecretBasic("client_secret_basic");

// RFC 6749 §2.3.1: both parts form-urlencoded before they are joined and base64-encoded.
QByteArray basicAuthorization(const ClientCredentials& client) {
    const QByteArray pair = QUrl::toPercentEncoding(client.clientId) + ':' +
                            QUrl::toPercentEncoding(QString::fromUtf8(client.secret.view()));
    return "Basic " + pair.toBase64();
}

} // namespace

AuthenticatedForm authenticateClient(FormFields fields, const ClientCredentials& client,
                                     const QStringList& advertised) {
    AuthenticatedForm form;
    const bool basic = !client.secret.isEmpty() && !advertised.contains(kSecretPost);
    if (basic) {
        form.authorization = basicAuthorization(client);
    } else {
        fields.append({QStringLiteral("client_id"), client.clientId.toUtf8()});
        if (!client.secret.isEmpty())
            fields.append({QStringLiteral("client_secret"), client.secret.exposed()});
    }
    form.fields = std::move(fields);
    return form;
}

bool cannotAuthenticate(const ClientCredentials& client, const QStringList& advertised) {
    if (advertised.isEmpty())
        return false;
    if (client.secret.isEmpty())
        return !advertised.contains(kNone);
    return !advertised.contains(kSecretPost) && !advertised.contains(kSecretBasic);
}

void postAsClient(OidcHttp& http, const QUrl& endpoint, const QStringList& advertised, const ClientCredentials& client,
                  FormFields fields, QObject* context, AnswerCallback done) {
    const AuthenticatedForm form = authenticateClient(std::move(fields), client, advertised);
    http.postForm(endpoint, form.fields, context, std::move(done), form.authorization);
}

} // namespace labshare::auth
