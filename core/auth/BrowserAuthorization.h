// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Pkce.h"
#include "auth/SignInFlow.h"

#include <QDateTime>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace labshare::auth {

class LoopbackReceiver;

// Opens a URL in the system browser; false when no browser could be started. Injected so that core
// stays free of GUI code (the app passes the desktop's URL opener, or xdg-open).
using BrowserOpener = std::function<bool(const QUrl& url)>;

// The authorization code grant with PKCE S256 (RFC 7636) and a loopback redirect (RFC 8252): the
// system browser shows the issuer's login page and comes back to a one-shot listener on 127.0.0.1.
// A browser that never comes back (the provider refused the redirect URI and stopped) ends the
// flow after the request's timeout with a message naming the likely cause.
class BrowserAuthorization : public SignInFlow {
    Q_OBJECT

public:
    BrowserAuthorization(QNetworkAccessManager& network, ClientRequest request, BrowserOpener openBrowser,
                         QObject* parent = nullptr);
    ~BrowserAuthorization() override;

    void start() override;
    void cancel() override;

Q_SIGNALS:
    // The address the user signs in at. When `browserOpened` is false the UI offers it to copy. The
    // flow fails at `deadline` when the browser has not come back by then.
    void linkReady(const QUrl& url, bool browserOpened, const QDateTime& deadline);

private:
    QUrl authorizationUrl() const;
    void onCode(const QByteArray& code);
    void fail(const QString& message);
    void timedOut();

    BrowserOpener m_openBrowser;
    std::unique_ptr<LoopbackReceiver> m_receiver;
    Pkce m_pkce;
    secrets::SecretBytes m_state;
    secrets::SecretBytes m_nonce;
    QTimer m_deadline;
    quint64 m_generation = 0;
};

} // namespace labshare::auth
