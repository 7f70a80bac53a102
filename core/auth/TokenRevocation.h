// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/OidcHttp.h"

#include <QByteArray>
#include <QUrl>

#include <functional>

namespace labshare::auth {

// Asks the issuer to revoke a token (RFC 7009): `hint` is "refresh_token" or "access_token".
// Best effort: the outcome is logged (never the token) and `done` runs either way.
void revokeToken(OidcHttp& http, const QUrl& endpoint, const QString& clientId, const QByteArray& token,
                 const char* hint, QObject* context, std::function<void()> done);

} // namespace labshare::auth
