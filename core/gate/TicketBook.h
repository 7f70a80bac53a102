// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace labshare::gate {

// The gate's tickets: what an admitted student presents instead of signing in again. A ticket is
// 256 random bits, valid only at this installation (only its book knows it), for one identity,
// until the end of the local day and at most kMaxLifetime, and revocable per identity or all at
// once. The book keeps SHA-256 hashes only, so its file (when it has one) holds nothing a student
// could present, and a restart of LabShare does not sign every student in again. Thread-safe: the
// relay workers check and issue, the window revokes.
class TicketBook {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::TicketBook)

public:
    static constexpr qint64 kMaxLifetimeSeconds = 12 * 3600;
    static constexpr qsizetype kMaxTickets = 10000; // the oldest go first beyond this
    static constexpr qsizetype kMaxTicketText = 128;

    struct Issued {
        secrets::SecretBytes ticket; // "lst1." + 43 base64url characters: give it to the student, never log it
        QDateTime expires;
    };

    explicit TicketBook(QString path = {}); // `path`: where the hashes are kept; empty: memory only
    TicketBook(TicketBook&& other) noexcept;
    TicketBook& operator=(TicketBook&& other) noexcept;

    // `browserAt`: a browser's ticket (a cookie), good only for HTTP shares and from that source
    // address (browsers send a host's cookies to all of its ports); empty: labshare connect's.
    Issued issue(const QString& email, const QDateTime& now = QDateTime::currentDateTimeUtc(),
                 const QString& browserAt = {});
    struct Holder {
        QString email;
        QDateTime expires;
        QString browserAt; // empty: a ticket of labshare connect
    };
    // Whom a ticket was issued to, if it is known here, unexpired and not revoked.
    std::optional<Holder> holder(QByteArrayView ticket, const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    void revoke(const QString& email); // ASCII case-insensitive
    void revokeAll();
    qsizetype size() const;

    // Reads the file; a missing file is an empty book. A damaged one is an error and leaves the book empty.
    Result<bool> load(const QDateTime& now = QDateTime::currentDateTimeUtc());
    Result<bool> save() const; // atomically, readable by this user only

private:
    struct Entry {
        QString email;
        QDateTime issued;
        QDateTime expires;
        QString browserAt;
    };
    static QByteArray hash(QByteArrayView ticket);
    void forgetExpired(const QDateTime& now); // with the lock held
    void persist();                           // with the lock held
    Result<bool> saveLocked() const;          // likewise

    QString m_path;
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries; // by SHA-256 of the ticket
};

} // namespace labshare::gate
