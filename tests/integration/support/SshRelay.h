// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace labshare::testsupport {

// What goes into the relay URL besides the relay itself.
struct RelayUrlOptions {
    QString knownHostsFile;                           // known-hosts=; empty leaves it out
    QString proxy;                                    // proxy=http://host:port; empty leaves it out
    QString identityFile;                             // identity=; empty means the relay's client key
    QString bind = QStringLiteral("127.0.0.1");       // bind=, where the relay listens for the public side
    QString publicHost = QStringLiteral("127.0.0.1"); // public-host=
};

// A real OpenSSH sshd on 127.0.0.1 playing the relay, run from a temporary directory with its own
// host key, a client key in its authorized_keys, and forwarding allowed (GatewayPorts clientspecified).
// stderr (sshd -e, which its per-connection children inherit) goes to a file, so a test that is busy
// elsewhere can never stall the relay on a full pipe.
class SshRelay {
public:
    SshRelay();
    ~SshRelay();
    SshRelay(const SshRelay&) = delete;
    SshRelay& operator=(const SshRelay&) = delete;

    // For a relay that checks logins through PAM (the relay kit's test). Set before the first start().
    // `usePam`: UsePAM yes instead of no. `programName`: sshd runs through a symlink of that name, which
    // is its PAM service name (/etc/pam.d/<programName>). `extraConfig` is appended to sshd_config, so
    // it may end with Match blocks.
    void setUsePam(bool usePam) { m_usePam = usePam; }
    void setProgramName(const QString& programName) { m_programName = programName; }
    void setExtraConfig(const QString& extraConfig) { m_extraConfig = extraConfig; }
    // sshd's LogLevel (VERBOSE unless set; DEBUG2 logs every channel's windows). Set before the first start().
    void setLogLevel(const QString& logLevel) { m_logLevel = logLevel; }

    // Starts sshd and waits until it accepts connections. The first call creates the keys and picks a
    // free port; later calls (after stop() or kill()) start again on the same port with the same keys.
    [[nodiscard]] bool start();
    // SIGTERM to sshd and every per-connection sshd below it; waits until they are gone.
    void stop();
    // The relay dies: SIGKILL to sshd and every per-connection sshd below it, so every client's TCP
    // connection ends at once; waits until they are gone.
    void kill();
    bool isRunning() const;
    // A new host key; a running relay restarts on the same port to serve it.
    [[nodiscard]] bool regenerateHostKey();

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_pid; } // the listening sshd; per-connection sshds are its descendants
    QString user() const;                // the current user, whom the client key logs in as
    QString clientKey() const;           // private key file; its .pub is in authorized_keys
    QString hostPublicKey() const;       // "ssh-ed25519 AAAA..."
    QString hostKeyFingerprint() const;  // "SHA256:...", as ssh-keygen -l prints it

    // A new file holding the line "[127.0.0.1]:PORT <host key>" for the current host key.
    QString knownHostsFile();
    // A new, empty known_hosts file.
    QString emptyKnownHostsFile();
    // ssh://USER@127.0.0.1:PORT?flavor=openssh&public-host=...&identity=...&known-hosts=...&bind=...[&proxy=...]
    QString relayUrl(const RelayUrlOptions& options) const;
    // The usual case: known_hosts, optionally a proxy, everything else as RelayUrlOptions has it.
    QString relayUrl(const QString& knownHostsFile, const QString& proxy = QString()) const;

    // Empty when 127.0.0.1:`port` is a listening socket held by an sshd of this relay (a per-connection
    // child: that is where a tcpip-forward listens), else what `ss` shows instead.
    QString checkForwardListener(quint16 port) const;

    QString log() const; // everything sshd logged so far
    QString errorString() const { return m_error; }
    QString directory() const { return m_dir.path(); }

private:
    bool prepare();
    bool generateKey(const QString& file, const QString& comment);
    QString processName() const;
    bool writeConfig();
    void waitGone(const QList<qint64>& pids);

    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_sshd;
    QString m_keygen;
    bool m_usePam = false;
    QString m_programName; // empty: sshd as it is
    QString m_extraConfig;
    QString m_logLevel = QStringLiteral("VERBOSE");
    quint16 m_port = 0;
    qint64 m_pid = 0;
    int m_knownHostsFiles = 0;
    QString m_error;
};

} // namespace labshare::testsupport
