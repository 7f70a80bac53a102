// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/DeviceAuthorization.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace labshare::gate {

// What the gate of an HTTP share answers a browser itself, as whole HTTP/1.1 responses that close the
// connection: the sign-in page (the device code and its link; a small script asks the sign-in's
// status every two seconds and reloads once it changed; without JavaScript the page refreshes itself,
// and a reload by hand continues too), the redirect that hands over the ticket cookie, and the refusals. Never cached,
// never framed, nothing loaded from elsewhere; every text from outside is escaped.
class HttpGatePages {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::HttpGatePages)

public:
    static constexpr const char* kTicketCookie = "labshare_ticket";
    static constexpr const char* kSignInCookie = "labshare_signin";
    static constexpr const char* kSignInAgainPath = "/.labshare/sign-in-again";
    static constexpr const char* kStatusPath = "/.labshare/sign-in-status";

    struct Context {
        QString share;    // clab-grafana-http-3000
        QString sharedBy; // may be empty
    };

    // `code` null: still asking the identity provider. `setCookie`: a Set-Cookie value, or empty.
    static QByteArray signIn(const Context& context, const auth::DeviceCode* code, const QByteArray& setCookie);
    // What kStatusPath answers: "waiting" (no code yet), "code" (shown, not used yet), "done", or "none".
    static QByteArray status(const QByteArray& state);
    static QByteArray refused(const Context& context, const QString& identity, const QString& reason);
    static QByteArray failed(const Context& context, const QString& reason);
    // 303 to `target` with the ticket (a session cookie, HttpOnly, SameSite=Lax), the sign-in cookie cleared.
    static QByteArray admit(const QByteArray& target, QByteArrayView ticket);
    // 303 to "/" with a new sign-in cookie (after "sign in as someone else").
    static QByteArray startOver(QByteArrayView signInCookie);
    static QByteArray badRequest(const QString& reason);
    static QByteArray tooManySignIns(const Context& context);

    static QByteArray signInCookie(QByteArrayView value, int maxAgeSeconds);

private:
    static QByteArray page(int status, const QByteArray& reason, const QString& title, const QString& bodyHtml,
                           const QByteArray& pollWhileStatus, const QList<QByteArray>& extraHeaders);
};

} // namespace labshare::gate
