// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/IssuerMetadata.h"
#include "auth/OidcHttp.h"

#include <functional>

namespace labshare::auth {

using MetadataCallback = std::function<void(const Result<IssuerMetadata>& metadata)>;

// Reads `issuer`'s discovery document (OpenID Connect Discovery §4) and checks it; an issuer that is
// not https (or loopback) is refused before any request is made, with `done` called at once.
void discoverIssuer(OidcHttp& http, const QString& issuer, QObject* context, MetadataCallback done);

} // namespace labshare::auth
