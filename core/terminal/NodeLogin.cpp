// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal/NodeLogin.h"

#include <QFile>

namespace labshare::terminal {

namespace {

constexpr qsizetype kMaxUser = 64;
constexpr qint64 kMaxKeyFile = 16 * 1024;

bool looksLikePrivateKey(QByteArrayView bytes) {
    bytes = bytes.trimmed();
    return bytes.startsWith("-----BEGIN ") && bytes.contains("PRIVATE KEY-----");
}

} // namespace

bool NodeLogin::isPrivateKey() const {
    return looksLikePrivateKey(secret.view());
}

Result<secrets::SecretBytes> NodeLogin::readKeyFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::FileUnreadable, tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxKeyFile)
        return makeError(ErrorCode::BadInput, tr("%1 is larger than a private key (over 16 KiB)").arg(path));
    secrets::SecretBytes key = secrets::SecretBytes::adopt(file.readAll());
    if (!looksLikePrivateKey(key.view()))
        return makeError(ErrorCode::BadInput, tr("%1 is not a private key (OpenSSH or PEM form)").arg(path));
    return key;
}

Result<bool> NodeLogin::check(const QString& user, const secrets::SecretBytes& secret) {
    if (user.isEmpty())
        return makeError(ErrorCode::BadInput, tr("no user name for the node's login"));
    if (user.size() > kMaxUser)
        return makeError(ErrorCode::BadInput, tr("the user name is longer than %1 characters").arg(kMaxUser));
    for (const QChar c : user) {
        if (c == QLatin1Char('@') || c.isSpace() || !c.isPrint())
            return makeError(ErrorCode::BadInput,
                             tr("the user name '%1' has a character a login name cannot have (@, a space or a "
                                "control character)")
                                 .arg(user));
    }
    if (secret.isEmpty())
        return makeError(ErrorCode::BadInput, tr("no password or key for %1").arg(user));
    return true;
}

secrets::SecretBytes NodeLogin::encoded() const {
    const QByteArray name = user.toUtf8();
    QByteArray bytes;
    bytes.reserve(name.size() + 1 + secret.size());
    bytes.append(name).append('\n').append(secret.view());
    return secrets::SecretBytes::adopt(std::move(bytes));
}

Result<NodeLogin> NodeLogin::decode(QByteArrayView stored) {
    const qsizetype newline = stored.indexOf('\n');
    if (newline < 0)
        return makeError(ErrorCode::BadInput, tr("the node login kept in the keychain is not LabShare's form"));
    NodeLogin login;
    login.user = QString::fromUtf8(stored.first(newline));
    login.secret = secrets::SecretBytes(stored.sliced(newline + 1));
    if (Result<bool> ok = check(login.user, login.secret); !ok)
        return ok.error();
    return login;
}

} // namespace labshare::terminal
