// SPDX-License-Identifier: GPL-3.0-or-later
// AuthSession's sign-out: the keychain entry goes, the provider is asked to revoke, and the user is
// told which of the two happened.
#include "auth/AuthSession.h"

#include "common/Logging.h"

#include <QCoreApplication>

namespace labshare::auth {

QString SignOutOutcome::message(const QUrl& issuer) const {
    const QString at = issuer.toString();
    if (!hadTokens)
        return tr("Signed out of %1: nothing was left to revoke, and the sign-in is removed from this computer.")
            .arg(at);
    if (revoked)
        return tr("Signed out of %1: the sign-in was revoked at the provider and removed from this computer.").arg(at);
    return tr("Signed out of %1: the sign-in was removed from this computer, but the provider did not revoke it (%2). "
              "It stays valid until it expires or until you revoke it at %1.")
        .arg(at, reason);
}

void AuthSession::signOut() {
    cancelSignIn();
    const auto refreshToken = std::make_shared<const secrets::SecretBytes>(std::move(m_refreshToken));
    const auto accessToken =
        std::make_shared<const secrets::SecretBytes>(m_cache.valid(0).value_or(secrets::SecretBytes()));
    const AuthConfig config = m_config;
    clearTokens();
    setState(AuthState::SignedOut);
    Q_EMIT accountChanged();
    m_signOutOutcome = {!refreshToken->isEmpty() || !accessToken->isEmpty(), false, {}};
    m_signOutSteps = 1; // the keychain removal; the revocations add theirs
    if (config.isComplete()) {
        m_store.remove(config.secretKey(), guarded([this](const secrets::SecretReply& reply) {
                           if (reply.status != secrets::SecretStatus::Ok)
                               Q_EMIT notice(
                                   tr("Could not delete the sign-in from the keychain: %1").arg(reply.message));
                           signOutStepDone();
                       }));
    } else {
        QTimer::singleShot(0, this, [this] { signOutStepDone(); });
    }
    if (m_signOutOutcome.hadTokens)
        revokeForSignOut(refreshToken, accessToken);
}

// RFC 7009: the refresh token is what matters (revoking it ends the grant); the access token is
// revoked too where there is one. The outcome reported is the refresh token's, or the access
// token's when there was no refresh token.
void AuthSession::revokeForSignOut(SharedSecret refreshToken, SharedSecret accessToken) {
    ++m_signOutSteps;
    withMetadata([this, refreshToken, accessToken](const Result<IssuerMetadata>& metadata) {
        if (!metadata) {
            const RevocationOutcome unreachable{false, metadata.error().message};
            signOutStepDone(&unreachable, true);
            return;
        }
        const auto revoke = [this, &metadata](const secrets::SecretBytes& token, const char* hint, bool primary) {
            ++m_signOutSteps;
            revokeToken(m_http, *metadata, credentials(), token.exposed(), hint, this,
                        [this, primary](const RevocationOutcome& outcome) { signOutStepDone(&outcome, primary); });
        };
        if (!refreshToken->isEmpty())
            revoke(*refreshToken, "refresh_token", true);
        if (!accessToken->isEmpty())
            revoke(*accessToken, "access_token", refreshToken->isEmpty());
        signOutStepDone();
    });
}

void AuthSession::signOutStepDone(const RevocationOutcome* outcome, bool primary) {
    if (outcome && primary) {
        m_signOutOutcome.revoked = outcome->revoked;
        m_signOutOutcome.reason = outcome->reason;
    }
    if (m_signOutSteps > 0 && --m_signOutSteps == 0)
        Q_EMIT signOutFinished(m_signOutOutcome);
}

} // namespace labshare::auth
