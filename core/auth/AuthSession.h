// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessTokenCache.h"
#include "auth/AuthConfig.h"
#include "auth/BrowserAuthorization.h"
#include "auth/DeviceAuthorization.h"
#include "auth/Identity.h"
#include "auth/IssuerDiscovery.h"
#include "auth/TokenRevocation.h"
#include "common/Result.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace labshare::auth {

enum class AuthState {
    SignedOut,
    Restoring, // reading the keychain and refreshing the remembered sign-in
    SigningIn, // a device or browser sign-in is in progress
    SignedIn,
    SignInRequired, // the sign-in expired, was revoked or was refused: the user must sign in again
};

enum class SignInMethod { Device, Browser };

// How a sign-out went at the identity provider. The tokens leave this computer either way.
struct SignOutOutcome {
    Q_DECLARE_TR_FUNCTIONS(labshare::auth::SignOutOutcome)

public:
    bool hadTokens = false; // false: there was nothing to revoke
    bool revoked = false;   // the provider confirmed revoking the refresh token (or the access token when
                            // there was no refresh token)
    QString reason;         // why not revoked, as a sentence part

    QString message(const QUrl& issuer) const; // what to tell the user, true to what the provider said
};

struct Account {
    Identity identity;
    QDateTime accessExpiresAt;
    bool remembered = false; // the refresh token is in the keychain (false: memory only, for this run)
    bool saving = false;     // the keychain has not answered a write yet: a process must not end before it has
};

// The signed-in user's tokens for one issuer and client, for the whole app. The access token lives in
// memory only and is refreshed ahead of expiry and once when a relay refuses it; the refresh token
// lives in the keychain (rotated tokens replace it) and is revoked and deleted on sign-out.
// Everything is asynchronous on the session's thread; other threads read tokenCache().
class AuthSession : public QObject {
    Q_OBJECT

public:
    using TokenCallback = std::function<void(const Result<secrets::SecretBytes>& accessToken)>;

    AuthSession(secrets::SecretStore& store, QNetworkAccessManager& network, QObject* parent = nullptr);
    ~AuthSession() override;

    void setConfig(const AuthConfig& config); // another client's tokens are forgotten in memory
    const AuthConfig& config() const { return m_config; }
    void setBrowserOpener(BrowserOpener openBrowser) { m_openBrowser = std::move(openBrowser); }
    // The client secret a provider requires even of installed apps: used from now on and kept in the
    // keychain (empty: none, and the keychain entry goes). Callers set config().clientSecretInKeychain.
    void setClientSecret(QByteArrayView secret);
    void setBrowserTimeout(int seconds) { m_browserTimeoutSeconds = seconds; }

    AuthState state() const { return m_state; }
    const Account& account() const { return m_account; }
    AccessTokenCache& tokenCache() { return m_cache; }

    void restore(); // picks up a sign-in remembered in the keychain, if any
    void signIn(SignInMethod method);
    void cancelSignIn();
    void signOut();
    // The issuer's metadata and this client's credentials (its secret read from the keychain when the
    // config says there is one), for other sign-ins with the same client: the gates' of students.
    using ClientCallback = std::function<void(const Result<IssuerMetadata>&, const ClientCredentials&)>;
    void withClient(ClientCallback done);
    // A valid access token, refreshed first when it is about to expire; concurrent callers share one
    // refresh. `done` runs on this session's thread, never after `context` is gone.
    void withAccessToken(QObject* context, TokenCallback done);
    // A relay or API refused the current access token: refresh once; if it is refused again soon
    // after, the user has to sign in again.
    void tokenRejected();

Q_SIGNALS:
    void stateChanged(labshare::auth::AuthState state);
    void accountChanged();
    void deviceCodeReady(const labshare::auth::DeviceCode& code);
    void browserLinkReady(const QUrl& url, bool browserOpened, const QDateTime& deadline);
    void signInFailed(const QString& message);
    void notice(const QString& message);      // e.g. that the sign-in will not be remembered
    void accessTokenChanged();                // a new access token is in tokenCache()
    void refreshTokenStored(bool remembered); // the keychain answered a write (false: memory only)
    void signOutFinished(const labshare::auth::SignOutOutcome& outcome); // revocation and keychain removal are done

private:
    struct Waiter {
        QPointer<QObject> context;
        TokenCallback done;
    };

    // The issuer's metadata, once the client secret (if the config says there is one) is read too.
    void withMetadata(MetadataCallback done);
    void discover(MetadataCallback done);
    ClientCredentials credentials() const { return {m_config.clientId, m_clientSecret.copy()}; }
    void startFlow(SignInMethod method, const IssuerMetadata& metadata);
    void refresh();
    void onTokens(const TokenResponse& tokens, bool fromSignIn);
    void signedIn();
    void onRefreshFailed(const Error& error);
    void rememberRefreshToken(secrets::SecretBytes refreshToken);
    void writeRememberedSignIn();
    void fetchUserInfo(std::function<void()> then);
    using SharedSecret = std::shared_ptr<const secrets::SecretBytes>; // one buffer for the callbacks that need it
    void revokeForSignOut(SharedSecret refreshToken, SharedSecret accessToken);
    void scheduleRefresh(int expiresIn);
    void requireSignIn(const QString& message);
    void clearTokens();
    void setState(AuthState state);
    void signOutStepDone(const RevocationOutcome* outcome = nullptr, bool primary = false);
    void answerWaiters(const Result<secrets::SecretBytes>& token);
    // A keychain answer for this session, dropped if the session is gone by then (the store may outlive it).
    template <typename Callback> auto guarded(Callback callback) {
        return [self = QPointer<AuthSession>(this), callback = std::move(callback)](const secrets::SecretReply& reply) {
            if (self)
                callback(reply);
        };
    }
    int minValiditySeconds() const;

    secrets::SecretStore& m_store;
    QNetworkAccessManager& m_network;
    OidcHttp m_http;
    AuthConfig m_config;
    BrowserOpener m_openBrowser;
    std::optional<IssuerMetadata> m_metadata;
    secrets::SecretBytes m_clientSecret;
    bool m_clientSecretRead = false;
    int m_browserTimeoutSeconds = 300;
    std::unique_ptr<SignInFlow> m_flow;
    AuthState m_state = AuthState::SignedOut;
    Account m_account;
    AccessTokenCache m_cache;
    secrets::SecretBytes m_refreshToken;
    int m_lifetimeSeconds = 0;
    bool m_refreshing = false;
    QDateTime m_lastRejectionRefresh;
    QList<Waiter> m_waiters;
    QTimer m_refreshTimer;
    quint64 m_generation = 0; // answers that arrive after sign-out or a new config are dropped
    int m_keychainWrites = 0; // writes the keychain has not answered yet
    int m_signOutSteps = 0;   // revocations and the keychain removal still running
    SignOutOutcome m_signOutOutcome;
};

} // namespace labshare::auth
