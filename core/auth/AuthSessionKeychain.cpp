// SPDX-License-Identifier: GPL-3.0-or-later
// AuthSession's keychain entries: the remembered sign-in (refresh token and identity) and the client
// secret some providers require.
#include "auth/AuthSession.h"

#include "auth/RememberedSignIn.h"

namespace labshare::auth {

void AuthSession::setClientSecret(QByteArrayView secret) {
    m_clientSecret = secrets::SecretBytes(secret);
    m_clientSecretRead = true;
    const auto stored = guarded([this](const secrets::SecretReply& reply) {
        if (reply.status != secrets::SecretStatus::Ok && reply.status != secrets::SecretStatus::NotFound)
            Q_EMIT notice(tr("The client secret could not be kept in the keychain (%1); give it again next time.")
                              .arg(reply.message));
    });
    if (secret.isEmpty())
        m_store.remove(m_config.clientSecretKey(), stored);
    else
        m_store.write(m_config.clientSecretKey(), secret, stored);
}

void AuthSession::withClient(ClientCallback done) {
    withMetadata(
        [this, done = std::move(done)](const Result<IssuerMetadata>& metadata) { done(metadata, credentials()); });
}

void AuthSession::withMetadata(MetadataCallback done) {
    if (m_clientSecretRead || !m_config.clientSecretInKeychain) {
        discover(std::move(done));
        return;
    }
    const quint64 generation = m_generation;
    m_store.read(m_config.clientSecretKey(),
                 guarded([this, generation, done = std::move(done)](const secrets::SecretReply& reply) {
                     if (generation != m_generation) {
                         done(makeError(ErrorCode::Cancelled, tr("the identity provider changed")));
                         return;
                     }
                     m_clientSecretRead = true;
                     if (reply.status == secrets::SecretStatus::Ok)
                         m_clientSecret = reply.secret.copy();
                     else
                         Q_EMIT notice(tr("The client secret for %1 is not in the keychain (%2); the identity "
                                          "provider may refuse LabShare until it is set again.")
                                           .arg(m_config.issuer.host(), reply.message));
                     discover(done);
                 }));
}

void AuthSession::rememberRefreshToken(secrets::SecretBytes refreshToken) {
    m_refreshToken = std::move(refreshToken);
    writeRememberedSignIn();
}

void AuthSession::writeRememberedSignIn() {
    ++m_keychainWrites;
    m_account.saving = true;
    const quint64 generation = m_generation;
    m_store.write(
        m_config.secretKey(), encodeRememberedSignIn({m_refreshToken.copy(), m_account.identity}).view(),
        guarded([this, generation](const secrets::SecretReply& reply) {
            if (generation != m_generation)
                return;
            const bool remembered = reply.status == secrets::SecretStatus::Ok;
            m_account.remembered = remembered;
            m_account.saving = --m_keychainWrites > 0;
            Q_EMIT accountChanged();
            Q_EMIT refreshTokenStored(remembered);
            if (reply.status == secrets::SecretStatus::Unavailable)
                Q_EMIT notice(tr("No keychain is available (%1): this sign-in lasts until LabShare quits and will not "
                                 "be remembered.")
                                  .arg(reply.message));
            else if (!remembered)
                Q_EMIT notice(tr("The sign-in could not be saved in the keychain and will not be remembered: %1")
                                  .arg(reply.message));
        }));
}

} // namespace labshare::auth
