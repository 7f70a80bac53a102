// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/MemoryStore.h"

#include <QTimer>

#include <algorithm>
#include <utility>

namespace labshare::secrets {

MemoryStore::MemoryStore() = default;

MemoryStore::~MemoryStore() = default;

void MemoryStore::read(const QString& key, SecretCallback done) {
    if (m_unavailable)
        return answer(std::move(done), unavailable(key));
    const auto found = m_secrets.find(key);
    if (found == m_secrets.end())
        return answer(std::move(done),
                      {SecretStatus::NotFound, {}, tr("Nothing is stored as \"%1\" in %2.").arg(key, backendName())});
    answer(std::move(done), {SecretStatus::Ok, found->second.copy(), {}});
}

void MemoryStore::write(const QString& key, QByteArrayView secret, SecretCallback done) {
    if (m_unavailable)
        return answer(std::move(done), unavailable(key));
    m_secrets.insert_or_assign(key, SecretBytes(secret));
    answer(std::move(done), {SecretStatus::Ok, {}, {}});
}

void MemoryStore::remove(const QString& key, SecretCallback done) {
    if (m_unavailable)
        return answer(std::move(done), unavailable(key));
    m_secrets.erase(key);
    answer(std::move(done), {SecretStatus::Ok, {}, {}});
}

QString MemoryStore::backendName() const {
    return tr("memory (not remembered)");
}

QStringList MemoryStore::keys() const {
    QStringList keys;
    for (const auto& entry : m_secrets)
        keys << entry.first; // a std::map is sorted
    return keys;
}

void MemoryStore::answer(SecretCallback done, SecretReply reply) {
    // A zero-delay call on the guard: never re-entrant, and dropped with the store.
    QTimer::singleShot(0, &m_guard, [done = std::move(done), reply = std::move(reply)] {
        if (done)
            done(reply);
    });
}

SecretReply MemoryStore::unavailable(const QString& key) const {
    return {SecretStatus::Unavailable, {}, tr("Could not use \"%1\": %2 is unavailable.").arg(key, backendName())};
}

} // namespace labshare::secrets
