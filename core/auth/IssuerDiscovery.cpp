// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IssuerDiscovery.h"

#include <QCoreApplication>

namespace labshare::auth {

void discoverIssuer(OidcHttp& http, const QString& issuer, QObject* context, MetadataCallback done) {
    const Result<QUrl> checked = parseIssuer(issuer);
    if (!checked) {
        done(checked.error());
        return;
    }
    const QUrl url = discoveryUrl(*checked);
    http.getJson(url, context, [url, issuer = *checked, done = std::move(done)](const HttpAnswer& answer) {
        if (!answer.succeeded()) {
            done(makeError(ErrorCode::Network,
                           QCoreApplication::translate("labshare::auth::IssuerDiscovery",
                                                       "cannot read the identity provider's settings at %1: %2")
                               .arg(url.toString(), answer.describe())));
            return;
        }
        done(parseIssuerMetadata(answer.body, issuer));
    });
}

} // namespace labshare::auth
