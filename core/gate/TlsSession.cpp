// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSSL's home for LabShare's own TLS (the gate): this file and TlsIdentity.cpp.
#include "gate/TlsSession.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace labshare::gate {

namespace {

constexpr int kReadChunk = 16 * 1024;

QString openSslError() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return TlsSession::tr("the connection broke off");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

Result<std::unique_ptr<TlsSession>> contextError() {
    return makeError(ErrorCode::ProcessFailed, TlsSession::tr("cannot set up TLS: %1").arg(openSslError()));
}

// The newest session ticket from a gate whose key was the one pinned, per pin, for the process.
class ResumableSessions {
public:
    ResumableSessions() = default;
    ResumableSessions(const ResumableSessions&) = delete;
    ResumableSessions& operator=(const ResumableSessions&) = delete;
    // Runs at exit, before OpenSSL's own clean-up (registered earlier, when the first context was made).
    ~ResumableSessions() {
        for (SSL_SESSION* session : std::as_const(m_sessions))
            SSL_SESSION_free(session);
    }

    void keep(const QString& pin, const SSL_SESSION* session) {
        // A copy: OpenSSL marks a connection's own session unresumable when it ends without a close_notify.
        SSL_SESSION* copy = SSL_SESSION_dup(session);
        if (!copy)
            return;
        const QMutexLocker lock(&m_mutex);
        if (SSL_SESSION* old = m_sessions.take(pin))
            SSL_SESSION_free(old);
        m_sessions.insert(pin, copy);
    }
    void resume(const QString& pin, SSL* ssl) {
        const QMutexLocker lock(&m_mutex);
        if (SSL_SESSION* session = m_sessions.value(pin))
            SSL_set_session(ssl, session);
    }

private:
    QMutex m_mutex;
    QHash<QString, SSL_SESSION*> m_sessions;
};

ResumableSessions& resumable() {
    static ResumableSessions sessions; // lives as long as the process
    return sessions;
}

} // namespace

Result<std::unique_ptr<TlsSession>> TlsSession::server(const TlsIdentity& identity) {
    std::unique_ptr<TlsSession> session(new TlsSession);
    session->m_context = identity.serverContext();
    if (!session->m_context || SSL_CTX_up_ref(session->m_context) != 1) {
        session->m_context = nullptr;
        return contextError();
    }
    session->m_ssl = SSL_new(session->m_context);
    if (!session->m_ssl)
        return contextError();
    SSL_set_bio(session->m_ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_accept_state(session->m_ssl);
    return session;
}

Result<std::unique_ptr<TlsSession>> TlsSession::client(const QString& pinned) {
    std::unique_ptr<TlsSession> session(new TlsSession);
    session->m_pinned = pinned;
    // One client context for the process (the pin is per session): making one per connection costs
    // more than the handshake.
    static SSL_CTX* const shared = [] {
        SSL_CTX* context = SSL_CTX_new(TLS_client_method());
        if (context && SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION) == 1) {
            // The gate's certificate is self-signed: no authority vouches for it, the pinned key does.
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, &TlsSession::verifyPeer);
            SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
            SSL_CTX_sess_set_new_cb(context, &TlsSession::onNewSession);
            return context;
        }
        SSL_CTX_free(context);
        return static_cast<SSL_CTX*>(nullptr);
    }();
    if (!shared || SSL_CTX_up_ref(shared) != 1)
        return contextError();
    session->m_context = shared;
    session->m_ssl = SSL_new(session->m_context);
    if (!session->m_ssl)
        return contextError();
    SSL_set_app_data(session->m_ssl, session.get());
    if (!pinned.isEmpty())
        resumable().resume(pinned, session->m_ssl);
    SSL_set_bio(session->m_ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_connect_state(session->m_ssl);
    session->advance(); // the ClientHello
    return session;
}

TlsSession::~TlsSession() {
    SSL_free(m_ssl);
    SSL_CTX_free(m_context);
}

int TlsSession::verifyPeer(int, X509_STORE_CTX* store) {
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return 1; // only the gate's own certificate matters
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* self = static_cast<TlsSession*>(SSL_get_app_data(ssl));
    X509* certificate = X509_STORE_CTX_get_current_cert(store);
    self->m_peerFingerprint = certificate ? publicKeyFingerprint(X509_get0_pubkey(certificate)) : QString();
    return self->m_pinned.isEmpty() || self->m_peerFingerprint == self->m_pinned ? 1 : 0;
}

bool TlsSession::isResumed() const {
    return m_established && SSL_session_reused(m_ssl) == 1;
}

int TlsSession::onNewSession(SSL* ssl, SSL_SESSION* session) {
    const auto* self = static_cast<const TlsSession*>(SSL_get_app_data(ssl));
    // Only a session with a gate that showed the pinned key (now, or when the resumed one was made).
    if (self && !self->m_pinned.isEmpty() && self->m_peerFingerprint == self->m_pinned)
        resumable().keep(self->m_pinned, session);
    return 0; // the connection keeps its own reference
}

void TlsSession::receive(const QByteArray& ciphertext) {
    if (m_error || ciphertext.isEmpty())
        return;
    BIO_write(SSL_get_rbio(m_ssl), ciphertext.constData(), int(ciphertext.size()));
    advance();
}

void TlsSession::send(const QByteArray& plaintext) {
    if (m_error)
        return;
    m_toSend += plaintext;
    advance();
}

QByteArray TlsSession::takeReceived() {
    return std::exchange(m_received, {});
}

QByteArray TlsSession::takeOutgoing() {
    BIO* out = SSL_get_wbio(m_ssl);
    QByteArray bytes(qsizetype(BIO_ctrl_pending(out)), Qt::Uninitialized);
    if (!bytes.isEmpty())
        bytes.resize(BIO_read(out, bytes.data(), int(bytes.size())));
    return bytes;
}

qsizetype TlsSession::outgoingPending() const {
    return qsizetype(BIO_ctrl_pending(SSL_get_wbio(m_ssl)));
}

void TlsSession::close() {
    if (!m_error && m_established)
        SSL_shutdown(m_ssl);
}

void TlsSession::advance() {
    if (!m_established) {
        const int result = SSL_do_handshake(m_ssl);
        if (result != 1) {
            const int error = SSL_get_error(m_ssl, result);
            if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
                return;
            if (!m_pinned.isEmpty() && !m_peerFingerprint.isEmpty() && m_peerFingerprint != m_pinned) {
                ERR_clear_error();
                fail(tr("the gate's key is %1, not %2 as the handout says: someone may be in between")
                         .arg(m_peerFingerprint, m_pinned));
            } else {
                fail(tr("the TLS handshake failed: %1").arg(openSslError()));
            }
            return;
        }
        m_established = true;
        if (SSL_session_reused(m_ssl) == 1 && !SSL_is_server(m_ssl))
            m_peerFingerprint = m_pinned; // resumed from a session with the pinned key: see onNewSession()
    }
    while (!m_toSend.isEmpty()) {
        const int written = SSL_write(m_ssl, m_toSend.constData(), int(qMin<qsizetype>(m_toSend.size(), kReadChunk)));
        if (written <= 0) {
            const int error = SSL_get_error(m_ssl, written);
            if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE)
                fail(tr("TLS failed: %1").arg(openSslError()));
            break;
        }
        m_toSend.remove(0, written);
    }
    char buffer[kReadChunk];
    while (!m_peerClosed && !m_error) {
        const int read = SSL_read(m_ssl, buffer, sizeof buffer);
        if (read > 0) {
            m_received.append(buffer, read);
            continue;
        }
        const int error = SSL_get_error(m_ssl, read);
        if (error == SSL_ERROR_ZERO_RETURN)
            m_peerClosed = true;
        else if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE)
            fail(tr("TLS failed: %1").arg(openSslError()));
        break;
    }
}

void TlsSession::fail(const QString& message) {
    m_error = Error{ErrorCode::Network, message, {}};
}

} // namespace labshare::gate
