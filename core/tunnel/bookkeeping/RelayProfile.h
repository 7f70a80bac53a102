// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "tunnel/bookkeeping/RelayFlavor.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace labshare::tunnel {

// How LabShare authenticates to a relay.
enum class RelayAuth {
    Default,  // like ssh: the agent first, then the default key files
    Agent,    // ssh-agent only
    Key,      // the identity file (or the default key files)
    Password, // asked for, or taken from the keychain; never from the URL
    Token,    // the signed-in user's OAuth access token as the SSH password
};

QString relayAuthName(RelayAuth auth);                           // "default", "agent", "key", "password", "token"
std::optional<RelayAuth> relayAuthFromName(const QString& name); // accepts the names above but "default"

// Where the public addresses come from (an OpenSSH server, a sish-family service, or this machine's own
// LAN address), written as a URL:
//   ssh://[user@]host[:port][?flavor=…&public-host=…&identity=…&known-hosts=…&auth=…&bind=…&proxy=…&cipher=…
//                             &timeout=…]
//   lan://[ADDRESS][?allow=CIDR[,CIDR…]]
// A URL never carries a password or token: fromUrl refuses one, without repeating it.
struct RelayProfile {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::RelayProfile)

public:
    RelayFlavor flavor = RelayFlavor::Lan;
    QString user;              // ssh user; empty: the connector decides (current user, ~/.ssh/config)
    QString host;              // relay host (ssh) or, for lan, the local address to listen on ("" = default interface)
    quint16 port = 22;         // ssh port; unused for lan
    bool explicitPort = false; // the URL names the port: it beats ~/.ssh/config's Port (else Port fills it in)
    QString publicHost;        // openssh: the host name students use; fromUrl fills in host when not given
    QString identityFile;      // identity=PATH, "~/" expanded against QDir::homePath()
    QString knownHostsFile;    // known-hosts=PATH, "~/" expanded the same way
    RelayAuth auth = RelayAuth::Default;
    QString bindAddress;          // bind=ADDRESS: where the relay listens for the public side ("" = relay default)
    QString proxyHost;            // proxy=http://host:port, an HTTP CONNECT proxy carrying the SSH connection
    quint16 proxyPort = 0;        // 0 = no proxy
    QString cipher;               // cipher=NAME[,NAME…], e.g. aes128-gcm@openssh.com ("" = connector default)
    int connectTimeoutMs = 10000; // timeout=SECONDS, decimals allowed
    QStringList allowedSources;   // lan only, allow=CIDR,…: the source networks admitted ("" = any), as "addr/len"

    // Whether a client from `address` may connect (allow=; any address when it is empty).
    bool admitsSource(const QString& address) const;

    // Stable identity for files and ledgers: "<flavor>://[user@]host:port", "lan://ADDRESS". No query, no secrets.
    QString id() const;
    // What the UI shows: "relay.example.org (openssh)", "LAN 192.0.2.10".
    QString displayName() const;
    // The shortest URL that fromUrl reads back into an equal profile (defaults left out).
    QString toUrl() const;
    bool isLan() const { return flavor == RelayFlavor::Lan; }

    // Parses a relay URL (forms above). The error message quotes the URL, without any password or the values
    // of unknown options, and names the offending part.
    static Result<RelayProfile> fromUrl(const QString& url);

    friend bool operator==(const RelayProfile&, const RelayProfile&) = default;
};

} // namespace labshare::tunnel
