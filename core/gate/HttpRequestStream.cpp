// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/HttpRequestStream.h"

#include <http_parser.h>

#include <QCoreApplication>

namespace labshare::gate {

struct HttpRequestStream::Parser {
    http_parser parser{};
    http_parser_settings settings{};
    Head head;
    QByteArray field;
    bool lastWasValue = false;
    qsizetype headBytes = 0;
    bool headDone = false;    // paused at the end of a head
    bool messageDone = false; // paused at the end of a request
    bool inBody = false;
    bool headEndPending = false; // paused before a head's last LF, which the next execute consumes
    bool raw = false;            // after an upgrade

    Parser() {
        http_parser_init(&parser, HTTP_REQUEST);
        parser.data = this;
        settings.on_url = [](http_parser* p, const char* at, size_t n) {
            self(p).head.target.append(at, qsizetype(n));
            return 0;
        };
        // A chunked body's trailer fields come through these too: they are body bytes, passed on raw, never
        // fields of the next request's head.
        settings.on_header_field = [](http_parser* p, const char* at, size_t n) {
            Parser& s = self(p);
            if (s.inBody)
                return 0;
            if (s.lastWasValue) {
                s.field.clear();
                s.lastWasValue = false;
            }
            s.field.append(at, qsizetype(n));
            return 0;
        };
        settings.on_header_value = [](http_parser* p, const char* at, size_t n) {
            Parser& s = self(p);
            if (s.inBody)
                return 0;
            if (!s.lastWasValue) {
                s.head.headers.append({s.field, {}});
                s.lastWasValue = true;
            }
            s.head.headers.last().second.append(at, qsizetype(n));
            return 0;
        };
        settings.on_headers_complete = [](http_parser* p) {
            Parser& s = self(p);
            s.head.method = http_method_str(static_cast<http_method>(p->method));
            s.head.versionMajor = p->http_major;
            s.head.versionMinor = p->http_minor;
            s.head.upgrade = p->upgrade != 0;
            s.headDone = true;
            http_parser_pause(p, 1);
            return 0;
        };
        settings.on_message_complete = [](http_parser* p) {
            self(p).messageDone = true;
            http_parser_pause(p, 1);
            return 0;
        };
    }
    static Parser& self(http_parser* p) { return *static_cast<Parser*>(p->data); }

    // What the gate judges is what it forwards: the head, written out as serialize() does, must read back the
    // same on its own. Bare LFs and mangled lines can leave http_parser seeing an upgrade in one form and not in
    // the other, and the gate and the node would then disagree on where the requests end.
    static bool readsTheSame(const Head& head) {
        Parser again;
        const QByteArray bytes = head.serialize();
        http_parser_execute(&again.parser, &again.settings, bytes.constData(), size_t(bytes.size()));
        return again.headDone && again.head == head;
    }
};

HttpRequestStream::HttpRequestStream()
    : m_parser(std::make_unique<Parser>()) {}

HttpRequestStream::~HttpRequestStream() = default;

bool HttpRequestStream::inBody() const {
    return m_parser->inBody;
}

Result<QList<HttpRequestStream::Piece>> HttpRequestStream::feed(const QByteArray& bytes) {
    Parser& s = *m_parser;
    QList<Piece> out;
    qsizetype at = 0;
    while (at < bytes.size()) {
        if (s.raw) {
            const qsizetype headEnd = std::exchange(s.headEndPending, false) && bytes.at(at) == '\n' ? 1 : 0;
            if (at + headEnd < bytes.size())
                out.append({std::nullopt, bytes.mid(at + headEnd)});
            break;
        }
        const char* data = bytes.constData() + at;
        const size_t length = size_t(bytes.size() - at);
        const size_t parsed = http_parser_execute(&s.parser, &s.settings, data, length);
        const http_errno error = HTTP_PARSER_ERRNO(&s.parser);
        if (error != HPE_OK && error != HPE_PAUSED)
            return makeError(ErrorCode::BadInput,
                             tr("not an HTTP request (%1)").arg(QString::fromLatin1(http_errno_description(error))));
        const qsizetype headEnd = s.headEndPending && parsed > 0 ? 1 : 0;
        if (headEnd)
            s.headEndPending = false;
        if (s.inBody && qsizetype(parsed) > headEnd)
            out.append({std::nullopt, QByteArray(data + headEnd, qsizetype(parsed) - headEnd)});
        else if (!s.inBody) {
            s.headBytes += qsizetype(parsed);
            if (s.headBytes > kMaxHeadBytes)
                return makeError(ErrorCode::BadInput,
                                 tr("a request head longer than %1 KiB").arg(kMaxHeadBytes / 1024));
        }
        at += qsizetype(parsed);
        if (error == HPE_PAUSED)
            http_parser_pause(&s.parser, 0);
        if (s.headDone) {
            s.headDone = false;
            // http_parser takes any version up to 999.999; what the gate forwards is HTTP/1.x only.
            if (s.head.versionMajor != 1)
                return makeError(
                    ErrorCode::BadInput,
                    tr("not an HTTP/1.x request (HTTP/%1.%2)").arg(s.head.versionMajor).arg(s.head.versionMinor));
            if (!Parser::readsTheSame(s.head))
                return makeError(ErrorCode::BadInput,
                                 tr("an ambiguous request head (it reads differently once written out again)"));
            out.append({std::exchange(s.head, {}), {}});
            s.field.clear();
            s.lastWasValue = false;
            s.headBytes = 0;
            s.inBody = true;
            s.headEndPending = true;
            if (out.last().head->upgrade)
                s.raw = true;
        }
        if (s.messageDone) {
            s.messageDone = false;
            s.inBody = false;
        }
        if (parsed == 0 && error != HPE_PAUSED)
            break; // nothing more to take now
    }
    return out;
}

QByteArray HttpRequestStream::Head::header(const QByteArray& name) const {
    for (const auto& [field, value] : headers)
        if (field.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QByteArray HttpRequestStream::Head::serialize() const {
    QByteArray out = method + ' ' + target + " HTTP/" + QByteArray::number(versionMajor) + '.' +
                     QByteArray::number(versionMinor) + "\r\n";
    for (const auto& [field, value] : headers)
        out += field + ": " + value + "\r\n";
    return out + "\r\n";
}

QByteArray HttpRequestStream::cookie(const QByteArray& header, const QByteArray& name) {
    for (const QByteArray& part : header.split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && pair.left(eq).trimmed() == name)
            return pair.mid(eq + 1).trimmed();
    }
    return {};
}

QByteArray HttpRequestStream::withoutCookie(const QByteArray& header, const QByteArray& name) {
    QList<QByteArray> kept;
    for (const QByteArray& part : header.split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (!pair.isEmpty() && !(eq > 0 && pair.left(eq).trimmed() == name))
            kept << pair;
    }
    return kept.join("; ");
}

} // namespace labshare::gate
