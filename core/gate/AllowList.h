// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Identity.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace labshare::gate {

// Whether an identity may pass a share's gate, and if not, why not.
enum class Admission {
    Admitted,
    NotListed,       // a verified e-mail that the list does not name
    Unverified,      // the identity provider did not say the e-mail is verified (false or missing)
    NoUsableAddress, // no e-mail, or one that is not a plain ASCII local@domain
};

// A share's allow-list as a lab writes it (`tls/57400/alice@example.org,example.org`): an item with
// '@' admits exactly that e-mail; an item without admits every e-mail whose domain (after the '@')
// is exactly that domain, never a subdomain or a look-alike. Both compare ASCII case-insensitively
// and nothing else: no Unicode case folding, so U+212A KELVIN SIGN never stands in for a 'k'. An
// identity passes only with an address the provider marks verified (email_verified true).
class AllowList {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::AllowList)

public:
    AllowList() = default;
    explicit AllowList(const QStringList& items);

    bool isEmpty() const { return m_emails.isEmpty() && m_domains.isEmpty(); }
    Admission admit(const auth::Identity& identity) const;

private:
    QStringList m_emails;  // lower-cased (ASCII)
    QStringList m_domains; // lower-cased (ASCII)
};

// A-Z lower-cased and nothing else (no Unicode case folding): how e-mails and domains compare here.
QString asciiLower(QString text);

// "bob@example.test is not on the list for clab-r1-tcp-22" and the like, for the student and the log.
QString describeAdmission(Admission admission, const auth::Identity& identity, const QString& share);

} // namespace labshare::gate
