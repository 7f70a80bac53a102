// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace labshare::auth {

// Proof Key for Code Exchange (RFC 7636), S256 only.
struct Pkce {
    QByteArray verifier;  // 43 characters of base64url, from 32 random bytes (RFC 7636 §4.1)
    QByteArray challenge; // BASE64URL(SHA256(verifier)), no padding (§4.2)
};

Pkce makePkce();
QByteArray pkceChallenge(const QByteArray& verifier);
// Unguessable base64url text from the system's random source, for `state` and `nonce`.
QByteArray randomUrlToken(int bytes = 24);

} // namespace labshare::auth
