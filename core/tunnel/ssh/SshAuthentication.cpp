// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/SshAuthentication.h"
#include "common/Logging.h"

#include <libssh/callbacks.h>

#include <QCoreApplication>
#include <QDir>

#include <cstring>

namespace labshare::tunnel {

namespace {

// Gives this file's messages their tr() and translation context.
class SshAuthentication {
    Q_DECLARE_TR_FUNCTIONS(labshare::tunnel::SshAuthentication)
};

std::optional<secrets::SecretBytes> ask(const SecretProvider& secrets, SecretKind kind, const QString& what) {
    return secrets ? secrets(kind, what) : std::nullopt;
}

struct PassphraseContext {
    const SecretProvider* secrets;
    QString keyFile;
};

int passphraseCallback(const char*, char* buffer, size_t length, int, int, void* userdata) {
    auto* context = static_cast<PassphraseContext*>(userdata);
    const std::optional<secrets::SecretBytes> secret =
        ask(*context->secrets, SecretKind::KeyPassphrase, context->keyFile);
    if (!secret || static_cast<size_t>(secret->size()) >= length)
        return -1;
    std::memcpy(buffer, secret->constData(), static_cast<size_t>(secret->size()));
    buffer[secret->size()] = '\0';
    return 0;
}

bool tryAgent(ssh_session session) {
    if (qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
        return false;
    return ssh_userauth_agent(session, nullptr) == SSH_AUTH_SUCCESS;
}

bool tryKeyFile(ssh_session session, const QString& path, const SecretProvider& secrets) {
    PassphraseContext context{&secrets, path};
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(path.toUtf8().constData(), nullptr, passphraseCallback, &context, &key) != SSH_OK) {
        qCWarning(lcTunnel) << "cannot load key" << path;
        return false;
    }
    const int rc = ssh_userauth_publickey(session, nullptr, key);
    ssh_key_free(key);
    return rc == SSH_AUTH_SUCCESS;
}

bool tryDefaultKeys(ssh_session session, const SecretProvider& secrets) {
    ssh_callbacks_struct callbacks{};
    PassphraseContext context{&secrets, SshAuthentication::tr("your SSH key")};
    callbacks.userdata = &context;
    callbacks.auth_function = passphraseCallback;
    ssh_callbacks_init(&callbacks);
    ssh_set_callbacks(session, &callbacks);
    const int rc = ssh_userauth_publickey_auto(session, nullptr, nullptr);
    ssh_set_callbacks(session, nullptr);
    return rc == SSH_AUTH_SUCCESS;
}

// Password, then keyboard-interactive with the same secret as every answer (relays that check a
// token through PAM ask for it as keyboard-interactive).
bool trySecret(ssh_session session, const secrets::SecretBytes& secret, int methods) {
    if ((methods & SSH_AUTH_METHOD_PASSWORD) &&
        ssh_userauth_password(session, nullptr, secret.constData()) == SSH_AUTH_SUCCESS)
        return true;
    if (!(methods & SSH_AUTH_METHOD_INTERACTIVE))
        return false;
    int rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    for (int round = 0; rc == SSH_AUTH_INFO && round < 8; ++round) {
        const int prompts = ssh_userauth_kbdint_getnprompts(session);
        for (int i = 0; i < prompts; ++i)
            ssh_userauth_kbdint_setanswer(session, static_cast<unsigned int>(i), secret.constData());
        rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    }
    return rc == SSH_AUTH_SUCCESS;
}

} // namespace

Result<bool> authenticate(ssh_session session, const RelayProfile& profile, const SecretProvider& secrets,
                          const QString& user) {
    const QString who = user + QLatin1Char('@') + profile.host;
    // "none" first: some relays admit anyone, and the answer lists the methods they take.
    if (ssh_userauth_none(session, nullptr) == SSH_AUTH_SUCCESS)
        return true;
    const int methods = ssh_userauth_list(session, nullptr);
    bool ok = false;
    switch (profile.auth) {
    case RelayAuth::Default:
        ok = tryAgent(session) ||
             (!profile.identityFile.isEmpty() && tryKeyFile(session, profile.identityFile, secrets)) ||
             tryDefaultKeys(session, secrets);
        break;
    case RelayAuth::Agent:
        ok = tryAgent(session);
        break;
    case RelayAuth::Key:
        ok = profile.identityFile.isEmpty() ? tryDefaultKeys(session, secrets)
                                            : tryKeyFile(session, profile.identityFile, secrets);
        break;
    case RelayAuth::Password:
    case RelayAuth::Token: {
        const SecretKind kind = profile.auth == RelayAuth::Token ? SecretKind::Token : SecretKind::Password;
        const std::optional<secrets::SecretBytes> secret = ask(secrets, kind, who);
        if (!secret)
            return makeError(ErrorCode::AuthFailed,
                             kind == SecretKind::Token
                                 ? SshAuthentication::tr("relay %1 needs you to sign in first").arg(who)
                                 : SshAuthentication::tr("relay %1 needs a password, and none was given").arg(who));
        ok = trySecret(session, *secret, methods);
        if (!ok && kind == SecretKind::Token)
            return makeError(ErrorCode::AuthFailed,
                             SshAuthentication::tr("relay %1 refused your sign-in; sign in again").arg(who));
        break;
    }
    }
    if (ok)
        return true;
    return makeError(ErrorCode::AuthFailed,
                     SshAuthentication::tr("relay %1 refused the login (%2): %3")
                         .arg(who, relayAuthName(profile.auth), QString::fromUtf8(ssh_get_error(session))));
}

} // namespace labshare::tunnel
