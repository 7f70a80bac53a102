// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/AllowList.h"

#include <QCoreApplication>

namespace labshare::gate {

namespace {

// The text lower-cased, when it is printable ASCII without spaces; empty otherwise, so no Unicode
// look-alike or control character can ever compare equal to a listed item.
QString usableLower(const QString& text) {
    for (const QChar c : text)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return {};
    return asciiLower(text);
}

} // namespace

QString asciiLower(QString text) {
    for (QChar& c : text)
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + ('a' - 'A'));
    return text;
}

AllowList::AllowList(const QStringList& items) {
    for (const QString& item : items) {
        const QString lower = usableLower(item.trimmed());
        if (lower.isEmpty())
            continue; // the topology parser admits only ASCII items; anything else admits nobody
        (lower.contains(QLatin1Char('@')) ? m_emails : m_domains).append(lower);
    }
}

Admission AllowList::admit(const auth::Identity& identity) const {
    const QString email = usableLower(identity.email);
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    if (email.isEmpty() || at <= 0 || at == email.size() - 1)
        return Admission::NoUsableAddress;
    if (!identity.emailVerified())
        return Admission::Unverified;
    if (m_emails.contains(email) || m_domains.contains(email.mid(at + 1)))
        return Admission::Admitted;
    return Admission::NotListed;
}

QString describeAdmission(Admission admission, const auth::Identity& identity, const QString& share) {
    const QString who = identity.email.isEmpty() ? identity.displayName() : identity.email;
    switch (admission) {
    case Admission::Admitted:
        return AllowList::tr("%1 is admitted to %2").arg(who, share);
    case Admission::NotListed:
        return AllowList::tr("%1 is not on the list for %2").arg(who, share);
    case Admission::Unverified:
        return AllowList::tr("%1 is not verified by the identity provider, so it cannot be admitted to %2")
            .arg(who, share);
    case Admission::NoUsableAddress:
        return AllowList::tr(
                   "the identity provider gave no usable e-mail address for %1, so it cannot be admitted to %2")
            .arg(who.isEmpty() ? AllowList::tr("this sign-in") : who, share);
    }
    return {};
}

} // namespace labshare::gate
