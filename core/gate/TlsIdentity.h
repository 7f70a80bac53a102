// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;
typedef struct ssl_ctx_st SSL_CTX;

namespace labshare::gate {

// The gate's TLS identity: a P-256 key and a self-signed certificate for it, made once per LabShare
// installation and kept in the keychain. Students pin it by its fingerprint, so no certificate
// authority is involved and the certificate's names and dates mean nothing.
class TlsIdentity {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::TlsIdentity)

public:
    static Result<TlsIdentity> generate();
    // What toPem() wrote; an error when it is not a key and certificate that belong together.
    static Result<TlsIdentity> fromPem(QByteArrayView pem);

    secrets::SecretBytes toPem() const; // the private key and the certificate, for the keychain only
    QString fingerprint() const { return m_fingerprint; }

    EVP_PKEY* key() const { return m_key.get(); }
    X509* certificate() const { return m_certificate.get(); }
    // One server context for every session with this identity: making one per connection costs
    // more than the handshake. Shared between threads (OpenSSL contexts are, once set up).
    SSL_CTX* serverContext() const { return m_serverContext.get(); }

private:
    Result<bool> finish(); // the fingerprint and the server context, once key and certificate are there

    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<X509> m_certificate;
    std::shared_ptr<SSL_CTX> m_serverContext;
    QString m_fingerprint;
};

// "SHA256:" and the unpadded base64 of the SHA-256 of a public key's DER (SubjectPublicKeyInfo), as
// ssh writes key fingerprints; empty when the key cannot be encoded.
QString publicKeyFingerprint(EVP_PKEY* key);

} // namespace labshare::gate
