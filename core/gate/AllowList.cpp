// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/AllowList.h"

#include <QCoreApplication>

namespace labshare::gate {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("labshare::gate::AllowList", text);
}

// Lower-cases A-Z only; anything outside printable ASCII makes the text unusable (empty), so no
// Unicode look-alike or control character can ever compare equal to a listed item.
QString asciiLower(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u >= 0x7f)
            return {};
        out.append(u >= 'A' && u <= 'Z' ? QChar(u + ('a' - 'A')) : c);
    }
    return out;
}

} // namespace

AllowList::AllowList(const QStringList& items) {
    for (const QString& item : items) {
        const QString lower = asciiLower(item.trimmed());
        if (lower.isEmpty())
            continue; // the topology parser admits only ASCII items; anything else admits nobody
        (lower.contains(QLatin1Char('@')) ? m_emails : m_domains).append(lower);
    }
}

Admission AllowList::admit(const auth::Identity& identity) const {
    const QString email = asciiLower(identity.email);
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
        return tr("%1 is admitted to %2").arg(who, share);
    case Admission::NotListed:
        return tr("%1 is not on the list for %2").arg(who, share);
    case Admission::Unverified:
        return tr("%1 is not verified by the identity provider, so it cannot be admitted to %2").arg(who, share);
    case Admission::NoUsableAddress:
        return tr("the identity provider gave no usable e-mail address for %1, so it cannot be admitted to %2")
            .arg(who.isEmpty() ? tr("this sign-in") : who, share);
    }
    return {};
}

} // namespace labshare::gate
