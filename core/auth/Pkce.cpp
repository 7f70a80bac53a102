// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace labshare::auth {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    // QRandomGenerator::system() reads the operating system's cryptographic source.
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw;
}

} // namespace

QByteArray randomUrlToken(int bytes) {
    return randomBytes(bytes).toBase64(kBase64Url);
}

secrets::SecretBytes secretUrlToken(int bytes, QByteArrayView prefix) {
    QByteArray raw = randomBytes(bytes);
    QByteArray encoded = raw.toBase64(kBase64Url);
    secrets::SecretBytes::adopt(std::move(raw)); // wiped
    QByteArray text;
    text.reserve(prefix.size() + encoded.size());
    text.append(prefix).append(encoded);
    secrets::SecretBytes::adopt(std::move(encoded));
    return secrets::SecretBytes::adopt(std::move(text));
}

QByteArray pkceChallenge(QByteArrayView verifier) {
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

Pkce makePkce() {
    Pkce pkce;
    pkce.verifier = secretUrlToken(32);
    pkce.challenge = pkceChallenge(pkce.verifier.view());
    return pkce;
}

} // namespace labshare::auth
