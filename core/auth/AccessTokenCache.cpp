// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccessTokenCache.h"

#include <QMutexLocker>

namespace labshare::auth {

void AccessTokenCache::set(const QByteArray& token, const QDateTime& expiresAt) {
    const QMutexLocker lock(&m_mutex);
    m_token.fill('\0');
    m_token = token;
    m_expiresAt = expiresAt;
}

void AccessTokenCache::clear() {
    const QMutexLocker lock(&m_mutex);
    m_token.fill('\0');
    m_token.clear();
    m_expiresAt = {};
}

std::optional<QByteArray> AccessTokenCache::valid(int minSecondsLeft) const {
    const QMutexLocker lock(&m_mutex);
    if (m_token.isEmpty() || QDateTime::currentDateTimeUtc().addSecs(minSecondsLeft) >= m_expiresAt)
        return std::nullopt;
    return m_token;
}

} // namespace labshare::auth
