// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace labshare::auth {

// One answer from an issuer endpoint: the HTTP status and the JSON body, or why there is none.
struct HttpAnswer {
    int status = 0;          // 0 when no HTTP answer arrived
    QString networkError;    // set when the request failed below HTTP (refused, timeout, TLS)
    QJsonObject body;        // empty when the body was not a JSON object
    QString wwwAuthenticate; // the WWW-Authenticate header of a 401, if any

    bool succeeded() const { return networkError.isEmpty() && status >= 200 && status < 300; }
    QString oauthError() const { return body.value(QLatin1String("error")).toString(); }
    // "invalid_grant: the refresh token was revoked", or the network error, or "HTTP 500"; never a token.
    QString describe() const;
};

using FormFields = QList<QPair<QString, QByteArray>>;
using AnswerCallback = std::function<void(const HttpAnswer&)>;

// The HTTP calls of OpenID Connect and OAuth, asynchronous on the caller's thread. `done` runs on
// `context`'s thread and never after `context` is destroyed. Requests time out after 20 s.
class OidcHttp {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::OidcHttp)

public:
    explicit OidcHttp(QNetworkAccessManager& network);

    void getJson(const QUrl& url, QObject* context, AnswerCallback done);
    void getWithBearer(const QUrl& url, const secrets::SecretBytes& accessToken, QObject* context, AnswerCallback done);
    // application/x-www-form-urlencoded, every value percent-encoded (a '+' in a token stays a '+');
    // `authorization` is sent as the Authorization header when it is not empty.
    void postForm(const QUrl& url, const FormFields& fields, QObject* context, AnswerCallback done,
                  const QByteArray& authorization = {});

    static QByteArray encodeForm(const FormFields& fields);

private:
    QNetworkAccessManager& m_network;
};

} // namespace labshare::auth
