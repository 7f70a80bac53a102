// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSSL's home for LabShare's own TLS (the gate): this file and TlsSession.cpp.
#include "gate/TlsIdentity.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace labshare::gate {

namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

} // namespace

QString publicKeyFingerprint(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    if (size <= 0)
        return {};
    const QByteArray digest = QCryptographicHash::hash(QByteArrayView(der, size), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    return QStringLiteral("SHA256:") +
           QString::fromLatin1(digest.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}

Result<TlsIdentity> TlsIdentity::generate() {
    TlsIdentity identity;
    identity.m_key.reset(EVP_EC_gen("P-256"), EVP_PKEY_free);
    identity.m_certificate.reset(X509_new(), X509_free);
    X509* cert = identity.m_certificate.get();
    bool ok = identity.m_key && cert && X509_set_version(cert, 2) == 1;
    ok = ok && ASN1_INTEGER_set(X509_get_serialNumber(cert), 1) == 1;
    ok = ok && X509_gmtime_adj(X509_getm_notBefore(cert), 0) &&
         X509_time_adj_ex(X509_getm_notAfter(cert), 36500, 0, nullptr);
    ok = ok && X509_set_pubkey(cert, identity.m_key.get()) == 1;
    X509_NAME* name = ok ? X509_get_subject_name(cert) : nullptr;
    ok = ok && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                          reinterpret_cast<const unsigned char*>("LabShare gate"), -1, -1, 0) == 1;
    ok = ok && X509_set_issuer_name(cert, name) == 1 && X509_sign(cert, identity.m_key.get(), EVP_sha256()) > 0;
    if (!ok)
        return makeError(ErrorCode::ProcessFailed, tr("cannot make the gate's TLS key"));
    if (Result<bool> finished = identity.finish(); !finished)
        return finished.error();
    return identity;
}

Result<bool> TlsIdentity::finish() {
    m_fingerprint = publicKeyFingerprint(m_key.get());
    m_serverContext.reset(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
    if (!m_serverContext || SSL_CTX_set_min_proto_version(m_serverContext.get(), TLS1_3_VERSION) != 1 ||
        SSL_CTX_use_certificate(m_serverContext.get(), m_certificate.get()) != 1 ||
        SSL_CTX_use_PrivateKey(m_serverContext.get(), m_key.get()) != 1 ||
        SSL_CTX_set_num_tickets(m_serverContext.get(), 1) != 1) // what a resuming helper needs
        return makeError(ErrorCode::ProcessFailed, tr("cannot set up TLS with the gate's key"));
    return true;
}

Result<TlsIdentity> TlsIdentity::fromPem(QByteArrayView pem) {
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), BIO_free);
    TlsIdentity identity;
    identity.m_key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    identity.m_certificate.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!identity.m_key || !identity.m_certificate ||
        X509_check_private_key(identity.m_certificate.get(), identity.m_key.get()) != 1)
        return makeError(ErrorCode::BadInput, tr("the gate's TLS key in the keychain is damaged"));
    if (Result<bool> finished = identity.finish(); !finished)
        return finished.error();
    return identity;
}

secrets::SecretBytes TlsIdentity::toPem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free); // a memory BIO clears its buffer as it frees it
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
        PEM_write_bio_X509(bio.get(), m_certificate.get()) != 1)
        return {};
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return secrets::SecretBytes(QByteArrayView(data, size));
}

} // namespace labshare::gate
