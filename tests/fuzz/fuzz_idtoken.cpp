// SPDX-License-Identifier: GPL-3.0-or-later
// An ID token from the token endpoint (auth/Identity::readIdToken): a JWT whose claims are read and checked
// for issuer, audience and nonce.
#include "FuzzSupport.h"

#include "auth/Identity.h"

using namespace labshare;
using namespace labshare::auth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const QUrl issuer(QStringLiteral("https://issuer.example.org"));
    const QByteArray token = fuzz::bytes(data, size);
    for (const QByteArray& nonce : {QByteArray(), QByteArray("n-0S6_WzA2Mj")}) {
        const Result<Identity> identity = readIdToken(token, issuer, QStringLiteral("labshare"), nonce);
        if (identity)
            (void)identity->describe();
    }
    return 0;
}
