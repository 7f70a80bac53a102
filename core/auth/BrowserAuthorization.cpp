// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/BrowserAuthorization.h"

#include "auth/LoopbackReceiver.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUrlQuery>

namespace labshare::auth {

BrowserAuthorization::BrowserAuthorization(QNetworkAccessManager& network, ClientRequest request,
                                           BrowserOpener openBrowser, QObject* parent)
    : SignInFlow(network, std::move(request), parent)
    , m_openBrowser(std::move(openBrowser)) {
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &BrowserAuthorization::timedOut);
}

BrowserAuthorization::~BrowserAuthorization() = default;

void BrowserAuthorization::start() {
    cancel();
    const quint64 generation = m_generation;
    auto failLater = [this, generation](const QString& message) {
        QTimer::singleShot(0, this, [this, generation, message] {
            if (generation == m_generation)
                fail(message);
        });
    };
    // PKCE is what makes a public client's code useless to anyone else on this computer: no PKCE, no flow.
    if (!m_request.issuer.supportsPkceS256()) {
        failLater(tr("%1 does not advertise PKCE with S256, which LabShare requires for browser sign-in; use device "
                     "sign-in instead")
                      .arg(m_request.issuer.issuer.toString()));
        return;
    }
    m_pkce = makePkce();
    m_state = secretUrlToken();
    m_nonce = secretUrlToken();
    m_receiver = std::make_unique<LoopbackReceiver>(m_state.copy());
    if (Result<bool> listening = m_receiver->listen(quint16(m_request.redirectPort)); !listening) {
        failLater(listening.error().message);
        return;
    }
    connect(m_receiver.get(), &LoopbackReceiver::codeReceived, this, [this, generation](const QByteArray& code) {
        if (generation == m_generation)
            onCode(code);
    });
    connect(m_receiver.get(), &LoopbackReceiver::failed, this, [this, generation](const QString& message) {
        if (generation == m_generation)
            fail(message);
    });
    const QUrl url = authorizationUrl();
    qCInfo(lcAuth) << "browser sign-in waiting on" << m_receiver->redirectUri().toString();
    m_deadline.start(m_request.browserTimeoutSeconds * 1000);
    const QDateTime deadline = QDateTime::currentDateTimeUtc().addSecs(m_request.browserTimeoutSeconds);
    // The browser may come back (and this flow end) before openBrowser returns.
    const bool opened = m_openBrowser && m_openBrowser(url);
    if (generation != m_generation)
        return;
    if (!opened)
        qCInfo(lcAuth) << "no browser opened; the sign-in link is offered to copy";
    Q_EMIT linkReady(url, opened, deadline);
}

void BrowserAuthorization::cancel() {
    ++m_generation;
    m_deadline.stop();
    if (m_receiver) {
        m_receiver->close();
        m_receiver.release()->deleteLater(); // it may be inside its own signal right now
    }
}

QUrl BrowserAuthorization::authorizationUrl() const {
    QUrl url = m_request.issuer.authorizationEndpoint;
    QUrlQuery query(url);
    const auto add = [&query](const char* name, const QString& value) {
        query.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("response_type", QStringLiteral("code"));
    add("client_id", m_request.client.clientId);
    add("redirect_uri", m_receiver->redirectUri().toString());
    add("scope", m_request.scope);
    add("state", QString::fromLatin1(m_state.view()));
    add("nonce", QString::fromLatin1(m_nonce.view()));
    add("code_challenge", QString::fromLatin1(m_pkce.challenge));
    add("code_challenge_method", QStringLiteral("S256"));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

void BrowserAuthorization::onCode(const QByteArray& code) {
    const quint64 generation = m_generation;
    const QUrl redirect = m_receiver->redirectUri();
    m_deadline.stop(); // the browser came back; the token request has its own timeout
    postAsClient(m_request.issuer.tokenEndpoint,
                 {{QStringLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("redirect_uri"), redirect.toString().toUtf8()},
                  {QStringLiteral("code_verifier"), m_pkce.verifier.exposed()}},
                 [this, generation](const HttpAnswer& answer) {
                     if (generation != m_generation)
                         return;
                     Result<TokenResponse> tokens = readTokenResponse(answer);
                     if (!tokens) {
                         fail(tokens.error().message);
                         return;
                     }
                     tokens->expectedNonce = m_nonce.copy();
                     cancel();
                     Q_EMIT succeeded(*tokens);
                 });
}

void BrowserAuthorization::timedOut() {
    const QString redirect = m_receiver ? m_receiver->redirectUri().toString() : QString();
    const int seconds = m_request.browserTimeoutSeconds;
    const QString waited = seconds >= 120 ? tr("%1 minutes").arg(seconds / 60) : tr("%1 seconds").arg(seconds);
    QString message = tr("the browser did not come back within %1. If the provider's page showed an error (such as "
                         "\"redirect_uri mismatch\", \"invalid redirect\" or a bare 403), it does not accept %2 as a "
                         "redirect URI for client %3.")
                          .arg(waited, redirect, m_request.client.clientId);
    message += m_request.redirectPort == 0
                   ? tr(" Providers that match redirect URIs exactly need a fixed port: set one (--redirect-port, or "
                        "the Identity provider window) and register http://127.0.0.1:PORT/callback with that port.")
                   : tr(" Register exactly that address at the provider, or use the device sign-in.");
    fail(message);
}

void BrowserAuthorization::fail(const QString& message) {
    cancel();
    Q_EMIT failed(message);
}

} // namespace labshare::auth
