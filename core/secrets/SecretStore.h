// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace labshare::secrets {

// How a store answered. Unavailable: there is no keychain service or backend to ask (the caller
// keeps the secret in memory for the session and tells the user it will not be remembered).
enum class SecretStatus { Ok, NotFound, Unavailable, Failed };

// A copy holds a copy of the secret of its own (never a shared buffer), wiped when it goes.
struct SecretReply {
    SecretReply() = default;
    SecretReply(SecretStatus s, SecretBytes found, QString text)
        : status(s)
        , secret(std::move(found))
        , message(std::move(text)) {}
    SecretReply(const SecretReply& other)
        : status(other.status)
        , secret(other.secret.copy())
        , message(other.message) {}
    SecretReply& operator=(const SecretReply& other) {
        status = other.status;
        secret = other.secret.copy();
        message = other.message;
        return *this;
    }
    SecretReply(SecretReply&&) noexcept = default;
    SecretReply& operator=(SecretReply&&) noexcept = default;
    ~SecretReply() = default;

    SecretStatus status = SecretStatus::Failed;
    SecretBytes secret; // what read() found; empty otherwise
    QString message;    // for the user: names the key and the backend's error text, never the secret
};

using SecretCallback = std::function<void(const SecretReply&)>;

// Where secrets such as the OAuth refresh token are kept, by key.
//
// Every call is asynchronous and never blocks the calling thread. `done` is never called from
// inside the call: it runs later, from the event loop of the thread that made the call (use a
// store from the thread that created it). When the store is destroyed first, pending callbacks
// are dropped.
class SecretStore {
public:
    virtual ~SecretStore();

    virtual void read(const QString& key, SecretCallback done) = 0;
    virtual void write(const QString& key, QByteArrayView secret, SecretCallback done) = 0;
    // Removing a key that is not there answers Ok.
    virtual void remove(const QString& key, SecretCallback done) = 0;

    // Where the secrets go, for the user: "the system keychain", "memory (not remembered)".
    virtual QString backendName() const = 0;
};

} // namespace labshare::secrets
