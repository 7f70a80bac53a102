// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/PublishSpec.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace labshare::topology {

namespace {

Error badEntry(const QString& message) {
    return makeError(ErrorCode::BadInput, message);
}

bool isEmail(const QString& item) {
    return item.contains(QLatin1Char('@'));
}

bool isValidAllowedItem(const QString& item) {
    // A domain label is letters, digits and hyphens; an e-mail is local@domain.
    static const QRegularExpression domain(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                                                          "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"));
    static const QRegularExpression local(QStringLiteral("^[A-Za-z0-9!#%&'*+/=?^_`{|}~.-]+$"));
    if (!isEmail(item))
        return domain.match(item).hasMatch();
    const qsizetype at = item.lastIndexOf(QLatin1Char('@'));
    return local.match(item.left(at)).hasMatch() && domain.match(item.mid(at + 1)).hasMatch();
}

} // namespace

QStringList PublishSpec::emails() const {
    QStringList out;
    for (const QString& item : allowed)
        if (isEmail(item))
            out << item;
    return out;
}

QStringList PublishSpec::domains() const {
    QStringList out;
    for (const QString& item : allowed)
        if (!isEmail(item))
            out << item;
    return out;
}

Result<PublishSpec> PublishSpec::parse(const QString& text) {
    const QString entry = text.trimmed();
    if (entry.isEmpty())
        return badEntry(tr("empty publish entry: write <type>/<port>, for example tcp/22"));
    const QStringList parts = entry.split(QLatin1Char('/'));
    if (parts.size() < 2)
        return badEntry(tr("publish entry '%1' has no port: write <type>/<port>, for example tcp/22").arg(entry));
    if (parts.size() > 3)
        return badEntry(
            tr("publish entry '%1' has too many '/' sections: write <type>/<port>[/<allowed users>]").arg(entry));

    PublishSpec spec;
    spec.text = entry;
    const QString& type = parts.at(0);
    if (type == QLatin1String("tcp") || type == QLatin1String("ssh"))
        spec.type = PublishType::Tcp;
    else if (type == QLatin1String("tls"))
        spec.type = PublishType::Tls;
    else if (type == QLatin1String("http"))
        spec.type = PublishType::Http;
    else if (type == QLatin1String("https"))
        spec.type = PublishType::Https;
    else if (type == QLatin1String("term"))
        spec.type = PublishType::Term;
    else if (type.isEmpty())
        return badEntry(tr("publish entry '%1' has no type: use tcp, tls, http, https or term").arg(entry));
    else
        return badEntry(
            tr("type '%1' in publish entry '%2' is not supported: use tcp, tls, http, https or term (lower case)")
                .arg(type, entry));

    const QString& portText = parts.at(1);
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(portText).hasMatch())
        return badEntry(tr("port '%1' in publish entry '%2' is not a number").arg(portText, entry));
    bool ok = false;
    const int port = portText.size() <= 5 ? portText.toInt(&ok) : -1;
    if (!ok || port < 1 || port > 65535)
        return badEntry(tr("port %1 in publish entry '%2' is out of range: use 1 to 65535").arg(portText, entry));
    spec.port = static_cast<quint16>(port);

    if (parts.size() == 3) {
        for (const QString& raw : parts.at(2).split(QLatin1Char(','))) {
            const QString item = raw.trimmed();
            if (item.isEmpty())
                continue;
            if (!isValidAllowedItem(item))
                return badEntry(
                    tr("'%1' in publish entry '%2' is neither an e-mail address nor a domain").arg(item, entry));
            if (!spec.allowed.contains(item))
                spec.allowed << item;
        }
        if (spec.allowed.isEmpty())
            return badEntry(tr("publish entry '%1' ends with '/' but names no allowed users: remove the last '/' or "
                               "list e-mail addresses and domains after it")
                                .arg(entry));
    }
    return spec;
}

QString publishTypeName(PublishType type) {
    switch (type) {
    case PublishType::Tcp:
        return QStringLiteral("tcp");
    case PublishType::Tls:
        return QStringLiteral("tls");
    case PublishType::Http:
        return QStringLiteral("http");
    case PublishType::Https:
        return QStringLiteral("https");
    case PublishType::Term:
        return QStringLiteral("term");
    }
    return {};
}

QString publishOriginName(PublishOrigin origin) {
    switch (origin) {
    case PublishOrigin::Node:
        return QStringLiteral("node");
    case PublishOrigin::Group:
        return QStringLiteral("group");
    case PublishOrigin::Kind:
        return QStringLiteral("kind");
    case PublishOrigin::Defaults:
        return QStringLiteral("defaults");
    case PublishOrigin::Label:
        return QStringLiteral("label");
    }
    return {};
}

} // namespace labshare::topology
