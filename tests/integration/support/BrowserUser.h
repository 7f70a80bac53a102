// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

class QNetworkRequest;

namespace labshare::testsupport {

// One HTTP exchange as a browser sees it before it follows a redirect.
struct HttpPage {
    QUrl url;       // what was asked for
    int status = 0; // 0 when no HTTP answer came (see error)
    QUrl location;  // the Location header, resolved against url; empty when there is none
    QByteArray body;
    QString error; // the network error when status is 0
};

// Sends one request (GET, or POST when `form` is given, as application/x-www-form-urlencoded) and waits at
// most `timeoutMs` for the whole answer; redirects are not followed and no proxy is asked.
[[nodiscard]] HttpPage exchange(QNetworkAccessManager& manager, QNetworkRequest request,
                                const QUrlQuery* form = nullptr, int timeoutMs = 10000);

// `form` as an application/x-www-form-urlencoded body; unlike QUrlQuery::toString it also encodes '+'.
[[nodiscard]] QByteArray formBody(const QUrlQuery& form);

// Plays the user at the OpenID provider fixture (tests/fixtures/oidc) in a browser: a cookie jar,
// redirects followed one by one, the fixture's login form and oidc-provider's device pages filled in.
// Every request waits at most 10 s, spinning the calling thread's event loop (tests only).
class BrowserUser {
public:
    BrowserUser();
    BrowserUser(const BrowserUser&) = delete;
    BrowserUser& operator=(const BrowserUser&) = delete;

    // Opens `authorizationUrl`, signs in at the login form and follows the redirects until they leave the
    // provider for a loopback address, then requests that URL too, as a browser would. True once the
    // loopback URL answered; lastRedirect() is that URL (with code or error), lastPage() its answer.
    [[nodiscard]] bool signInAt(const QUrl& authorizationUrl, const QString& user, const QString& password);
    // Opens a device flow's verification_uri_complete, confirms the code, signs in; true when the provider
    // says the device is signed in.
    [[nodiscard]] bool approveDevice(const QUrl& verificationUriComplete, const QString& user, const QString& password);
    // Opens verification_uri_complete and presses oidc-provider's Abort: the device's poll then gets
    // access_denied. True when the provider says the sign-in was interrupted.
    [[nodiscard]] bool denyDevice(const QUrl& verificationUriComplete);

    QByteArray lastPage() const { return m_last.body; }
    int lastStatus() const { return m_last.status; }
    QUrl lastRedirect() const { return m_lastRedirect; }
    QString error() const { return m_error; }

private:
    HttpPage get(const QUrl& url);
    HttpPage post(const QUrl& url, const QUrlQuery& form);
    // Follows redirects inside the provider's origin and fills in the login form once; returns the first
    // page that is neither, or a redirect out of the origin. Sets m_error and returns status 0 on failure.
    HttpPage walk(HttpPage page, const QString& user, const QString& password);
    // Loads the device verification page and submits its form with `choice` ("confirm" or "abort") set.
    std::optional<HttpPage> submitDeviceForm(const QUrl& verificationUriComplete, const QString& choice);
    bool fail(const QString& what, const HttpPage& page);

    QNetworkAccessManager m_network;
    HttpPage m_last;
    QUrl m_lastRedirect;
    QString m_error;
};

} // namespace labshare::testsupport
