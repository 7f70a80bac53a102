// SPDX-License-Identifier: GPL-3.0-or-later
#include "SshRelay.h"
#include "FreePort.h"
#include "ProcessTree.h"
#include "SocketTable.h"
#include "Tools.h"
#include "Wait.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <csignal>

#include <pwd.h>
#include <unistd.h>

namespace labshare::testsupport {

namespace {

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

} // namespace

SshRelay::SshRelay() {
    dieWithTheTest(m_process);
}

SshRelay::~SshRelay() {
    stop();
}

QString SshRelay::user() const {
    const passwd* entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : qEnvironmentVariable("USER");
}

QString SshRelay::clientKey() const {
    return m_dir.filePath(QStringLiteral("client_key"));
}

QString SshRelay::hostPublicKey() const {
    const QStringList fields = readText(m_dir.filePath(QStringLiteral("host_key.pub"))).split(QLatin1Char(' '));
    return fields.size() >= 2 ? fields.at(0) + QLatin1Char(' ') + fields.at(1) : QString();
}

QString SshRelay::hostKeyFingerprint() const {
    QByteArray output;
    if (runTool(m_keygen,
                {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"),
                 m_dir.filePath(QStringLiteral("host_key.pub"))},
                &output) != 0)
        return {};
    // "256 SHA256:abc... comment (ED25519)"
    const QList<QByteArray> fields = output.split(' ');
    return fields.size() >= 2 ? QString::fromLatin1(fields.at(1)) : QString();
}

QString SshRelay::processName() const {
    // What ss shows: the kernel's comm, the program's file name cut to 15 characters.
    return m_programName.isEmpty() ? QStringLiteral("sshd") : m_programName.left(15);
}

QString SshRelay::log() const {
    return readText(m_dir.filePath(QStringLiteral("sshd.log")));
}

QString SshRelay::checkForwardListener(quint16 port) const {
    if (port == 0)
        return QStringLiteral("no port");
    SocketTable table;
    if (!table.capture())
        return table.errorString();
    const QList<SocketEntry> listeners = table.listenersOn(port);
    if (listeners.isEmpty())
        return QStringLiteral("nothing listens on port %1").arg(port);
    QStringList problems;
    for (const SocketEntry& l : listeners) {
        if (l.localAddress != QLatin1String("127.0.0.1"))
            problems.append(QStringLiteral("a listener on %1:%2, not on 127.0.0.1").arg(l.localAddress).arg(port));
        if (l.owners.isEmpty())
            problems.append(QStringLiteral("no visible owner for %1:%2").arg(l.localAddress).arg(port));
        for (const SocketOwner& o : l.owners)
            if (o.process != processName() || !ProcessTree::contains(m_pid, o.pid))
                problems.append(
                    QStringLiteral("%1:%2 is held by %3 (pid %4), not by the relay's sshd (pid %5 and below)")
                        .arg(l.localAddress)
                        .arg(port)
                        .arg(o.process)
                        .arg(o.pid)
                        .arg(m_pid));
    }
    return problems.join(QLatin1String("; "));
}

bool SshRelay::generateKey(const QString& file, const QString& comment) {
    QFile::remove(file);
    QFile::remove(file + QStringLiteral(".pub"));
    QByteArray output;
    if (runTool(m_keygen,
                {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
                 QStringLiteral("-C"), comment, QStringLiteral("-f"), file},
                &output) != 0) {
        m_error = QStringLiteral("ssh-keygen failed for %1: %2").arg(file, QString::fromUtf8(output));
        return false;
    }
    return true;
}

bool SshRelay::writeConfig() {
    const QString config =
        QStringLiteral("Port %1\n"
                       "ListenAddress 127.0.0.1\n"
                       "HostKey %2\n"
                       "PidFile %3\n"
                       "AuthorizedKeysFile %4\n"
                       "StrictModes no\n"
                       "PasswordAuthentication no\n"
                       "KbdInteractiveAuthentication no\n"
                       "PermitRootLogin yes\n"
                       "UsePAM %5\n"
                       "AllowTcpForwarding yes\n"
                       "GatewayPorts clientspecified\n"
                       "LogLevel %6\n"
                       "ClientAliveInterval 2\n"
                       "ClientAliveCountMax 2\n")
            .arg(m_port)
            .arg(m_dir.filePath(QStringLiteral("host_key")), m_dir.filePath(QStringLiteral("sshd.pid")),
                 m_dir.filePath(QStringLiteral("authorized_keys")),
                 m_usePam ? QStringLiteral("yes") : QStringLiteral("no"), m_logLevel) +
        m_extraConfig;
    if (!writeText(m_dir.filePath(QStringLiteral("sshd_config")), config.toUtf8())) {
        m_error = QStringLiteral("cannot write %1").arg(m_dir.filePath(QStringLiteral("sshd_config")));
        return false;
    }
    return true;
}

bool SshRelay::prepare() {
    if (m_port != 0)
        return true;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    m_sshd = findTool(QStringLiteral("sshd"), QStringLiteral("openssh-server"), &m_error);
    if (m_sshd.isEmpty())
        return false;
    m_keygen = findTool(QStringLiteral("ssh-keygen"), QStringLiteral("openssh-client"), &m_error);
    if (m_keygen.isEmpty())
        return false;
    if (!m_programName.isEmpty()) {
        // sshd names its PAM service after the program it runs as; it re-executes that same path.
        const QString alias = m_dir.filePath(m_programName);
        if (!QFile::link(m_sshd, alias)) {
            m_error = QStringLiteral("cannot link %1 to %2").arg(alias, m_sshd);
            return false;
        }
        m_sshd = alias;
    }
    if (!generateKey(m_dir.filePath(QStringLiteral("host_key")), QStringLiteral("labshare-test-relay")) ||
        !generateKey(clientKey(), QStringLiteral("labshare-test-client")))
        return false;
    if (!QFile::copy(clientKey() + QStringLiteral(".pub"), m_dir.filePath(QStringLiteral("authorized_keys")))) {
        m_error = QStringLiteral("cannot write authorized_keys");
        return false;
    }
    m_port = freeTcpPort();
    if (m_port == 0) {
        m_error = QStringLiteral("no free TCP port on 127.0.0.1");
        return false;
    }
    return writeConfig();
}

bool SshRelay::start() {
    if (isRunning())
        return true;
    if (!prepare())
        return false;
    // sshd running as root insists on its privilege-separation directory (Debian creates it at boot only).
    if (::geteuid() == 0 && !QDir().mkpath(QStringLiteral("/run/sshd"))) {
        m_error = QStringLiteral("cannot create /run/sshd");
        return false;
    }
    const QString logFile = m_dir.filePath(QStringLiteral("sshd.log"));
    const qsizetype logStart = log().size();
    m_process.setStandardOutputFile(logFile, QIODevice::Append);
    m_process.setStandardErrorFile(logFile, QIODevice::Append);
    // sshd re-executes itself per connection and needs absolute paths for that.
    m_process.start(m_sshd, {QStringLiteral("-f"), m_dir.filePath(QStringLiteral("sshd_config")), QStringLiteral("-D"),
                             QStringLiteral("-e")});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(m_sshd, m_process.errorString());
        return false;
    }
    m_pid = m_process.processId();
    const QString listening = QStringLiteral("Server listening on 127.0.0.1 port %1.").arg(m_port);
    const bool up = waitUntil(
        [&] { return m_process.state() != QProcess::Running || log().mid(logStart).contains(listening); }, 15000);
    if (!up || m_process.state() != QProcess::Running) {
        m_error = QStringLiteral("sshd did not start listening on 127.0.0.1:%1; its log:\n%2")
                      .arg(m_port)
                      .arg(log().mid(logStart));
        stop();
        return false;
    }
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, m_port);
    if (!probe.waitForConnected(5000)) {
        m_error = QStringLiteral("sshd logged that it listens but 127.0.0.1:%1 refuses: %2")
                      .arg(m_port)
                      .arg(probe.errorString());
        stop();
        return false;
    }
    probe.abort();
    return true;
}

bool SshRelay::isRunning() const {
    return m_process.state() != QProcess::NotRunning;
}

void SshRelay::waitGone(const QList<qint64>& pids) {
    m_process.waitForFinished(10000);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // The per-connection sshds were re-parented when the listener died; wait until none is left, so the
    // ports they held (the relay's forwards) are closed when this returns.
    (void)waitUntil(
        [&] { return std::none_of(pids.cbegin(), pids.cend(), [](qint64 p) { return ProcessTree::isAlive(p); }); },
        10000);
}

void SshRelay::stop() {
    if (!isRunning())
        return;
    const QList<qint64> below = ProcessTree::descendants(m_pid);
    ProcessTree::signalTree(m_pid, SIGTERM);
    waitGone(below);
}

void SshRelay::kill() {
    if (!isRunning())
        return;
    const QList<qint64> below = ProcessTree::descendants(m_pid);
    ProcessTree::signalTree(m_pid, SIGKILL);
    waitGone(below);
}

bool SshRelay::regenerateHostKey() {
    if (!prepare())
        return false;
    const bool wasRunning = isRunning();
    stop();
    if (!generateKey(m_dir.filePath(QStringLiteral("host_key")), QStringLiteral("labshare-test-relay-new")))
        return false;
    return !wasRunning || start();
}

QString SshRelay::knownHostsFile() {
    const QString path = m_dir.filePath(QStringLiteral("known_hosts-%1").arg(++m_knownHostsFiles));
    const QString line = QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_port).arg(hostPublicKey());
    return writeText(path, line.toUtf8()) ? path : QString();
}

QString SshRelay::emptyKnownHostsFile() {
    const QString path = m_dir.filePath(QStringLiteral("known_hosts-%1").arg(++m_knownHostsFiles));
    return writeText(path, {}) ? path : QString();
}

QString SshRelay::relayUrl(const QString& knownHostsFile, const QString& proxy) const {
    RelayUrlOptions options;
    options.knownHostsFile = knownHostsFile;
    options.proxy = proxy;
    return relayUrl(options);
}

QString SshRelay::relayUrl(const RelayUrlOptions& options) const {
    QUrl url;
    url.setScheme(QStringLiteral("ssh"));
    url.setUserName(user());
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("flavor"), QStringLiteral("openssh"));
    query.addQueryItem(QStringLiteral("public-host"), options.publicHost);
    query.addQueryItem(QStringLiteral("identity"), options.identityFile.isEmpty() ? clientKey() : options.identityFile);
    if (!options.knownHostsFile.isEmpty())
        query.addQueryItem(QStringLiteral("known-hosts"), options.knownHostsFile);
    if (!options.bind.isEmpty())
        query.addQueryItem(QStringLiteral("bind"), options.bind);
    if (!options.proxy.isEmpty())
        query.addQueryItem(QStringLiteral("proxy"), options.proxy);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace labshare::testsupport
