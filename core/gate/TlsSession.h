// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "gate/TlsIdentity.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct x509_store_ctx_st X509_STORE_CTX;
typedef struct ssl_session_st SSL_SESSION;

namespace labshare::gate {

// One TLS 1.3 session over memory buffers, for the gate (server) and `labshare connect` (client).
// The caller moves ciphertext between it and a socket or an SSH channel: nothing here blocks or
// touches a descriptor, so the gate runs inside the relay worker's poll loop. A client is given the
// fingerprint to expect; another key ends the handshake before any plaintext leaves. A client resumes
// (TLS 1.3 session ticket) from the last session it had with a gate whose key matched the same pin:
// the gate proved that key when the ticket was made, and only it can open the ticket, so a resumed
// session needs no certificate and costs a fraction of a full handshake.
class TlsSession {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::TlsSession)

public:
    static Result<std::unique_ptr<TlsSession>> server(const TlsIdentity& identity);
    // `pinned`: "SHA256:…" the gate must have; empty accepts any key (peerFingerprint() says which).
    static Result<std::unique_ptr<TlsSession>> client(const QString& pinned);
    ~TlsSession();
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    void receive(const QByteArray& ciphertext); // bytes from the peer
    QByteArray takeOutgoing();                  // bytes for the peer
    void send(const QByteArray& plaintext);     // queued until the handshake is done
    QByteArray takeReceived();                  // plaintext from the peer
    void close();                               // a close_notify for the peer

    bool isEstablished() const { return m_established; }
    bool peerClosed() const { return m_peerClosed; }
    const std::optional<Error>& error() const { return m_error; } // the session is dead after one
    QString peerFingerprint() const { return m_peerFingerprint; }
    bool isResumed() const; // from an earlier session's ticket, without a certificate
    qsizetype pendingSend() const { return m_toSend.size(); }
    qsizetype outgoingPending() const; // ciphertext takeOutgoing() would return

private:
    TlsSession() = default;
    static int verifyPeer(int preverified, X509_STORE_CTX* store);
    static int onNewSession(SSL* ssl, SSL_SESSION* session);
    void advance();
    void fail(const QString& message);

    SSL_CTX* m_context = nullptr;
    SSL* m_ssl = nullptr;
    QString m_pinned;
    QString m_peerFingerprint;
    QByteArray m_toSend;
    QByteArray m_received;
    bool m_established = false;
    bool m_peerClosed = false;
    std::optional<Error> m_error;
};

} // namespace labshare::gate
