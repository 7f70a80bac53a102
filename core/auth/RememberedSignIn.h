// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Identity.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>

namespace labshare::auth {

// What the keychain keeps for a sign-in: the refresh token, and whom it belongs to. The identity is
// no secret; it is kept with the token so that every run can say who is signed in before the
// identity provider answers, and when the provider's refresh answers carry no ID token.
struct RememberedSignIn {
    secrets::SecretBytes refreshToken;
    Identity identity;
};

secrets::SecretBytes encodeRememberedSignIn(const RememberedSignIn& remembered);
// Also reads an entry holding the bare refresh token (what LabShare kept before it kept the identity).
RememberedSignIn decodeRememberedSignIn(QByteArrayView secret);

} // namespace labshare::auth
