// SPDX-License-Identifier: GPL-3.0-or-later
#include "BrowserUser.h"
#include "Wait.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

#include <memory>

namespace labshare::testsupport {

namespace {

constexpr int maxRedirects = 20;

// What oidc-provider's own device pages say (lib/helpers/defaults.js, successSource and userCodeInputSource).
constexpr QLatin1String deviceSignedIn("<h1>Sign-in Success</h1>");
constexpr QLatin1String deviceInterrupted("The Sign-in request was interrupted");

bool sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

bool isLoopback(const QUrl& url) {
    return url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
}

bool isRedirect(const HttpPage& page) {
    return page.status >= 300 && page.status < 400 && page.location.isValid();
}

bool isLoginForm(const HttpPage& page) {
    return page.body.contains("name=\"username\"") && page.body.contains("name=\"password\"");
}

QString unescapeHtml(QString text) {
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

// The value of attribute `attribute` in the first tag of `html` matching `tagPattern`; empty when absent.
QString scrape(const QByteArray& html, const QString& tagPattern, const QString& attribute) {
    const QRegularExpression tag(tagPattern, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch tagMatch = tag.match(QString::fromUtf8(html));
    if (!tagMatch.hasMatch())
        return QString();
    const QRegularExpression value(QStringLiteral("\\b%1=\"([^\"]*)\"").arg(attribute));
    return unescapeHtml(value.match(tagMatch.captured(0)).captured(1));
}

QString hiddenField(const QByteArray& html, const QString& name) {
    return scrape(html, QStringLiteral("<input[^>]*name=\"%1\"[^>]*>").arg(name), QStringLiteral("value"));
}

QUrl formAction(const HttpPage& page) {
    return page.url.resolved(QUrl(scrape(page.body, QStringLiteral("<form[^>]*>"), QStringLiteral("action"))));
}

} // namespace

QByteArray formBody(const QUrlQuery& form) {
    QByteArray body;
    const auto items = form.queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

HttpPage exchange(QNetworkAccessManager& manager, QNetworkRequest request, const QUrlQuery* form, int timeoutMs) {
    HttpPage page;
    page.url = request.url();
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    std::unique_ptr<QNetworkReply> reply;
    if (form) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply.reset(manager.post(request, formBody(*form)));
    } else {
        reply.reset(manager.get(request));
    }
    if (!waitUntil([&] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        page.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return page;
    }
    page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    page.body = reply->readAll();
    const QByteArray location = reply->rawHeader("Location");
    if (!location.isEmpty())
        page.location = page.url.resolved(QUrl::fromEncoded(location));
    if (page.status == 0)
        page.error = reply->errorString();
    return page;
}

BrowserUser::BrowserUser() {
    // Network only to loopback: never through a proxy from the environment.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

HttpPage BrowserUser::get(const QUrl& url) {
    m_last = exchange(m_network, QNetworkRequest(url));
    return m_last;
}

HttpPage BrowserUser::post(const QUrl& url, const QUrlQuery& form) {
    m_last = exchange(m_network, QNetworkRequest(url), &form);
    return m_last;
}

bool BrowserUser::fail(const QString& what, const HttpPage& page) {
    // URLs lose their query: it may hold a code or a user code.
    m_error = QStringLiteral("%1: %2 at %3%4")
                  .arg(what,
                       page.status ? QStringLiteral("HTTP %1").arg(page.status)
                                   : QStringLiteral("no HTTP answer (%1)").arg(page.error),
                       page.url.toString(QUrl::RemoveQuery),
                       page.body.isEmpty() ? QString() : QStringLiteral("\n") + QString::fromUtf8(page.body.left(400)));
    return false;
}

HttpPage BrowserUser::walk(HttpPage page, const QString& user, const QString& password) {
    const QUrl provider = page.url;
    bool signedIn = false;
    for (int step = 0; step < maxRedirects; ++step) {
        if (page.status == 0 || page.status >= 400) {
            fail(page.status == 401 ? QStringLiteral("the provider refused %1's password").arg(user)
                                    : QStringLiteral("the provider answered with an error"),
                 page);
            return HttpPage();
        }
        if (isRedirect(page)) {
            if (!sameOrigin(page.location, provider))
                return page;
            page = get(page.location);
        } else if (isLoginForm(page) && !signedIn) {
            QUrlQuery credentials;
            credentials.addQueryItem(QStringLiteral("username"), user);
            credentials.addQueryItem(QStringLiteral("password"), password);
            page = post(formAction(page), credentials);
            signedIn = true;
        } else {
            return page;
        }
    }
    fail(QStringLiteral("more than %1 redirects").arg(maxRedirects), page);
    return HttpPage();
}

bool BrowserUser::signInAt(const QUrl& authorizationUrl, const QString& user, const QString& password) {
    m_error.clear();
    m_lastRedirect.clear();
    const HttpPage end = walk(get(authorizationUrl), user, password);
    if (end.status == 0)
        return false;
    if (!isRedirect(end))
        return fail(QStringLiteral("the sign-in ended on a page instead of a redirect to the client"), end);
    if (!isLoopback(end.location))
        return fail(QStringLiteral("the provider redirects to %1, which is not loopback")
                        .arg(end.location.toString(QUrl::RemoveQuery)),
                    end);
    m_lastRedirect = end.location;
    const HttpPage callback = get(m_lastRedirect);
    if (callback.status == 0)
        return fail(QStringLiteral("the loopback redirect URI did not answer"), callback);
    return true;
}

std::optional<HttpPage> BrowserUser::submitDeviceForm(const QUrl& verificationUriComplete, const QString& choice) {
    m_error.clear();
    m_lastRedirect.clear();
    // oidc-provider answers verification_uri_complete with a self-submitting form holding xsrf and user_code.
    const HttpPage verification = get(verificationUriComplete);
    const QString xsrf = hiddenField(verification.body, QStringLiteral("xsrf"));
    const QString userCode = hiddenField(verification.body, QStringLiteral("user_code"));
    if (verification.status != 200 || xsrf.isEmpty() || userCode.isEmpty()) {
        (void)fail(QStringLiteral("no device verification form with xsrf and user_code"), verification);
        return std::nullopt;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("xsrf"), xsrf);
    form.addQueryItem(QStringLiteral("user_code"), userCode);
    form.addQueryItem(choice, QStringLiteral("yes"));
    return post(formAction(verification), form);
}

bool BrowserUser::approveDevice(const QUrl& verificationUriComplete, const QString& user, const QString& password) {
    const std::optional<HttpPage> confirmed = submitDeviceForm(verificationUriComplete, QStringLiteral("confirm"));
    if (!confirmed)
        return false;
    const HttpPage end = walk(*confirmed, user, password);
    if (end.status == 0)
        return false;
    if (end.status != 200 || !end.body.contains(deviceSignedIn.data()))
        return fail(QStringLiteral("the provider did not say the device is signed in"), end);
    return true;
}

bool BrowserUser::denyDevice(const QUrl& verificationUriComplete) {
    const std::optional<HttpPage> end = submitDeviceForm(verificationUriComplete, QStringLiteral("abort"));
    if (!end)
        return false;
    if (end->status != 200 || !end->body.contains(deviceInterrupted.data()))
        return fail(QStringLiteral("the provider did not say the sign-in was interrupted"), *end);
    return true;
}

} // namespace labshare::testsupport
