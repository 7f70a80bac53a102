// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QString>

namespace labshare::share {

// The connection log of one lab on disk: one JSON object per ended connection and line (the fields of
// ConnectionRecord::toJson()), appended as connections end. When the next line would take the file past
// `capBytes`, it becomes FILE.1 (replacing an older one) and a new file starts, so a lab's log takes at
// most about twice the cap. Addresses and identities only, never a token or a secret.
class ConnectionJournal {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ConnectionJournal)

public:
    static constexpr qint64 kDefaultCapBytes = 4 * 1024 * 1024;

    explicit ConnectionJournal(QString file, qint64 capBytes = kDefaultCapBytes);
    // <AppLocalDataLocation>/connections/<topology base name>-<8 hex of its absolute path's hash>.jsonl
    static QString fileFor(const QString& topologyFile);

    QString file() const { return m_file.fileName(); }
    QString rotatedFile() const { return file() + QStringLiteral(".1"); }
    // Appends the ended connections (an open one is not written: its end will be), with one write to the file.
    Result<bool> append(const QList<tunnel::ConnectionRecord>& records);
    Result<bool> append(const tunnel::ConnectionRecord& record) { return append(QList{record}); }
    // What the files hold (the rotated one first), from `sinceMs` (epoch ms of the start) on; lines that
    // are not a record (a torn last line) are skipped.
    QList<tunnel::ConnectionRecord> read(qint64 sinceMs = 0) const;
    void clear(); // removes both files

private:
    Result<bool> open();
    Result<bool> unwritable() const; // the error, with why the file says it failed
    Result<bool> write(const QByteArray& lines);
    Result<bool> rotate();

    QFile m_file;
    qint64 m_capBytes;
    qint64 m_size = 0; // of the open file
};

} // namespace labshare::share
