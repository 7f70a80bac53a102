// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/HttpGate.h"

#include "gate/HttpGatePages.h"

#include <QCoreApplication>
#include <QDateTime>

namespace labshare::gate {

namespace {

constexpr int kSignInCookieSeconds = 15 * 60;

// Where to send a browser back to: its own path, never another host.
QByteArray sameSiteTarget(const QByteArray& target) {
    return target.startsWith('/') && !target.startsWith("//") ? target : QByteArray("/");
}

} // namespace

HttpGate::HttpGate(const GatedShare& share, TicketBook& tickets, BrowserSignIns& signIns, QString browserAt,
                   qint64 nowMs)
    : m_share(share)
    , m_tickets(tickets)
    , m_signIns(signIns)
    , m_browserAt(std::move(browserAt))
    , m_deadlineMs(nowMs + kRequestTimeoutMs) {}

void HttpGate::receive(const QByteArray& bytes) {
    if (m_closing || bytes.isEmpty())
        return;
    Result<QList<HttpRequestStream::Piece>> pieces = m_requests.feed(bytes);
    if (!pieces) {
        answer(HttpGatePages::badRequest(pieces.error().message));
        refuse({}, tr("a browser at %1 sent %2 %3").arg(m_browserAt, m_share.name, pieces.error().message), false);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (HttpRequestStream::Piece& piece : *pieces) {
        if (m_closing)
            return;
        if (piece.head)
            onHead(std::move(*piece.head), now);
        if (m_forwarding)
            m_forNode += piece.raw;
    }
}

void HttpGate::onHead(HttpRequestStream::Head head, qint64 nowMs) {
    m_deadlineMs = 0;
    const QByteArray cookies = head.header("Cookie");
    const QByteArray ticket = HttpRequestStream::cookie(cookies, HttpGatePages::kTicketCookie);
    const std::optional<TicketBook::Holder> holder = ticket.isEmpty() ? std::nullopt : m_tickets.holder(ticket);
    // A ticket counts from the browser it was given to, for HTTP shares only; anything else is no ticket.
    const bool usable = holder && holder->browserAt == m_browserAt;
    if (m_joined && (!usable || holder->email != m_admitted)) {
        m_forwarding = false;
        m_closing = true; // this connection was someone's: a request without their ticket ends it
        return;
    }
    if (!usable || head.target.startsWith("/.labshare/")) { // LabShare's own paths never reach the node
        answerWithoutTicket(head, nowMs);
        return;
    }
    const auth::Identity identity{{}, holder->email, {}, auth::EmailVerification::Verified};
    const Admission admission = m_share.allowList.admit(identity);
    if (admission != Admission::Admitted) {
        const QString reason = describeAdmission(admission, identity, m_share.name);
        answer(HttpGatePages::refused({m_share.name, m_share.sharedBy}, holder->email, reason));
        refuse(holder->email, reason, true);
        return;
    }
    for (auto& [field, value] : head.headers)
        if (field.compare("Cookie", Qt::CaseInsensitive) == 0)
            value = HttpRequestStream::withoutCookie(value, HttpGatePages::kTicketCookie);
    head.headers.removeIf([](const QPair<QByteArray, QByteArray>& h) {
        return h.first.compare("Cookie", Qt::CaseInsensitive) == 0 && h.second.isEmpty();
    });
    m_forNode += head.serialize();
    m_forwarding = true;
    if (!m_joined) {
        m_joined = true;
        m_admitted = holder->email;
        m_verdict = GateVerdict{m_share.name, GateVerdict::Kind::Admitted, holder->email,
                                describeAdmission(Admission::Admitted, identity, m_share.name)};
    }
}

void HttpGate::answerWithoutTicket(const HttpRequestStream::Head& head, qint64 nowMs) {
    const HttpGatePages::Context context{m_share.name, m_share.sharedBy};
    const QByteArray cookie = HttpRequestStream::cookie(head.header("Cookie"), HttpGatePages::kSignInCookie);
    BrowserSignIns::SignIn* signIn = cookie.isEmpty() ? nullptr : m_signIns.find(cookie);
    if (signIn && (signIn->share != m_share.name || signIn->browserAt != m_browserAt))
        signIn = nullptr; // another share's, or another address's: not this browser's here
    if (head.target.startsWith(HttpGatePages::kStatusPath)) {
        const QByteArray state = !signIn ? "none" : signIn->outcome ? "done" : signIn->code ? "code" : "waiting";
        answer(HttpGatePages::status(state));
        return;
    }
    const bool again = head.target.startsWith(HttpGatePages::kSignInAgainPath);
    if (again || !signIn) {
        if (signIn)
            m_signIns.finish(cookie);
        const secrets::SecretBytes fresh = m_signIns.start(m_share.name, m_browserAt, nowMs);
        if (fresh.isEmpty())
            answer(HttpGatePages::tooManySignIns(context));
        else if (again)
            answer(HttpGatePages::startOver(fresh.view()));
        else
            answer(HttpGatePages::signIn(context, nullptr,
                                         HttpGatePages::signInCookie(fresh.view(), kSignInCookieSeconds)));
        return;
    }
    if (!signIn->outcome) {
        answer(HttpGatePages::signIn(context, signIn->code ? &*signIn->code : nullptr, {}));
        return;
    }
    if (!*signIn->outcome) {
        const QString reason = signIn->outcome->error().message;
        answer(HttpGatePages::failed(context, reason));
        refuse({}, reason, !std::exchange(signIn->refusalTold, true));
        return;
    }
    const auth::Identity& identity = **signIn->outcome;
    const Admission admission = m_share.allowList.admit(identity);
    if (admission != Admission::Admitted) {
        const QString reason = describeAdmission(admission, identity, m_share.name);
        answer(HttpGatePages::refused(context, identity.email, reason));
        refuse(identity.email, reason, !std::exchange(signIn->refusalTold, true));
        return;
    }
    const TicketBook::Issued issued = m_tickets.issue(identity.email, QDateTime::currentDateTimeUtc(), m_browserAt);
    m_signIns.finish(cookie);
    answer(HttpGatePages::admit(sameSiteTarget(head.target), issued.ticket.view()));
}

void HttpGate::answer(const QByteArray& response) {
    m_forStudent += response;
    m_forwarding = false;
    m_closing = true;
}

void HttpGate::refuse(const QString& identity, const QString& reason, bool tell) {
    m_closing = true;
    if (tell)
        m_verdict = GateVerdict{m_share.name, GateVerdict::Kind::Refused, identity, reason};
}

void HttpGate::sendFromNode(const QByteArray& bytes) {
    if (m_joined)
        m_forStudent += bytes;
}

void HttpGate::nodeClosed() {
    m_closing = true;
}

void HttpGate::tick(qint64 nowMs) {
    if (m_deadlineMs != 0 && nowMs >= m_deadlineMs && !m_closing) {
        m_closing = true; // a connection that never asks for anything (or too slowly) is closed
        m_forwarding = false;
    }
}

} // namespace labshare::gate
