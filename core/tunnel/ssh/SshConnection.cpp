// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/SshConnection.h"
#include "common/Logging.h"
#include "tunnel/net/HttpConnectProxy.h"
#include "tunnel/net/Socket.h"
#include "tunnel/ssh/SshAuthentication.h"

#include <libssh/callbacks.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QList>

#include <algorithm>
#include <mutex>
#include <unistd.h>

namespace labshare::tunnel {

namespace {

QString sshError(ssh_session session) {
    return QString::fromUtf8(ssh_get_error(session));
}

bool cpuHasAes() {
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_cpu_supports("aes");
#else
    return false;
#endif
}

void logCallback(int, const char*, const char* buffer, void*) {
    // libssh has already put the function's name in front: "ssh_connect: …". What matters reaches the
    // user through ssh_get_error(), in context; the rest is for the diagnostics pane and `up -v`.
    qCDebug(lcLibssh, "%s", buffer);
}

Result<bool> setOption(ssh_session session, ssh_options_e option, const void* value, const char* name) {
    if (ssh_options_set(session, option, value) != SSH_OK)
        return makeError(ErrorCode::BadInput,
                         SshConnection::tr("cannot set SSH option %1: %2").arg(QLatin1String(name), sshError(session)));
    return true;
}

Result<bool> verifyHostKey(ssh_session session, const RelayProfile& profile, const QString& knownHosts,
                           const SshConnectOptions& options, const QString& fingerprint) {
    const QString relay = profile.host + QLatin1Char(':') + QString::number(profile.port);
    switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
        return true;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        return makeError(
            ErrorCode::HostKeyChanged,
            SshConnection::tr("the host key of relay %1 has changed: it is now %2, which %3 does not list. Refusing to "
                              "connect; if the relay was really reinstalled, remove its old entry from %3")
                .arg(relay, fingerprint, QDir::toNativeSeparators(knownHosts)));
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
        if (options.hostKeys == HostKeyPolicy::AcceptNew || options.trustedFingerprint == fingerprint) {
            QDir().mkpath(QFileInfo(knownHosts).absolutePath());
            if (ssh_session_update_known_hosts(session) != SSH_OK)
                return makeError(ErrorCode::HostKeyUnknown,
                                 SshConnection::tr("cannot record the host key of relay %1 in %2: %3")
                                     .arg(relay, QDir::toNativeSeparators(knownHosts), sshError(session)));
            qCInfo(lcTunnel) << "recorded new host key" << fingerprint << "for" << relay;
            return true;
        }
        return makeError(
            ErrorCode::HostKeyUnknown,
            SshConnection::tr("the host key of relay %1 is not known yet (%2). Check it with the relay's operator, "
                              "then accept it (headless: --accept-new-host-key)")
                .arg(relay, fingerprint),
            fingerprint);
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    return makeError(ErrorCode::HostKeyUnknown,
                     SshConnection::tr("cannot check the host key of relay %1: %2").arg(relay, sshError(session)));
}

} // namespace

QString hostKeyFingerprint(ssh_session session) {
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK)
        return {};
    unsigned char* hash = nullptr;
    size_t length = 0;
    QString out;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == SSH_OK) {
        char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        out = QString::fromLatin1(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return out;
}

void SshSessionFree::operator()(ssh_session session) const {
    if (ssh_is_connected(session)) {
        // Every session here got its socket from openSshConnection() (SSH_OPTIONS_FD), and libssh 0.10's
        // ssh_disconnect() leaves such a socket open and forgets it: closed here, or the relay would keep the
        // session, and every forward of it, for as long as this process runs.
        const socket_t fd = ssh_get_fd(session);
        ssh_disconnect(session);
        if (fd != SSH_INVALID_SOCKET)
            ::close(fd);
    }
    ssh_free(session);
}

void installSshLogging() {
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
    // libssh keeps its log callback and level per thread (LIBSSH_THREAD): without them a thread's libssh
    // messages go straight to stderr. Set them on every thread that uses libssh.
    thread_local bool installed = false;
    if (installed)
        return;
    installed = true;
    ssh_set_log_callback(logCallback);
    ssh_set_log_level(qEnvironmentVariableIsSet("LABSHARE_SSH_DEBUG") ? SSH_LOG_DEBUG : SSH_LOG_WARN);
}

Result<SshConnection> openSshConnection(const RelayProfile& profile, const SshConnectOptions& options) {
    installSshLogging();
    SshSessionPtr session(ssh_new());
    if (!session)
        return makeError(ErrorCode::Network, SshConnection::tr("cannot create an SSH session"));
    ssh_session s = session.get();

    // libssh resolves ~ from the password database; LabShare means $HOME, like Qt and OpenSSH.
    const QByteArray sshDir = QDir(QDir::homePath()).filePath(QStringLiteral(".ssh")).toUtf8();
    const QString knownHosts = profile.knownHostsFile.isEmpty()
                                   ? QDir(QString::fromUtf8(sshDir)).filePath(QStringLiteral("known_hosts"))
                                   : profile.knownHostsFile;
    const QByteArray host = profile.host.toUtf8();
    const unsigned int port = profile.port;
    const long timeoutSeconds = std::max(1, profile.connectTimeoutMs / 1000);
    const int verbosity = SSH_LOG_WARN;
    const QByteArray knownHostsPath = knownHosts.toUtf8();
    const QByteArray user = profile.user.toUtf8();
    const QByteArray identity = profile.identityFile.toUtf8();
    const QByteArray ciphers =
        !profile.cipher.isEmpty() ? profile.cipher.toUtf8()
        : cpuHasAes() // AES-GCM beats chacha20 where the CPU has AES instructions (about 1.1x, one stream)
            ? QByteArrayLiteral("aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,"
                                "aes128-ctr,aes256-ctr")
            : QByteArray();
    using Setting = std::tuple<ssh_options_e, const void*, const char*>;
    QList<Setting> defaults{{SSH_OPTIONS_SSH_DIR, sshDir.constData(), "ssh dir"},
                            {SSH_OPTIONS_HOST, host.constData(), "host"},
                            {SSH_OPTIONS_TIMEOUT, &timeoutSeconds, "timeout"},
                            {SSH_OPTIONS_LOG_VERBOSITY, &verbosity, "log verbosity"}};
    QList<Setting> explicitOnes;
    // As ssh does it: what the URL says wins, and the configuration (~/.ssh/config, then the system's) fills
    // in only what the URL left open. libssh lets the later setting win, so LabShare's own defaults go in
    // before the configuration is read and the URL's port, user, identity, known_hosts file and ciphers after.
    QList<Setting>& knownHostsGoes = profile.knownHostsFile.isEmpty() ? defaults : explicitOnes;
    knownHostsGoes.emplaceBack(SSH_OPTIONS_KNOWNHOSTS, knownHostsPath.constData(), "known hosts");
    if (!ciphers.isEmpty()) {
        QList<Setting>& ciphersGo = profile.cipher.isEmpty() ? defaults : explicitOnes;
        ciphersGo.emplaceBack(SSH_OPTIONS_CIPHERS_C_S, ciphers.constData(), "cipher");
        ciphersGo.emplaceBack(SSH_OPTIONS_CIPHERS_S_C, ciphers.constData(), "cipher");
    }
    if (profile.explicitPort)
        explicitOnes.emplaceBack(SSH_OPTIONS_PORT, &port, "port");
    if (!profile.user.isEmpty())
        explicitOnes.emplaceBack(SSH_OPTIONS_USER, user.constData(), "user");
    if (!profile.identityFile.isEmpty()) // SSH_OPTIONS_IDENTITY puts it ahead of the configuration's keys
        explicitOnes.emplaceBack(SSH_OPTIONS_IDENTITY, identity.constData(), "identity");
    for (const auto& [option, value, name] : std::as_const(defaults))
        if (Result<bool> r = setOption(s, option, value, name); !r)
            return r.error();
    if (ssh_options_parse_config(s, nullptr) != SSH_OK)
        qCWarning(lcTunnel) << "cannot read the SSH configuration:" << sshError(s);
    const bool processConfig = false; // read once, here: ssh_connect() would read it again over the URL's values
    if (Result<bool> r = setOption(s, SSH_OPTIONS_PROCESS_CONFIG, &processConfig, "process config"); !r)
        return r.error();
    for (const auto& [option, value, name] : std::as_const(explicitOnes))
        if (Result<bool> r = setOption(s, option, value, name); !r)
            return r.error();
    char* effectiveHost = nullptr;
    ssh_options_get(s, SSH_OPTIONS_HOST, &effectiveHost);
    const QString connectHost = effectiveHost ? QString::fromUtf8(effectiveHost) : profile.host;
    ssh_string_free_char(effectiveHost);
    unsigned int effectivePort = profile.port;
    ssh_options_get_port(s, &effectivePort);

    // TCP ourselves: TCP_NODELAY from the first byte, an optional CONNECT proxy, and a socket that
    // another thread can shut down to cancel a connect in progress.
    const bool viaProxy = profile.proxyPort != 0;
    Result<Socket> socket = viaProxy ? Socket::connectTo(profile.proxyHost, profile.proxyPort)
                                     : Socket::connectTo(connectHost, static_cast<quint16>(effectivePort));
    if (!socket)
        return socket.error();
    const QString hop = viaProxy ? SshConnection::tr("proxy %1:%2").arg(profile.proxyHost).arg(profile.proxyPort)
                                 : SshConnection::tr("relay %1:%2").arg(connectHost).arg(effectivePort);
    if (Result<bool> up = socket->waitConnected(profile.connectTimeoutMs, options.stopFd); !up)
        return makeError(up.error().code, SshConnection::tr("cannot connect to %1: %2").arg(hop, up.error().message));
    if (viaProxy)
        if (Result<bool> tunnel = httpConnect(socket->fd(), connectHost, static_cast<quint16>(effectivePort),
                                              profile.connectTimeoutMs, options.stopFd);
            !tunnel)
            return makeError(tunnel.error().code, SshConnection::tr("%1: %2").arg(hop, tunnel.error().message));
    socket->setBlocking(true);
    const int fd = socket->release(); // the session's from here: closed with it (SshSessionFree)
    if (options.socketFd)
        options.socketFd->store(fd);
    if (Result<bool> r = setOption(s, SSH_OPTIONS_FD, &fd, "socket"); !r)
        return r.error();

    if (ssh_connect(s) != SSH_OK)
        return makeError(ErrorCode::Network, SshConnection::tr("SSH handshake with relay %1:%2 failed: %3")
                                                 .arg(connectHost)
                                                 .arg(effectivePort)
                                                 .arg(sshError(s)));
    SshConnection connection;
    connection.fingerprint = hostKeyFingerprint(s);
    if (Result<bool> trusted = verifyHostKey(s, profile, knownHosts, options, connection.fingerprint); !trusted)
        return trusted.error();
    char* loginUser = nullptr;
    ssh_options_get(s, SSH_OPTIONS_USER, &loginUser);
    connection.user = loginUser ? QString::fromUtf8(loginUser) : QString();
    ssh_string_free_char(loginUser);
    if (Result<bool> auth = authenticate(s, profile, options.secrets, connection.user); !auth)
        return auth.error();
    connection.session = std::move(session);
    return connection;
}

} // namespace labshare::tunnel
