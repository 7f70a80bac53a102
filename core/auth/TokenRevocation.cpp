// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenRevocation.h"

#include "common/Logging.h"

#include <QCoreApplication>

namespace labshare::auth {

namespace {

// Gives this file's messages their tr() and translation context.
class TokenRevocation {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::TokenRevocation)
};

QString refusal(const HttpAnswer& answer, const ClientCredentials& client, const QStringList& advertised) {
    QString reason =
        answer.networkError.isEmpty()
            ? TokenRevocation::tr("the identity provider refused: %1").arg(answer.describe())
            : TokenRevocation::tr("the identity provider could not be reached: %1").arg(answer.networkError);
    if (cannotAuthenticate(client, advertised))
        reason +=
            client.secret.isEmpty()
                ? TokenRevocation::tr("; it lets only clients with a secret revoke (it lists %1), and none is set")
                      .arg(advertised.join(QLatin1String(", ")))
                : TokenRevocation::tr("; it lists only %1 for revocation").arg(advertised.join(QLatin1String(", ")));
    return reason;
}

} // namespace

void revokeToken(OidcHttp& http, const IssuerMetadata& issuer, const ClientCredentials& client, const QByteArray& token,
                 const char* hint, QObject* context, std::function<void(const RevocationOutcome&)> done) {
    if (issuer.revocationEndpoint.isEmpty()) {
        done({false, TokenRevocation::tr("it offers no revocation endpoint")});
        return;
    }
    const QStringList advertised = issuer.revocationAuthMethods;
    postAsClient(http, issuer.revocationEndpoint, advertised, client,
                 {{QStringLiteral("token"), token}, {QStringLiteral("token_type_hint"), QByteArray(hint)}}, context,
                 [hint, client, advertised, done = std::move(done)](const HttpAnswer& answer) {
                     if (answer.succeeded()) {
                         qCInfo(lcAuth) << "revoked the" << hint;
                         done({true, {}});
                         return;
                     }
                     const QString reason = refusal(answer, client, advertised);
                     qCWarning(lcAuth) << "could not revoke the" << hint << reason;
                     done({false, reason});
                 });
}

} // namespace labshare::auth
