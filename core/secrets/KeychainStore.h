// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QObject>

namespace labshare::secrets {

// Secrets in the operating system's keychain through QtKeychain: the Secret Service
// (gnome-keyring, KWallet) on Linux, the Keychain on macOS, the Credential Manager on Windows.
// Secrets are stored as binary data and never in QtKeychain's plain-text fallback file.
//
// The Linux keychain service may start after LabShare does (at login, or activated on first use),
// so a call that finds no service is tried once more after `retryDelayMs` (as the ownCloud client
// does) before it answers Unavailable.
class KeychainStore final : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(labshare::secrets::KeychainStore)

public:
    // `service` names this application's entries: pass LABSHARE_APP_ID.
    explicit KeychainStore(QString service, int retryDelayMs = 2000);
    ~KeychainStore() override;

    void read(const QString& key, SecretCallback done) override;
    void write(const QString& key, QByteArrayView secret, SecretCallback done) override;
    void remove(const QString& key, SecretCallback done) override;
    QString backendName() const override;

    QString service() const { return m_service; }

private:
    struct Request;

    void start(const Request& request);
    void retryLater(Request request, const QString& detail);
    void finish(const Request& request, SecretStatus status, SecretBytes secret, const QString& detail);
    QString failureText(const Request& request, SecretStatus status, const QString& detail) const;

    QString m_service;
    int m_retryDelayMs;
    // Jobs report to this guard, never to a store already destroyed: a job outlives the store,
    // finishes and deletes itself, and its answer is dropped.
    QObject m_guard;
};

} // namespace labshare::secrets
