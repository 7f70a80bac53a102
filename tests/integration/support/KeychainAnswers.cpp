// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainAnswers.h"

#include "Wait.h"
#include "auth/RememberedSignIn.h"
#include "secrets/KeychainStore.h"

namespace labshare::testsupport {

secrets::SecretCallback SecretAnswer::callback() {
    return [this](const secrets::SecretReply& r) {
        reply = r;
        ++calls;
    };
}

secrets::SecretReply readKeychain(const QString& key) {
    secrets::KeychainStore store(QStringLiteral(LABSHARE_APP_ID));
    SecretAnswer answer;
    store.read(key, answer.callback());
    (void)waitUntil([&answer] { return answer.reply.has_value(); }, 15000);
    return answer.reply.value_or(secrets::SecretReply{});
}

bool removeFromKeychain(const QString& key) {
    secrets::KeychainStore store(QStringLiteral(LABSHARE_APP_ID));
    SecretAnswer removed;
    store.remove(key, removed.callback());
    return waitUntil([&removed] { return removed.reply.has_value(); }, 15000);
}

QByteArray readRefreshToken(const QString& key) {
    const secrets::SecretReply reply = readKeychain(key);
    return reply.status == secrets::SecretStatus::Ok
               ? auth::decodeRememberedSignIn(reply.secret.view()).refreshToken.exposed()
               : QByteArray();
}

} // namespace labshare::testsupport
