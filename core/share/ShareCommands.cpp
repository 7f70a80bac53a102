// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareCommands.h"
#include "topology/KindAliases.h"

namespace labshare::share {

using topology::PublishType;

namespace {

QString loginUser(const ShareRow& row, const QString& user) {
    return user.isEmpty() ? topology::defaultLoginUser(row.kind) : user;
}

// Where `labshare connect --listen` makes a gated share reachable on the student's machine.
QString localAddress(const ShareRow& row) {
    return QStringLiteral("127.0.0.1:") + QString::number(row.spec.port);
}

// A link a browser opens, through the gate's sign-in page when the share has an allow-list.
bool isBrowserLink(const ShareRow& row) {
    return row.spec.type == PublishType::Http || row.spec.type == PublishType::Term;
}

} // namespace

bool ShareCommands::isSshPort(const ShareRow& row) {
    return row.spec.type == PublishType::Tcp && row.spec.port == 22;
}

bool ShareCommands::isGnmiPort(const ShareRow& row) {
    // 57400: SR Linux and SR OS; 6030: cEOS; 9339: the IANA port for gNMI.
    const quint16 port = row.spec.port;
    return (row.spec.type == PublishType::Tls || row.spec.type == PublishType::Tcp) &&
           (port == 57400 || port == 6030 || port == 9339);
}

QString ShareCommands::sshCommand(const ShareRow& row, const QString& user) {
    const QString host = row.health.publicHost;
    if (host.isEmpty() || row.health.publicPort == 0 || !isSshPort(row))
        return {};
    const QString login = loginUser(row, user);
    const QString proxy = row.isGated() ? QStringLiteral("-o ProxyCommand='labshare connect %h:%p --fingerprint ") +
                                              row.gateFingerprint + QStringLiteral("' ")
                                        : QString();
    return QStringLiteral("ssh ") + proxy + QStringLiteral("-p ") + QString::number(row.health.publicPort) +
           QLatin1Char(' ') + (login.isEmpty() ? host : login + QLatin1Char('@') + host);
}

QString ShareCommands::connectCommand(const ShareRow& row) {
    const QString address = row.health.publicAddress();
    if (address.isEmpty() || !row.isGated())
        return {};
    return QStringLiteral("labshare connect ") + address + QStringLiteral(" --fingerprint ") + row.gateFingerprint +
           QStringLiteral(" --listen ") + localAddress(row);
}

QString ShareCommands::url(const ShareRow& row) {
    // A browser passes only an http share's gate (its sign-in page); other gated links would lead nowhere.
    return row.isGated() && !isBrowserLink(row) ? QString() : shareUrl(row);
}

QString ShareCommands::hostPort(const ShareRow& row) {
    return row.health.publicAddress();
}

QString ShareCommands::gnmicCommand(const ShareRow& row, const QString& user) {
    if (row.health.publicAddress().isEmpty() || !isGnmiPort(row))
        return {};
    const QString address = row.isGated() ? localAddress(row) : row.health.publicAddress();
    const QString login = loginUser(row, user);
    const QString security =
        row.spec.type == PublishType::Tls ? QStringLiteral("--skip-verify") : QStringLiteral("--insecure");
    return QStringLiteral("gnmic -a ") + address + (login.isEmpty() ? QString() : QStringLiteral(" -u ") + login) +
           QStringLiteral(" -p ") + passwordPlaceholder() + QLatin1Char(' ') + security +
           QStringLiteral(" capabilities");
}

QString ShareCommands::qrPayload(const ShareRow& row, const QString& user) {
    const QString address = row.health.publicAddress();
    if (address.isEmpty())
        return {};
    if (row.isGated() && url(row).isEmpty())
        return primaryCommand(row, user);
    if (isSshPort(row) && row.health.url.isEmpty()) {
        const QString login = loginUser(row, user);
        return QStringLiteral("ssh://") + (login.isEmpty() ? QString() : login + QLatin1Char('@')) + address;
    }
    const QString link = url(row);
    return link.isEmpty() ? address : link;
}

QList<ShareCommand> ShareCommands::availableCommands(const ShareRow& row) {
    if (row.health.publicAddress().isEmpty())
        return {};
    QList<ShareCommand> commands;
    if (isSshPort(row))
        commands << ShareCommand::Ssh;
    if (row.isGated() && isBrowserLink(row))
        commands << ShareCommand::Url;
    if (row.isGated() && row.spec.type != PublishType::Term)
        commands << ShareCommand::Connect;
    if (isGnmiPort(row))
        commands << ShareCommand::Gnmic;
    if (!row.isGated() && !url(row).isEmpty())
        commands << ShareCommand::Url;
    commands << ShareCommand::HostPort;
    return commands;
}

QString ShareCommands::primaryCommand(const ShareRow& row, const QString& user) {
    const QList<ShareCommand> commands = availableCommands(row);
    return commands.isEmpty() ? QString() : text(row, commands.first(), user);
}

QString ShareCommands::text(const ShareRow& row, ShareCommand command, const QString& user) {
    switch (command) {
    case ShareCommand::Ssh:
        return sshCommand(row, user);
    case ShareCommand::Gnmic:
        return gnmicCommand(row, user);
    case ShareCommand::Url:
        return url(row);
    case ShareCommand::Connect:
        return connectCommand(row);
    case ShareCommand::HostPort:
        return hostPort(row);
    }
    return {};
}

QString ShareCommands::serviceName(const ShareRow& row) {
    if (isSshPort(row))
        return QStringLiteral("SSH");
    if (isGnmiPort(row))
        return QStringLiteral("gNMI");
    if (row.spec.type == PublishType::Tcp && row.spec.port == 830)
        return QStringLiteral("NETCONF");
    if (row.spec.type == PublishType::Http)
        return QStringLiteral("HTTP");
    if (row.spec.type == PublishType::Https)
        return QStringLiteral("HTTPS");
    if (row.spec.type == PublishType::Term)
        return tr("Browser terminal");
    return topology::publishTypeName(row.spec.type).toUpper() + QLatin1Char(' ') + QString::number(row.spec.port);
}

QString ShareCommands::copyLabel(ShareCommand command) {
    switch (command) {
    case ShareCommand::Ssh:
        return tr("Copy ssh command");
    case ShareCommand::Gnmic:
        return tr("Copy gnmic command");
    case ShareCommand::Url:
        return tr("Copy URL");
    case ShareCommand::Connect:
        return tr("Copy labshare connect command");
    case ShareCommand::HostPort:
        return tr("Copy host:port");
    }
    return {};
}

} // namespace labshare::share
