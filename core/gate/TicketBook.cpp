// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/TicketBook.h"

#include "auth/Pkce.h"
#include "gate/AllowList.h"

#include "common/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace labshare::gate {

namespace {

const QByteArray kPrefix = QByteArrayLiteral("lst1.");
constexpr int kRandomBytes = 32;
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

QDateTime endOfLocalDay(const QDateTime& now) {
    const QDateTime local = now.toLocalTime();
    return QDateTime(local.date().addDays(1), QTime(0, 0), Qt::LocalTime).toUTC();
}

} // namespace

TicketBook::TicketBook(QString path)
    : m_path(std::move(path)) {}

TicketBook::TicketBook(TicketBook&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_entries(std::move(other.m_entries)) {}

TicketBook& TicketBook::operator=(TicketBook&& other) noexcept {
    const QMutexLocker lock(&m_mutex);
    m_path = std::move(other.m_path);
    m_entries = std::move(other.m_entries);
    return *this;
}

qsizetype TicketBook::size() const {
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

QByteArray TicketBook::hash(QByteArrayView ticket) {
    return QCryptographicHash::hash(ticket, QCryptographicHash::Sha256);
}

TicketBook::Issued TicketBook::issue(const QString& email, const QDateTime& now, const QString& browserAt) {
    const QMutexLocker lock(&m_mutex);
    forgetExpired(now);
    if (m_entries.size() >= kMaxTickets) {
        auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                       [](const Entry& a, const Entry& b) { return a.issued < b.issued; });
        m_entries.erase(oldest);
    }
    Issued issued;
    issued.ticket = auth::secretUrlToken(kRandomBytes, kPrefix);
    issued.expires = std::min(endOfLocalDay(now), now.toUTC().addSecs(kMaxLifetimeSeconds));
    m_entries.insert(hash(issued.ticket.view()), {asciiLower(email), now.toUTC(), issued.expires, browserAt});
    persist();
    return issued;
}

std::optional<TicketBook::Holder> TicketBook::holder(QByteArrayView ticket, const QDateTime& now) const {
    if (ticket.size() > kMaxTicketText || !ticket.startsWith(kPrefix))
        return std::nullopt;
    const QMutexLocker lock(&m_mutex);
    const auto found = m_entries.constFind(hash(ticket));
    if (found == m_entries.cend() || found->expires <= now)
        return std::nullopt;
    return Holder{found->email, found->expires, found->browserAt};
}

void TicketBook::revoke(const QString& email) {
    const QString lower = asciiLower(email);
    const QMutexLocker lock(&m_mutex);
    m_entries.removeIf([&lower](const auto& entry) { return entry.value().email == lower; });
    persist();
}

void TicketBook::revokeAll() {
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
    persist();
}

void TicketBook::forgetExpired(const QDateTime& now) {
    m_entries.removeIf([&now](const auto& entry) { return entry.value().expires <= now; });
}

void TicketBook::persist() {
    if (m_path.isEmpty())
        return;
    if (Result<bool> saved = saveLocked(); !saved)
        qCWarning(lcGate) << saved.error().message;
}

Result<bool> TicketBook::save() const {
    const QMutexLocker lock(&m_mutex);
    return saveLocked();
}

Result<bool> TicketBook::saveLocked() const {
    QJsonArray tickets;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        tickets.append(QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(it.key().toHex())},
                                   {QStringLiteral("email"), it->email},
                                   {QStringLiteral("issued"), it->issued.toString(Qt::ISODate)},
                                   {QStringLiteral("expires"), it->expires.toString(Qt::ISODate)},
                                   {QStringLiteral("browser_at"), it->browserAt}});
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::FileUnwritable,
                         tr("cannot write the gate's tickets to %1: %2").arg(m_path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("tickets"), tickets}})
                   .toJson(QJsonDocument::Compact));
    if (!file.commit())
        return makeError(ErrorCode::FileUnwritable,
                         tr("cannot write the gate's tickets to %1: %2").arg(m_path, file.errorString()));
    return true;
}

Result<bool> TicketBook::load(const QDateTime& now) {
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (file.size() > kMaxFileBytes)
        return makeError(ErrorCode::BadInput, tr("%1 is too large to be the gate's tickets").arg(m_path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::FileUnreadable,
                         tr("cannot read the gate's tickets from %1: %2").arg(m_path, file.errorString()));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QLatin1String("version")).toInt() != 1 || !root.value(QLatin1String("tickets")).isArray())
        return makeError(ErrorCode::BadInput,
                         tr("%1 is not a file of the gate's tickets (version 1); students sign in again").arg(m_path));
    for (const QJsonValue& value : root.value(QLatin1String("tickets")).toArray()) {
        const QJsonObject object = value.toObject();
        const QByteArray digest = QByteArray::fromHex(object.value(QLatin1String("sha256")).toString().toLatin1());
        Entry entry{object.value(QLatin1String("email")).toString(),
                    QDateTime::fromString(object.value(QLatin1String("issued")).toString(), Qt::ISODate),
                    QDateTime::fromString(object.value(QLatin1String("expires")).toString(), Qt::ISODate),
                    object.value(QLatin1String("browser_at")).toString()};
        // Nothing in a file may extend a ticket: an expiry beyond the cap from its issue is dropped.
        const bool sane = digest.size() == 32 && !entry.email.isEmpty() && entry.issued.isValid() &&
                          entry.expires.isValid() && entry.expires > now &&
                          entry.issued.secsTo(entry.expires) <= kMaxLifetimeSeconds;
        if (sane && m_entries.size() < kMaxTickets)
            m_entries.insert(digest, entry);
    }
    return true;
}

} // namespace labshare::gate
