// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthSession.h"

#include "auth/IssuerDiscovery.h"
#include "auth/RememberedSignIn.h"

#include "common/Logging.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>

namespace labshare::auth {

namespace {

constexpr int kUnknownLifetimeSeconds = 3600;
constexpr int kMaxRefreshLeadSeconds = 300;
constexpr int kRetryRefreshMs = 30000;
constexpr int kRejectionWindowSeconds = 60;

} // namespace

AuthSession::AuthSession(secrets::SecretStore& store, QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_network(network)
    , m_http(network) {
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AuthSession::refresh);
}

AuthSession::~AuthSession() {
    clearTokens();
}

void AuthSession::setConfig(const AuthConfig& config) {
    const bool otherClient = m_config.isOtherClient(config);
    if (otherClient || config.clientSecretInKeychain != m_config.clientSecretInKeychain) {
        m_clientSecret.clear();
        m_clientSecretRead = false;
    }
    if (!otherClient) {
        m_config = config; // the redirect port or the secret's place changed: the sign-in stays
        return;
    }
    cancelSignIn();
    clearTokens();
    m_config = config;
    m_metadata.reset();
    setState(AuthState::SignedOut);
}

void AuthSession::discover(MetadataCallback done) {
    if (m_metadata) {
        done(*m_metadata);
        return;
    }
    if (m_config.clientId.isEmpty()) {
        done(makeError(ErrorCode::BadInput, tr("no client id is set for %1").arg(m_config.issuer.toString())));
        return;
    }
    const quint64 generation = m_generation;
    discoverIssuer(m_http, m_config.issuer.toString(), this,
                   [this, generation, done](const Result<IssuerMetadata>& metadata) {
                       if (generation != m_generation) {
                           done(makeError(ErrorCode::Cancelled, tr("the identity provider changed")));
                           return;
                       }
                       if (metadata)
                           m_metadata = *metadata;
                       done(metadata);
                   });
}

void AuthSession::restore() {
    if (!m_config.isComplete() || m_state != AuthState::SignedOut)
        return;
    setState(AuthState::Restoring);
    const quint64 generation = m_generation;
    m_store.read(
        m_config.secretKey(), guarded([this, generation](const secrets::SecretReply& reply) {
            if (generation != m_generation || m_state != AuthState::Restoring)
                return;
            switch (reply.status) {
            case secrets::SecretStatus::Ok: {
                RememberedSignIn remembered = decodeRememberedSignIn(reply.secret.view());
                m_refreshToken = std::move(remembered.refreshToken);
                m_account.identity = remembered.identity;
                m_account.remembered = true;
                Q_EMIT accountChanged(); // who it is, before the identity provider answers
                refresh();
                return;
            }
            case secrets::SecretStatus::NotFound:
                break;
            case secrets::SecretStatus::Unavailable:
                Q_EMIT notice(
                    tr("No keychain is available (%1): a sign-in will last until LabShare quits.").arg(reply.message));
                break;
            case secrets::SecretStatus::Failed:
                Q_EMIT notice(tr("Cannot read the remembered sign-in from the keychain: %1").arg(reply.message));
                break;
            }
            setState(AuthState::SignedOut);
            answerWaiters(makeError(ErrorCode::AuthFailed, tr("not signed in")));
        }));
}

void AuthSession::signIn(SignInMethod method) {
    cancelSignIn();
    setState(AuthState::SigningIn);
    const quint64 generation = m_generation;
    withMetadata([this, method, generation](const Result<IssuerMetadata>& metadata) {
        if (generation != m_generation || m_state != AuthState::SigningIn)
            return;
        if (!metadata) {
            setState(m_refreshToken.isEmpty() ? AuthState::SignedOut : AuthState::SignInRequired);
            Q_EMIT signInFailed(metadata.error().message);
            return;
        }
        startFlow(method, *metadata);
    });
}

void AuthSession::startFlow(SignInMethod method, const IssuerMetadata& metadata) {
    ClientRequest request{metadata, credentials(), m_config.scope, m_config.redirectPort, m_browserTimeoutSeconds};
    if (method == SignInMethod::Device) {
        auto flow = std::make_unique<DeviceAuthorization>(m_network, request);
        connect(flow.get(), &DeviceAuthorization::codeReady, this, &AuthSession::deviceCodeReady);
        m_flow = std::move(flow);
    } else {
        auto flow = std::make_unique<BrowserAuthorization>(m_network, request, m_openBrowser);
        connect(flow.get(), &BrowserAuthorization::linkReady, this, &AuthSession::browserLinkReady);
        m_flow = std::move(flow);
    }
    connect(m_flow.get(), &SignInFlow::succeeded, this, [this](const TokenResponse& tokens) {
        m_flow.release()->deleteLater();
        onTokens(tokens, true);
    });
    connect(m_flow.get(), &SignInFlow::failed, this, [this](const QString& message) {
        m_flow.release()->deleteLater();
        qCInfo(lcAuth) << "sign-in failed:" << message;
        setState(m_refreshToken.isEmpty() ? AuthState::SignedOut : AuthState::SignInRequired);
        Q_EMIT signInFailed(message);
    });
    m_flow->start();
}

void AuthSession::cancelSignIn() {
    if (m_flow) {
        m_flow->cancel();
        m_flow.release()->deleteLater();
    }
    if (m_state == AuthState::SigningIn)
        setState(m_refreshToken.isEmpty() ? AuthState::SignedOut : AuthState::SignInRequired);
}

void AuthSession::refresh() {
    if (m_refreshing || m_refreshToken.isEmpty())
        return;
    m_refreshing = true;
    m_refreshTimer.stop();
    const quint64 generation = m_generation;
    withMetadata([this, generation](const Result<IssuerMetadata>& metadata) {
        if (generation != m_generation)
            return;
        if (!metadata) {
            onRefreshFailed(metadata.error());
            return;
        }
        postAsClient(m_http, metadata->tokenEndpoint, metadata->tokenAuthMethods, credentials(),
                     {{QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), m_refreshToken.exposed()}},
                     this, [this, generation](const HttpAnswer& answer) {
                         if (generation != m_generation)
                             return;
                         m_refreshing = false;
                         Result<TokenResponse> tokens = readTokenResponse(answer);
                         if (!tokens) {
                             onRefreshFailed(tokens.error());
                             return;
                         }
                         onTokens(*tokens, false);
                     });
    });
}

void AuthSession::onRefreshFailed(const Error& error) {
    m_refreshing = false;
    if (error.code == ErrorCode::AuthFailed) {
        // The refresh token expired or was revoked: it is useless now, in memory and in the keychain.
        qCInfo(lcAuth) << "refresh refused; the user must sign in again";
        m_store.remove(m_config.secretKey(), [](const secrets::SecretReply&) {});
        requireSignIn(
            tr("Your sign-in at %1 has ended (%2); sign in again.").arg(m_config.issuer.host(), error.message));
        return;
    }
    qCInfo(lcAuth) << "refresh failed, trying again in" << kRetryRefreshMs / 1000 << "s:" << error.message;
    m_refreshTimer.start(kRetryRefreshMs);
    if (m_state == AuthState::Restoring)
        setState(AuthState::SignedIn); // remembered, just not reachable right now
    answerWaiters(error);
}

void AuthSession::onTokens(const TokenResponse& tokens, bool fromSignIn) {
    Identity identity = m_account.identity;
    if (!tokens.idToken.isEmpty()) {
        Result<Identity> fromToken = readIdToken(tokens.idToken.exposed(), m_config.issuer, m_config.clientId,
                                                 fromSignIn ? tokens.expectedNonce.view() : QByteArrayView());
        if (!fromToken) {
            if (fromSignIn) {
                setState(m_refreshToken.isEmpty() ? AuthState::SignedOut : AuthState::SignInRequired);
                Q_EMIT signInFailed(fromToken.error().message);
                return;
            }
            qCWarning(lcAuth) << "ignoring the refreshed ID token:" << fromToken.error().message;
        } else {
            identity = *fromToken;
        }
    }
    m_lifetimeSeconds = tokens.expiresIn > 0 ? tokens.expiresIn : kUnknownLifetimeSeconds;
    m_account.identity = identity;
    m_account.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(m_lifetimeSeconds);
    m_cache.set(tokens.accessToken.copy(), m_account.accessExpiresAt);
    const bool rotated = !tokens.refreshToken.isEmpty() && tokens.refreshToken != m_refreshToken;
    qCInfo(lcAuth) << (fromSignIn ? "signed in;" : "access token refreshed;") << "it expires in" << m_lifetimeSeconds
                   << "s" << (rotated && !fromSignIn ? "(refresh token rotated)" : "");
    if (rotated) {
        rememberRefreshToken(tokens.refreshToken.copy());
    } else if (fromSignIn && tokens.refreshToken.isEmpty()) {
        // Without offline access there is nothing to remember: the sign-in ends with the access token.
        m_refreshToken.clear();
        m_account.remembered = false;
        Q_EMIT notice(tr("%1 issued no refresh token: this sign-in lasts until %2 and is not remembered.")
                          .arg(m_config.issuer.host(),
                               m_account.accessExpiresAt.toLocalTime().toString(QStringLiteral("HH:mm"))));
        Q_EMIT refreshTokenStored(false);
    }
    if (!m_refreshToken.isEmpty())
        scheduleRefresh(m_lifetimeSeconds);
    // A refresh answer may carry no ID token (OpenID Connect Core §12.2): then userinfo says who it is,
    // before anyone is told the sign-in is there.
    if (m_account.identity.email.isEmpty() && m_metadata && !m_metadata->userinfoEndpoint.isEmpty()) {
        fetchUserInfo([this] { signedIn(); });
        return;
    }
    signedIn();
}

void AuthSession::signedIn() {
    setState(AuthState::SignedIn);
    Q_EMIT accountChanged();
    Q_EMIT accessTokenChanged();
    if (std::optional<secrets::SecretBytes> token = m_cache.valid(0))
        answerWaiters(std::move(*token));
    else
        answerWaiters(makeError(ErrorCode::AuthFailed, tr("the identity provider issued an access token that had "
                                                          "already expired")));
}

void AuthSession::fetchUserInfo(std::function<void()> then) {
    const std::optional<secrets::SecretBytes> token = m_cache.valid(0);
    if (!token) {
        then();
        return;
    }
    const quint64 generation = m_generation;
    m_http.getWithBearer(m_metadata->userinfoEndpoint, *token, this,
                         [this, generation, then = std::move(then)](const HttpAnswer& answer) {
                             if (generation != m_generation)
                                 return;
                             if (answer.succeeded()) {
                                 const Identity before = m_account.identity;
                                 m_account.identity = withUserInfo(before, answer.body);
                                 const bool changed = m_account.identity != before;
                                 if (changed && !m_refreshToken.isEmpty() && m_account.remembered)
                                     writeRememberedSignIn();
                             } else {
                                 qCInfo(lcAuth) << "userinfo did not answer:" << answer.describe();
                             }
                             then(); // signed in all the same: the access token works
                         });
}

void AuthSession::scheduleRefresh(int expiresIn) {
    const int lead = qMin(expiresIn / 5, kMaxRefreshLeadSeconds);
    m_refreshTimer.start(qMax(1, expiresIn - lead) * 1000);
}

int AuthSession::minValiditySeconds() const {
    return qMin(30, m_lifetimeSeconds / 4);
}

void AuthSession::withAccessToken(QObject* context, TokenCallback done) {
    if (m_state == AuthState::SignedIn) {
        if (std::optional<secrets::SecretBytes> token = m_cache.valid(minValiditySeconds())) {
            done(std::move(*token));
            return;
        }
    }
    const bool canRefresh = !m_refreshToken.isEmpty() && m_state != AuthState::SignInRequired;
    if (!canRefresh && m_state != AuthState::Restoring) {
        done(makeError(ErrorCode::AuthFailed, m_state == AuthState::SignInRequired
                                                  ? tr("your sign-in expired; sign in again")
                                                  : tr("you are not signed in; sign in first")));
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(done)});
    if (m_state != AuthState::Restoring)
        refresh();
}

void AuthSession::tokenRejected() {
    if (m_refreshToken.isEmpty()) {
        requireSignIn(tr("The relay refused your sign-in; sign in again."));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_lastRejectionRefresh.isValid() && m_lastRejectionRefresh.secsTo(now) < kRejectionWindowSeconds) {
        requireSignIn(tr("The relay refused your sign-in even with a fresh token: sign in again, or ask the relay's "
                         "operator to admit %1.")
                          .arg(m_account.identity.displayName()));
        return;
    }
    m_lastRejectionRefresh = now;
    m_cache.clear();
    refresh();
}

void AuthSession::requireSignIn(const QString& message) {
    m_cache.clear();
    m_refreshTimer.stop();
    setState(AuthState::SignInRequired);
    Q_EMIT signInFailed(message);
    answerWaiters(makeError(ErrorCode::AuthFailed, message));
}

void AuthSession::clearTokens() {
    ++m_generation;
    m_keychainWrites = 0;
    m_refreshTimer.stop();
    m_refreshing = false;
    m_refreshToken.clear();
    m_cache.clear();
    m_account = {};
    m_lastRejectionRefresh = {};
    answerWaiters(makeError(ErrorCode::Cancelled, tr("signed out")));
}

void AuthSession::setState(AuthState state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AuthSession::answerWaiters(const Result<secrets::SecretBytes>& token) {
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter& waiter : waiters)
        if (waiter.context)
            waiter.done(token);
}

} // namespace labshare::auth
