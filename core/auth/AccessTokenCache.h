// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretBytes.h"

#include <QDateTime>
#include <QMutex>

#include <optional>

namespace labshare::auth {

// The current access token for threads other than the session's own (tunnel workers log in to
// token relays with it). Memory only. The session keeps it fresh; readers never wait.
class AccessTokenCache {
public:
    void set(secrets::SecretBytes token, const QDateTime& expiresAt); // the token it held is wiped
    void clear();
    // A copy of the token, of the reader's own, if it is still valid for at least `minSecondsLeft`.
    std::optional<secrets::SecretBytes> valid(int minSecondsLeft) const;

private:
    mutable QMutex m_mutex;
    secrets::SecretBytes m_token;
    QDateTime m_expiresAt;
};

} // namespace labshare::auth
