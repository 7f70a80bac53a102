// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace labshare::share {

// The ways a share can be handed out: what a copy button puts on the clipboard.
enum class ShareCommand { Ssh, Gnmic, Url, Connect, HostPort };

// What the copy buttons, the QR codes, the presentation view and the share sheet hand out for
// a share, from its row alone. A gated share is reached through `labshare connect`, pinned to the
// gate's key, and its commands say so; a gated web (http) share keeps its link too: the browser gets
// LabShare's sign-in page first. Every function returns an
// empty string while the share has no public address yet. A `user` left empty means the default login user for the
// node's kind (admin on SR Linux, cEOS, SR OS; root on linux); the caller may pass one the user typed.
class ShareCommands {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::ShareCommands)

public:
    ShareCommands() = delete;

    // "ssh -p 40123 admin@relay.example.org" for an SSH port (tcp/22); gated, with
    // -o ProxyCommand='labshare connect %h:%p --fingerprint SHA256:…' before -p. OpenSSH takes an IPv6 literal after
    // '@' as is (brackets would become part of the host name), so none are added here.
    static QString sshCommand(const ShareRow& row, const QString& user = {});
    // The link a share hands out (shareUrl): http(s)://…, ssh://user@host:port, or empty (gated and not http).
    static QString url(const ShareRow& row);
    // A gated share: "labshare connect relay.example.org:40125 --fingerprint SHA256:… --listen
    // 127.0.0.1:57400", which carries connections to that local port (the node's own) to the share.
    static QString connectCommand(const ShareRow& row);
    // "relay.example.org:40123", "[2001:db8::1]:40123".
    static QString hostPort(const ShareRow& row);
    // "gnmic -a relay.example.org:40123 -u admin -p <password> --skip-verify capabilities" for a gNMI
    // port. Never a real password: passwordPlaceholder() stands in for it. tls entries skip
    // certificate checks (lab nodes present self-signed certificates), tcp entries use --insecure.
    // Gated, it talks to connectCommand()'s local port.
    static QString gnmicCommand(const ShareRow& row, const QString& user = {});
    // What a QR code carries: ssh://user@host:port for SSH ports, else the URL if any, else host:port;
    // gated, the link of a web share, else the first command (a laptop's camera app can copy it).
    static QString qrPayload(const ShareRow& row, const QString& user = {});
    // Which of the above apply to the row, the most useful first; empty without a public address.
    static QList<ShareCommand> availableCommands(const ShareRow& row);
    // The first available command: what a row's copy button copies.
    static QString primaryCommand(const ShareRow& row, const QString& user = {});
    static QString text(const ShareRow& row, ShareCommand command, const QString& user = {});

    // "SSH", "gNMI", "NETCONF", "HTTP", "HTTPS", else "TCP 8080": what the port is, for people.
    static QString serviceName(const ShareRow& row);
    // "Copy ssh command", "Copy gnmic command", "Copy URL", "Copy labshare connect command", "Copy host:port".
    static QString copyLabel(ShareCommand command);
    static QString passwordPlaceholder() { return QStringLiteral("<password>"); }

    static bool isSshPort(const ShareRow& row);
    static bool isGnmiPort(const ShareRow& row);
};

} // namespace labshare::share
