// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/OidcHttp.h"

#include "auth/OAuthErrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace labshare::auth {

namespace {

constexpr int kTimeoutMs = 20000;

QNetworkRequest makeRequest(const QUrl& url) {
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    // Never follow a redirect to somewhere a form with a code or token was not meant to go.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

void collect(QNetworkReply* reply, QObject* context, AnswerCallback done) {
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answer.status == 0)
            answer.networkError = reply->errorString();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        if (document.isObject())
            answer.body = document.object();
        answer.wwwAuthenticate = QString::fromLatin1(reply->rawHeader("WWW-Authenticate"));
        done(answer);
    });
}

} // namespace

QString HttpAnswer::describe() const {
    if (!networkError.isEmpty())
        return networkError;
    const QString error = oauthError();
    const QString description = body.value(QLatin1String("error_description")).toString();
    QString text;
    if (error.isEmpty())
        text = OidcHttp::tr("the identity provider answered HTTP %1").arg(status);
    else if (const QString meaning = oauthErrorMeaning(error); !meaning.isEmpty())
        text = QStringLiteral("%1 (%2)").arg(meaning, error);
    else
        text = OidcHttp::tr("the identity provider answered HTTP %1 with \"%2\", which is not a standard OAuth error")
                   .arg(status)
                   .arg(error);
    if (!description.isEmpty())
        text += OidcHttp::tr("; it says: %1").arg(description);
    else if (status >= 400 && error.isEmpty())
        text += OidcHttp::tr(" without saying why");
    return text;
}

OidcHttp::OidcHttp(QNetworkAccessManager& network)
    : m_network(network) {}

void OidcHttp::getJson(const QUrl& url, QObject* context, AnswerCallback done) {
    collect(m_network.get(makeRequest(url)), context, std::move(done));
}

void OidcHttp::getWithBearer(const QUrl& url, const secrets::SecretBytes& accessToken, QObject* context,
                             AnswerCallback done) {
    QNetworkRequest request = makeRequest(url);
    request.setRawHeader("Authorization", "Bearer " + accessToken.exposed());
    collect(m_network.get(request), context, std::move(done));
}

void OidcHttp::postForm(const QUrl& url, const FormFields& fields, QObject* context, AnswerCallback done,
                        const QByteArray& authorization) {
    QNetworkRequest request = makeRequest(url);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    collect(m_network.post(request, encodeForm(fields)), context, std::move(done));
}

QByteArray OidcHttp::encodeForm(const FormFields& fields) {
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return body;
}

} // namespace labshare::auth
