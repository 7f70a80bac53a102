// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Result.h"
#include "secrets/SecretBytes.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace labshare::terminal {

// The login a browser terminal uses on a node instead of asking the student: the instructor sets it (the
// window's "Students log in as…", or `labshare node-login`), the keychain keeps it, one entry per lab and node,
// and students land straight in the node's CLI.
struct NodeLogin {
    Q_DECLARE_TR_FUNCTIONS(labshare::terminal::NodeLogin)

public:
    QString user;
    secrets::SecretBytes secret; // a password, or a private key in OpenSSH or PEM form without a passphrase

    bool isPrivateKey() const; // the secret is a key ("-----BEGIN … PRIVATE KEY-----")

    // A private key file's contents, for a login by key: refused when it cannot be read, is larger than a key
    // (16 KiB) or holds no private key. The message names the file.
    static Result<secrets::SecretBytes> readKeyFile(const QString& path);
    // Checks the user name (a login name: no '@', spaces or control characters) and that there is a secret.
    static Result<bool> check(const QString& user, const secrets::SecretBytes& secret);
    // The keychain's form, the user and the secret after a newline; decode() refuses anything else.
    secrets::SecretBytes encoded() const;
    static Result<NodeLogin> decode(QByteArrayView stored);
};

} // namespace labshare::terminal
