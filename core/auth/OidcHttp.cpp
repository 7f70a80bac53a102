// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/OidcHttp.h"

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
    if (error.isEmpty())
        return QStringLiteral("HTTP %1").arg(status);
    const QString description = body.value(QLatin1String("error_description")).toString();
    return description.isEmpty() ? error : error + QLatin1String(": ") + description;
}

OidcHttp::OidcHttp(QNetworkAccessManager& network)
    : m_network(network) {}

void OidcHttp::getJson(const QUrl& url, QObject* context, AnswerCallback done) {
    collect(m_network.get(makeRequest(url)), context, std::move(done));
}

void OidcHttp::getWithBearer(const QUrl& url, const QByteArray& accessToken, QObject* context, AnswerCallback done) {
    QNetworkRequest request = makeRequest(url);
    request.setRawHeader("Authorization", "Bearer " + accessToken);
    collect(m_network.get(request), context, std::move(done));
}

void OidcHttp::postForm(const QUrl& url, const FormFields& fields, QObject* context, AnswerCallback done) {
    QNetworkRequest request = makeRequest(url);
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
