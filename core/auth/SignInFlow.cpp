// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/SignInFlow.h"

namespace labshare::auth {

SignInFlow::SignInFlow(QNetworkAccessManager& network, ClientRequest request, QObject* parent)
    : QObject(parent)
    , m_http(network)
    , m_request(std::move(request)) {}

} // namespace labshare::auth
