// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/SignInFlow.h"

namespace labshare::auth {

SignInFlow::SignInFlow(QNetworkAccessManager& network, ClientRequest request, QObject* parent)
    : QObject(parent)
    , m_http(network)
    , m_request(std::move(request)) {}

void SignInFlow::postAsClient(const QUrl& endpoint, FormFields fields, AnswerCallback done) {
    auth::postAsClient(m_http, endpoint, m_request.issuer.tokenAuthMethods, m_request.client, std::move(fields), this,
                       std::move(done));
}

} // namespace labshare::auth
