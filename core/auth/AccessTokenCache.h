// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMutex>

#include <optional>

namespace labshare::auth {

// The current access token for threads other than the session's own (tunnel workers log in to
// token relays with it). Memory only. The session keeps it fresh; readers never wait.
class AccessTokenCache {
public:
    void set(const QByteArray& token, const QDateTime& expiresAt);
    void clear();
    // The token if it is still valid for at least `minSecondsLeft`.
    std::optional<QByteArray> valid(int minSecondsLeft) const;

private:
    mutable QMutex m_mutex;
    QByteArray m_token;
    QDateTime m_expiresAt;
};

} // namespace labshare::auth
