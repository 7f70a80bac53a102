// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QByteArray>

namespace labshare::auth {

// Proof Key for Code Exchange (RFC 7636), S256 only.
struct Pkce {
    secrets::SecretBytes verifier; // 43 characters of base64url, from 32 random bytes (RFC 7636 §4.1)
    QByteArray challenge;          // BASE64URL(SHA256(verifier)), no padding (§4.2)
};

Pkce makePkce();
QByteArray pkceChallenge(QByteArrayView verifier);
// Unguessable base64url text from the system's random source, for what is not a secret (a page's
// script nonce).
QByteArray randomUrlToken(int bytes = 24);
// The same for a secret (`state`, `nonce`, a ticket, a cookie), after `prefix`; every buffer that held
// it on the way is wiped.
secrets::SecretBytes secretUrlToken(int bytes = 24, QByteArrayView prefix = {});

} // namespace labshare::auth
