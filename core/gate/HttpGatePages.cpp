// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/HttpGatePages.h"

#include "auth/Pkce.h"

#include <QDateTime>

namespace labshare::gate {

namespace {

QString html(const QString& text) {
    return text.toHtmlEscaped();
}

const char* const kStyle = "body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;"
                           "color:#1f2328}h1{font-size:1.4em}.code{font:700 2em/1.2 monospace;letter-spacing:.1em;"
                           "padding:.3em .6em;border:2px solid #8b949e;border-radius:.3em;display:inline-block}"
                           ".note{color:#57606a;font-size:.9em;margin-top:2em}a{color:#0969da}";

QByteArray response(int status, const QByteArray& reason, const QList<QByteArray>& headers, const QByteArray& body) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const QByteArray& h : headers)
        out += h + "\r\n";
    out += "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n";
    return out + body;
}

} // namespace

QByteArray HttpGatePages::signInCookie(QByteArrayView value, int maxAgeSeconds) {
    return QByteArray(kSignInCookie) + '=' + value.toByteArray() + "; Max-Age=" + QByteArray::number(maxAgeSeconds) +
           "; Path=/; HttpOnly; SameSite=Lax";
}

QByteArray HttpGatePages::page(int status, const QByteArray& reason, const QString& title, const QString& bodyHtml,
                               const QByteArray& pollWhileStatus, const QList<QByteArray>& extraHeaders) {
    // While the sign-in goes on: a script that reloads once its status changed, or (no JavaScript) a refresh.
    const QByteArray nonce = auth::randomUrlToken(16);
    QString poll;
    if (!pollWhileStatus.isEmpty())
        poll = QStringLiteral("<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>"
                              "<script nonce=\"%1\">(function poll(){setTimeout(function(){fetch('%2',{cache:"
                              "'no-store',credentials:'same-origin'}).then(function(r){return r.text()}).then("
                              "function(t){if(t.trim()!=='%3')location.reload();else poll()},poll)},2000)})();"
                              "</script>")
                   .arg(QString::fromLatin1(nonce), QString::fromLatin1(kStatusPath),
                        QString::fromLatin1(pollWhileStatus));
    const QString document = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                            "<meta name=\"viewport\" content=\"width=device-width\">%1"
                                            "<title>%2</title><style>%3</style></head><body>%4</body></html>")
                                 .arg(poll, html(title), QString::fromLatin1(kStyle), bodyHtml);
    QList<QByteArray> headers{"Content-Type: text/html; charset=utf-8", "X-Frame-Options: DENY",
                              "Referrer-Policy: no-referrer",
                              "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; "
                              "script-src 'nonce-" +
                                  nonce + "'; connect-src 'self'"};
    headers += extraHeaders;
    return response(status, reason, headers, document.toUtf8());
}

QByteArray HttpGatePages::signIn(const Context& context, const auth::DeviceCode* code, const QByteArray& setCookie) {
    const QString what =
        context.sharedBy.isEmpty()
            ? tr("%1 is only for the people it names.").arg(html(context.share))
            : tr("%1, shared by %2, is only for the people it names.").arg(html(context.share), html(context.sharedBy));
    QString body = QStringLiteral("<h1>%1</h1><p>%2</p>").arg(tr("Sign in to continue"), what);
    if (code) {
        const QUrl link =
            code->verificationUriComplete.isEmpty() ? code->verificationUri : code->verificationUriComplete;
        const qint64 minutes = std::max<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(code->expiresAt) / 60);
        body += tr("<p>On this or any other device (a phone will do), open<br><a href=\"%1\" target=\"_blank\" "
                   "rel=\"noopener\">%2</a><br>and enter this code:</p><p class=\"code\" id=\"user-code\">%3</p>"
                   "<p>This page continues by itself once you have signed in (or reload it). The code is valid for "
                   "%4 more min.</p>")
                    .arg(html(link.toString(QUrl::FullyEncoded)), html(code->verificationUri.toString()),
                         html(code->userCode), QString::number(minutes));
    } else {
        body += tr("<p>Asking the identity provider for a sign-in code…</p>");
    }
    body += tr("<p class=\"note\">This share is plain HTTP: this page, your sign-in cookie and everything you do "
               "here travel unencrypted, like the rest of the share's traffic.</p>");
    QList<QByteArray> headers;
    if (!setCookie.isEmpty())
        headers << "Set-Cookie: " + setCookie;
    return page(200, "OK", tr("Sign in — %1").arg(context.share), body, code ? "code" : "waiting", headers);
}

QByteArray HttpGatePages::status(const QByteArray& state) {
    return response(200, "OK", {"Content-Type: text/plain; charset=utf-8"}, state + '\n');
}

QByteArray HttpGatePages::refused(const Context& context, const QString& identity, const QString& reason) {
    const QString body =
        QStringLiteral("<h1>%1</h1><p>%2</p><p>%3</p><p><a href=\"%4\">%5</a></p>")
            .arg(tr("Not on the list"),
                 tr("You are signed in as <b>%1</b>.").arg(html(identity.isEmpty() ? tr("someone unknown") : identity)),
                 html(reason), QString::fromLatin1(kSignInAgainPath), tr("Sign in as someone else"));
    return page(403, "Forbidden", tr("Not on the list — %1").arg(context.share), body, {}, {});
}

QByteArray HttpGatePages::failed(const Context& context, const QString& reason) {
    const QString body =
        QStringLiteral("<h1>%1</h1><p>%2</p><p><a href=\"%3\">%4</a></p>")
            .arg(tr("The sign-in did not work"), html(reason), QString::fromLatin1(kSignInAgainPath), tr("Try again"));
    return page(503, "Service Unavailable", tr("Sign-in failed — %1").arg(context.share), body, {}, {});
}

QByteArray HttpGatePages::admit(const QByteArray& target, QByteArrayView ticket) {
    return response(
        303, "See Other",
        {"Location: " + target,
         QByteArray("Set-Cookie: ") + kTicketCookie + '=' + ticket.toByteArray() + "; Path=/; HttpOnly; SameSite=Lax",
         "Set-Cookie: " + signInCookie("", 0)},
        {});
}

QByteArray HttpGatePages::startOver(QByteArrayView signInCookieValue) {
    return response(303, "See Other",
                    {"Location: /", QByteArray("Set-Cookie: ") + kTicketCookie + "=; Max-Age=0; Path=/",
                     "Set-Cookie: " + signInCookie(signInCookieValue, 900)},
                    {});
}

QByteArray HttpGatePages::tooManySignIns(const Context& context) {
    const QString body = QStringLiteral("<h1>%1</h1><p>%2</p>")
                             .arg(tr("Too many sign-ins at once"),
                                  tr("Several sign-ins to %1 are under way from your address already. Finish one of "
                                     "them (in the tab or browser that shows its code), or wait a few minutes for "
                                     "them to expire.")
                                      .arg(html(context.share)));
    return page(429, "Too Many Requests", tr("Too many sign-ins — %1").arg(context.share), body, {}, {});
}

QByteArray HttpGatePages::badRequest(const QString& reason) {
    return response(400, "Bad Request", {"Content-Type: text/plain; charset=utf-8"},
                    (tr("LabShare's gate: %1").arg(reason) + QLatin1Char('\n')).toUtf8());
}

} // namespace labshare::gate
