// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace labshare::secrets {

// The bytes of one secret (an access or refresh token, a client secret, a ticket, a private key) in
// a buffer of their own. A QByteArray shares its buffer with every copy, so filling one copy with
// zeros detaches it and wipes a fresh buffer while the secret stays in the shared one; a SecretBytes
// is never shared: it is move-only, copy() makes a second buffer of its own, and clearing, replacing
// or destroying it overwrites the only copy it holds with zeros before freeing it.
//
// While it holds bytes it is listed in the secret registry, so that the log and exported diagnostics
// cut it out wherever it appears (SecretRegistry.h).
class SecretBytes {
public:
    SecretBytes() noexcept;
    explicit SecretBytes(QByteArrayView bytes);
    ~SecretBytes();

    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    // Copies `bytes` into a secret and overwrites `bytes` with zeros when no other QByteArray shares its
    // buffer (a shared buffer cannot be wiped from here: filling it would detach and wipe a copy). The
    // zeros are freed with `bytes`.
    static SecretBytes adopt(QByteArray&& bytes);

    // A second secret with the same bytes in a buffer of its own, wiped on its own.
    [[nodiscard]] SecretBytes copy() const;

    QByteArrayView view() const;
    const char* constData() const; // followed by a '\0', as a QByteArray's is
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }

    // A QByteArray with the bytes, for an API that takes nothing else (a request body or header, a
    // keychain write). It is an ordinary QByteArray: keep it only as long as that call needs it.
    QByteArray exposed() const;

    void clear(); // wipes and frees the bytes

    // Compares in time that depends on the sizes only.
    friend bool operator==(const SecretBytes& a, const SecretBytes& b);
    friend bool operator!=(const SecretBytes& a, const SecretBytes& b) { return !(a == b); }

private:
    struct Buffer;
    std::unique_ptr<Buffer> m_buffer; // null when empty
};

} // namespace labshare::secrets
