// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/GateMessages.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace labshare::gate {

namespace {

// Gives this file's messages their tr() and translation context.
class GateMessages {
    Q_DECLARE_TR_FUNCTIONS(labshare::gate::GateMessages)
};

struct TypeName {
    GateMessage::Type type;
    const char* name;
};
constexpr TypeName kTypes[] = {
    {GateMessage::Type::Hello, "hello"},
    {GateMessage::Type::Ticket, "ticket"},
    {GateMessage::Type::SignInRequest, "sign-in-request"},
    {GateMessage::Type::SignIn, "sign-in"},
    {GateMessage::Type::Admitted, "admitted"},
    {GateMessage::Type::Refused, "refused"},
};

QLatin1String typeName(GateMessage::Type type) {
    for (const TypeName& entry : kTypes)
        if (entry.type == type)
            return QLatin1String(entry.name);
    return {};
}

Error malformed(const QString& what) {
    return {ErrorCode::BadInput, GateMessages::tr("the gate's exchange is malformed: %1").arg(what), {}};
}

// A string field: present, a JSON string, and free of control characters (it may reach a terminal).
Result<QString> text(const QJsonObject& object, const char* field, bool required) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString())
        return malformed(GateMessages::tr("\"%1\" is missing or not a string").arg(QLatin1String(field)));
    const QString string = value.toString();
    for (const QChar c : string)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Format)
            return malformed(GateMessages::tr("\"%1\" holds a control character").arg(QLatin1String(field)));
    return string;
}

// A ticket field: text of printable ASCII, as the gate's tickets are, so that the bytes a helper keeps
// and sends back are the ones the gate issued (encodeMessage writes a ticket's bytes as Latin-1).
Result<secrets::SecretBytes> ticketText(const QJsonObject& object, bool required) {
    Result<QString> value = text(object, "ticket", required);
    if (!value)
        return value.error();
    for (const QChar c : *value)
        if (c.unicode() > 0x7e)
            return malformed(GateMessages::tr("\"ticket\" is not a ticket"));
    return secrets::SecretBytes::adopt(value->toLatin1());
}

Result<QUrl> link(const QJsonObject& object, const char* field, bool required) {
    Result<QString> value = text(object, field, required);
    if (!value)
        return value.error();
    if (value->isEmpty() && !required)
        return QUrl();
    const QUrl url(*value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        return malformed(GateMessages::tr("\"%1\" is not a web address").arg(QLatin1String(field)));
    return url;
}

Result<GateMessage> decode(const QJsonObject& object) {
    if (object.value(QLatin1String("v")).toInt(-1) != kProtocolVersion)
        return malformed(GateMessages::tr("not version %1 of the protocol").arg(kProtocolVersion));
    Result<QString> type = text(object, "type", true);
    if (!type)
        return type.error();
    GateMessage message;
    bool known = false;
    for (const TypeName& entry : kTypes)
        if (*type == QLatin1String(entry.name)) {
            message.type = entry.type;
            known = true;
        }
    if (!known)
        return malformed(GateMessages::tr("unknown message \"%1\"").arg(type->left(40)));

    const auto take = [&object](QString& target, const char* field, bool required) -> std::optional<Error> {
        Result<QString> value = text(object, field, required);
        if (!value)
            return value.error();
        target = *value;
        return std::nullopt;
    };
    std::optional<Error> problem;
    switch (message.type) {
    case GateMessage::Type::Hello:
        problem = take(message.share, "share", true);
        if (!problem)
            problem = take(message.sharedBy, "by", false);
        break;
    case GateMessage::Type::Ticket: {
        Result<secrets::SecretBytes> ticket = ticketText(object, true);
        if (ticket)
            message.ticket = std::move(*ticket);
        else
            problem = ticket.error();
        break;
    }
    case GateMessage::Type::SignInRequest:
        break;
    case GateMessage::Type::SignIn: {
        problem = take(message.userCode, "code", true);
        Result<QUrl> where = link(object, "link", true);
        Result<QUrl> complete = link(object, "link_complete", false);
        if (!problem && !where)
            problem = where.error();
        if (!problem && !complete)
            problem = complete.error();
        if (!problem) {
            message.link = *where;
            message.linkComplete = *complete;
            message.expiresIn = object.value(QLatin1String("expires_in")).toInt(0);
            if (message.expiresIn <= 0 || message.userCode.isEmpty())
                problem = malformed(GateMessages::tr("the sign-in has no code or no expiry"));
        }
        break;
    }
    case GateMessage::Type::Admitted: {
        QString expires;
        problem = take(message.identity, "identity", true);
        Result<secrets::SecretBytes> ticket = ticketText(object, false);
        if (!problem && !ticket)
            problem = ticket.error();
        if (!problem)
            problem = take(expires, "expires", true);
        if (ticket)
            message.ticket = std::move(*ticket);
        message.expires = QDateTime::fromString(expires, Qt::ISODate);
        if (!problem && !message.expires.isValid())
            problem = malformed(GateMessages::tr("\"expires\" is not a time"));
        break;
    }
    case GateMessage::Type::Refused:
        problem = take(message.identity, "identity", false);
        if (!problem)
            problem = take(message.reason, "reason", true);
        break;
    }
    if (problem)
        return *problem;
    return message;
}

} // namespace

QByteArray encodeMessage(const GateMessage& message) {
    QJsonObject object{{QStringLiteral("v"), kProtocolVersion}, {QStringLiteral("type"), typeName(message.type)}};
    switch (message.type) {
    case GateMessage::Type::Hello:
        object.insert(QStringLiteral("share"), message.share);
        if (!message.sharedBy.isEmpty())
            object.insert(QStringLiteral("by"), message.sharedBy);
        break;
    case GateMessage::Type::Ticket:
        object.insert(QStringLiteral("ticket"), QString::fromLatin1(message.ticket.view()));
        break;
    case GateMessage::Type::SignInRequest:
        break;
    case GateMessage::Type::SignIn:
        object.insert(QStringLiteral("code"), message.userCode);
        object.insert(QStringLiteral("link"), message.link.toString(QUrl::FullyEncoded));
        if (!message.linkComplete.isEmpty())
            object.insert(QStringLiteral("link_complete"), message.linkComplete.toString(QUrl::FullyEncoded));
        object.insert(QStringLiteral("expires_in"), message.expiresIn);
        break;
    case GateMessage::Type::Admitted:
        object.insert(QStringLiteral("identity"), message.identity);
        if (!message.ticket.isEmpty())
            object.insert(QStringLiteral("ticket"), QString::fromLatin1(message.ticket.view()));
        object.insert(QStringLiteral("expires"), message.expires.toUTC().toString(Qt::ISODate));
        break;
    case GateMessage::Type::Refused:
        if (!message.identity.isEmpty())
            object.insert(QStringLiteral("identity"), message.identity);
        object.insert(QStringLiteral("reason"), message.reason);
        break;
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

Result<std::optional<GateMessage>> MessageReader::next() {
    if (m_failed)
        return malformed(GateMessages::tr("nothing is read after an error"));
    const qsizetype end = m_buffer.indexOf('\n');
    if (end < 0) {
        if (m_buffer.size() >= kMaxMessageBytes) {
            m_failed = true;
            return malformed(GateMessages::tr("a message is longer than %1 bytes").arg(kMaxMessageBytes));
        }
        return std::optional<GateMessage>();
    }
    if (end + 1 > kMaxMessageBytes) {
        m_failed = true;
        return malformed(GateMessages::tr("a message is longer than %1 bytes").arg(kMaxMessageBytes));
    }
    const QByteArray line = m_buffer.left(end);
    m_buffer.remove(0, end + 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        m_failed = true;
        return malformed(GateMessages::tr("a message is not a JSON object"));
    }
    Result<GateMessage> message = decode(document.object());
    if (!message) {
        m_failed = true;
        return message.error();
    }
    return std::optional<GateMessage>(std::move(message).value());
}

bool looksLikeTlsClientHello(const QByteArray& firstBytes) {
    // A TLS record: content type 22 (handshake), then protocol version 3.x (RFC 8446 §5.1).
    return firstBytes.size() >= 2 && quint8(firstBytes.at(0)) == 0x16 && quint8(firstBytes.at(1)) == 0x03;
}

QByteArray plainClientNotice(const QString& share) {
    return GateMessages::tr(
               "LabShare: %1 admits only the people its lab names. Connect with `labshare connect HOST:PORT` "
               "(the instructor's handout shows the command).\r\n")
        .arg(share)
        .toUtf8();
}

} // namespace labshare::gate
