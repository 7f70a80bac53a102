// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccessTokenCache.h"

#include <QMutexLocker>

namespace labshare::auth {

void AccessTokenCache::set(secrets::SecretBytes token, const QDateTime& expiresAt) {
    const QMutexLocker lock(&m_mutex);
    m_token = std::move(token);
    m_expiresAt = expiresAt;
}

void AccessTokenCache::clear() {
    const QMutexLocker lock(&m_mutex);
    m_token.clear();
    m_expiresAt = {};
}

std::optional<secrets::SecretBytes> AccessTokenCache::valid(int minSecondsLeft) const {
    const QMutexLocker lock(&m_mutex);
    if (m_token.isEmpty() || QDateTime::currentDateTimeUtc().addSecs(minSecondsLeft) >= m_expiresAt)
        return std::nullopt;
    return m_token.copy();
}

} // namespace labshare::auth
