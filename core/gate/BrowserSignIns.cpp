// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/BrowserSignIns.h"

#include "auth/Pkce.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>

namespace labshare::gate {

namespace {

constexpr qint64 kWaitForCodeMs = 60 * 1000; // the provider's code must come by then
constexpr int kCookieBytes = 24;

} // namespace

QByteArray BrowserSignIns::key(QByteArrayView cookie) {
    return QCryptographicHash::hash(cookie, QCryptographicHash::Sha256);
}

int BrowserSignIns::underWayFrom(const QString& browserAt) const {
    return int(std::count_if(m_signIns.cbegin(), m_signIns.cend(),
                             [&](const SignIn& s) { return s.browserAt == browserAt && !s.outcome; }));
}

secrets::SecretBytes BrowserSignIns::start(const QString& share, const QString& browserAt, qint64 nowMs) {
    if (underWayFrom(browserAt) >= kMaxPerAddress)
        return {};
    if (m_signIns.size() >= kMax) {
        const auto oldest = std::min_element(m_signIns.begin(), m_signIns.end(), [](const SignIn& a, const SignIn& b) {
            return a.startedMs < b.startedMs;
        });
        m_signIns.erase(oldest);
    }
    secrets::SecretBytes cookie = auth::secretUrlToken(kCookieBytes);
    SignIn signIn;
    signIn.share = share;
    signIn.browserAt = browserAt;
    signIn.startedMs = nowMs;
    signIn.expiresMs = nowMs + kWaitForCodeMs;
    m_signIns.insert(key(cookie.view()), signIn);
    return cookie;
}

BrowserSignIns::SignIn* BrowserSignIns::find(QByteArrayView cookie) {
    const auto found = m_signIns.find(key(cookie));
    return found == m_signIns.end() ? nullptr : &*found;
}

void BrowserSignIns::finish(QByteArrayView cookie) {
    m_signIns.remove(key(cookie));
}

std::vector<std::pair<quint64, QString>> BrowserSignIns::takeWanted(quint64& nextId) {
    std::vector<std::pair<quint64, QString>> wanted;
    if (m_signIns.isEmpty())
        return wanted; // asked on every turn of the relay's loop: no walk over an empty table's buckets
    for (SignIn& s : m_signIns)
        if (s.id == 0) {
            s.id = nextId++;
            wanted.emplace_back(s.id, s.share);
        }
    return wanted;
}

bool BrowserSignIns::answer(const SignInAnswer& answer, qint64 nowMs) {
    for (SignIn& s : m_signIns) {
        if (s.id != answer.id)
            continue;
        if (answer.code) {
            s.code = answer.code;
            s.expiresMs =
                nowMs + std::max<qint64>(1000, QDateTime::currentDateTimeUtc().msecsTo(answer.code->expiresAt));
        } else if (answer.identity) {
            s.outcome = *answer.identity;
        } else {
            s.outcome = makeError(ErrorCode::AuthFailed, answer.error);
        }
        return true;
    }
    return false;
}

void BrowserSignIns::expire(qint64 nowMs, const std::function<void(quint64)>& dropped) {
    if (m_signIns.isEmpty())
        return;
    m_signIns.removeIf([&](const auto& entry) {
        const SignIn& s = entry.value();
        if (s.expiresMs > nowMs)
            return false;
        if (s.id != 0 && !s.outcome)
            dropped(s.id);
        return true;
    });
}

} // namespace labshare::gate
