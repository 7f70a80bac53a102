// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenRevocation.h"

#include "common/Logging.h"

namespace labshare::auth {

void revokeToken(OidcHttp& http, const QUrl& endpoint, const QString& clientId, const QByteArray& token,
                 const char* hint, QObject* context, std::function<void()> done) {
    http.postForm(endpoint,
                  {{QStringLiteral("token"), token},
                   {QStringLiteral("token_type_hint"), QByteArray(hint)},
                   {QStringLiteral("client_id"), clientId.toUtf8()}},
                  context, [hint, done = std::move(done)](const HttpAnswer& answer) {
                      if (answer.succeeded())
                          qCInfo(lcAuth) << "revoked the" << hint;
                      else
                          qCWarning(lcAuth) << "could not revoke the" << hint << answer.describe();
                      done();
                  });
}

} // namespace labshare::auth
