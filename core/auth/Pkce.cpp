// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace labshare::auth {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

QByteArray randomUrlToken(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    // QRandomGenerator::system() reads the operating system's cryptographic source.
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(kBase64Url);
}

QByteArray pkceChallenge(const QByteArray& verifier) {
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

Pkce makePkce() {
    Pkce pkce;
    pkce.verifier = randomUrlToken(32);
    pkce.challenge = pkceChallenge(pkce.verifier);
    return pkce;
}

} // namespace labshare::auth
