// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>
#include <map>

namespace labshare::secrets {

// Secrets held in this process only, for the session: what sign-in falls back to when there is no
// keychain, and what unit tests of its callers use. Answers are posted to the event loop, as a
// keychain's would be, computed at the time of the call (so a write followed by a read finds it).
class MemoryStore final : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(labshare::secrets::MemoryStore)

public:
    MemoryStore();
    ~MemoryStore() override;

    void read(const QString& key, SecretCallback done) override;
    void write(const QString& key, QByteArrayView secret, SecretCallback done) override;
    void remove(const QString& key, SecretCallback done) override;
    QString backendName() const override;

    // While set, every call answers Unavailable and changes nothing, as a store with no keychain
    // service behind it does.
    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    // The keys held, sorted.
    QStringList keys() const;

private:
    void answer(SecretCallback done, SecretReply reply);
    SecretReply unavailable(const QString& key) const;

    QObject m_guard; // answers are queued on it, so destroying the store drops them
    std::map<QString, SecretBytes> m_secrets;
    bool m_unavailable = false;
};

} // namespace labshare::secrets
