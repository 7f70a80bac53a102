// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "common/Result.h"
#include "gate/GateEvents.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace labshare::gate {

// The sign-ins browsers are in the middle of at the HTTP shares of one relay, each named by a random
// cookie value that binds it to its browser: a browser's requests come on many connections, and its
// sign-in outlives each of them. Each is asked for once (a device sign-in at the instructor's identity
// provider), and ends with the device code's expiry, when used, or when the oldest beyond kMax go.
// Worker thread only.
class BrowserSignIns {
public:
    static constexpr qsizetype kMax = 256;
    // Sign-ins under way from one source address at most: more would let anyone who reaches the share
    // make LabShare ask the identity provider for codes without end.
    static constexpr int kMaxPerAddress = 4;

    struct SignIn {
        QString share;
        QString browserAt; // the source address it was started from: only that address may use it
        quint64 id = 0;    // 0 until asked for
        std::optional<auth::DeviceCode> code;
        std::optional<Result<auth::Identity>> outcome;
        qint64 startedMs = 0;
        qint64 expiresMs = 0;
        bool refusalTold = false;
    };

    // A new sign-in for a browser at `browserAt` that wants `share`: the cookie value naming it; empty
    // when that address has kMaxPerAddress under way already (they end with their codes' expiry).
    secrets::SecretBytes start(const QString& share, const QString& browserAt, qint64 nowMs);
    int underWayFrom(const QString& browserAt) const;
    SignIn* find(QByteArrayView cookie);
    void finish(QByteArrayView cookie);

    // The sign-ins not asked for yet get ids from `nextId`: (id, share) to ask the provider for.
    std::vector<std::pair<quint64, QString>> takeWanted(quint64& nextId);
    bool answer(const SignInAnswer& answer, qint64 nowMs); // false: no sign-in here has that id
    // Forgets what expired; `dropped` hears the ids still asked for, so polling for them can stop.
    void expire(qint64 nowMs, const std::function<void(quint64 id)>& dropped);

private:
    static QByteArray key(QByteArrayView cookie); // its SHA-256: the cookie itself is kept nowhere

    QHash<QByteArray, SignIn> m_signIns; // by key()
};

} // namespace labshare::gate
