// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SshRelay.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <utility>

namespace labshare::testsupport {

class OidcProvider;

QByteArray readFile(const QString& path);
bool writeFile(const QString& path, const QByteArray& text);

// The relay kit (installer/relay) on a real OpenSSH sshd, set up as labshare-relay-setup does it, for
// an account of this run's (a system user, no home, the kit's session program as its shell, locked password): the kit's
// sshd drop-in with 127.0.0.1 as the relay's public address, its PAM file (pointed at this build's module, the source
// tree's validator and this run's relay.conf) included ahead of Debian's /etc/pam.d/sshd. Needs root. What a run killed
// by ctest's timeout left behind is removed by the next run's start().
class RelayKitSshd {
public:
    RelayKitSshd() = default;
    ~RelayKitSshd();
    RelayKitSshd(const RelayKitSshd&) = delete;
    RelayKitSshd& operator=(const RelayKitSshd&) = delete;

    bool start(QString* error);
    // Stops sshd, removes the account and the PAM files; false (with what is left) unless all are gone.
    bool stop(QString* error);

    // relay.conf for `provider`: client_id = LabShare's, no verdict cache (cache_seconds = 0), a cache
    // directory of this run's; `settings` adds or replaces keys (an empty value leaves the key out).
    bool writeConfig(const OidcProvider& provider, const QString& allow,
                     const QList<std::pair<QString, QString>>& settings = {});
    // A LabShare relay URL for the kit's account; `knownHosts` empty: the sshd's own.
    QString relayUrl(const QString& auth = QStringLiteral("token"), const QString& bind = QStringLiteral("127.0.0.1"),
                     const QString& knownHosts = QString()) const;

    const QString& account() const { return m_account; }
    SshRelay& sshd() { return m_relay; }

private:
    bool installPam(QString* error);
    void removeLeftovers();

    QTemporaryDir m_dir;
    QTemporaryDir m_shellDir; // the account's shell, readable by it
    QString m_account;
    QString m_service;
    QStringList m_pamFiles; // what this run wrote under /etc/pam.d
    bool m_accountCreated = false;
    QString m_userdel;
    SshRelay m_relay;
    QString m_knownHosts;
};

} // namespace labshare::testsupport
