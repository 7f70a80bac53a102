// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RedirectRequest.h"

#include <QList>
#include <QUrl>
#include <QUrlQuery>

namespace labshare::auth {

RedirectRequest readRedirectRequest(const QByteArray& received, QByteArrayView expectedState) {
    RedirectRequest request;
    if (received.size() > RedirectRequest::kMaxHeadBytes) {
        request.kind = RedirectRequest::Kind::TooLarge;
        return request;
    }
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return request; // Incomplete: wait for the rest of the request head
    const QList<QByteArray> requestLine = received.left(received.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        request.kind = RedirectRequest::Kind::NotGet;
        return request;
    }
    const QUrl url(QString::fromLatin1(requestLine.at(1)), QUrl::StrictMode);
    // Exact redirect match: anything else gets a 404 and the wait goes on.
    if (url.path() != kRedirectPath) {
        request.kind = RedirectRequest::Kind::NotFound;
        return request;
    }
    const QUrlQuery query(url);
    const QByteArray state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8();
    if (QByteArrayView(state) != expectedState) {
        request.kind = RedirectRequest::Kind::WrongState;
        return request;
    }
    request.error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    request.code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toUtf8();
    if (!request.error.isEmpty() || request.code.isEmpty()) {
        request.kind = RedirectRequest::Kind::Refused;
        request.code.clear();
        request.errorDescription = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        return request;
    }
    request.kind = RedirectRequest::Kind::Code;
    return request;
}

} // namespace labshare::auth
