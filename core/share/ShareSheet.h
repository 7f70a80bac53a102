// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace labshare::share {

// The page an instructor hands to students: every published address of a lab with the command
// or link to use it and who can connect (ShareAccess), as Markdown or as a self-contained, printable HTML
// page. Shares without a public address yet are left out. Passwords never appear: gnmic commands
// carry ShareCommands::passwordPlaceholder() and the sheet says to replace it.
class ShareSheet {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareSheet)

public:
    explicit ShareSheet(QString labName, QList<ShareRow> rows = {});

    void setRows(QList<ShareRow> rows) { m_rows = std::move(rows); }
    // The login user the instructor chose for a share (else the kind's default).
    void setLoginUser(const QString& shareName, const QString& user);
    // When set, a "Generated … " line closes the sheet; unset, the output depends on the rows only.
    void setGeneratedAt(const QDateTime& when) { m_generatedAt = when; }

    QString title() const;
    QString toMarkdown() const;
    QString toHtml() const;
    // "classroom-shares": a file name without extension, safe on every platform.
    QString suggestedBaseName() const;

    // One line of the sheet.
    struct Entry {
        QString node;
        QString what;
        QString address;
        QString command;  // a command to type, or empty
        QString link;     // a link to open, or empty
        QString audience; // ShareAccess::text(): never the lab's list as if it were enforced
    };
    QList<Entry> entries() const;

private:
    bool needsPasswordNote() const;
    QString passwordNote() const;
    QString generatedLine() const;

    QString m_labName;
    QList<ShareRow> m_rows;
    QHash<QString, QString> m_users;
    QDateTime m_generatedAt;
};

} // namespace labshare::share
