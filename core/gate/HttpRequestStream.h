// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>

#include <memory>
#include <optional>

namespace labshare::gate {

// The requests a browser sends on one connection, read with http_parser (Debian's libhttp-parser,
// its one home here): each request's head parsed, its body passed on as the raw bytes that came
// (chunked or not), so a gate can decide per request and forward it with a changed head. After a
// request that upgrades the connection (WebSocket), everything else is raw. Heads are capped at
// kMaxHeadBytes; anything that is not HTTP/1.x is an error naming what was wrong.
class HttpRequestStream {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::HttpRequestStream)

public:
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;

    struct Head {
        QByteArray method;
        QByteArray target; // as sent: /path?query
        int versionMajor = 1;
        int versionMinor = 1;
        QList<QPair<QByteArray, QByteArray>> headers; // in order, names as sent
        bool upgrade = false;                         // the rest of the connection is not HTTP

        QByteArray header(const QByteArray& name) const; // the first one, case-insensitive; empty when absent
        // The request as bytes again, with `headers` as they are now.
        QByteArray serialize() const;
        bool operator==(const Head&) const = default;
    };
    struct Piece {
        std::optional<Head> head; // a request begins (its body, if any, follows in later pieces)
        QByteArray raw;           // body bytes of the current request, or bytes after an upgrade
    };

    HttpRequestStream();
    ~HttpRequestStream();
    HttpRequestStream(const HttpRequestStream&) = delete;
    HttpRequestStream& operator=(const HttpRequestStream&) = delete;

    Result<QList<Piece>> feed(const QByteArray& bytes);
    bool inBody() const; // a request's body is still coming

    // The value of cookie `name` in a Cookie header, and the header without it (empty: drop the header).
    static QByteArray cookie(const QByteArray& header, const QByteArray& name);
    static QByteArray withoutCookie(const QByteArray& header, const QByteArray& name);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace labshare::gate
