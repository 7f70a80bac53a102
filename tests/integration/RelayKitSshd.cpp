// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayKitSshd.h"
#include "OidcProvider.h"
#include "Tools.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include <unistd.h>

namespace labshare::testsupport {

namespace {

const QString kPamDir = QStringLiteral("/etc/pam.d");
const QString kAccountPrefix = QStringLiteral("lsrelay");
const QString kServicePrefix = QStringLiteral("labshare-relay-test-");
// Where the kit files sessions: one directory per relay account (installer/relay/labshare-relay-check).
const QString kSessionsDir = QStringLiteral("/run/labshare-relay-sessions");

bool removeSessionsOf(const QString& account) {
    return QDir(kSessionsDir + QStringLiteral("/installations-") + account).removeRecursively();
}

// Replaces `from` by `to` in `text`, which must hold it exactly once: a kit file that changed shape
// fails the test instead of being tested half-adapted.
bool replaceOnce(QString& text, const QString& from, const QString& to, QString* error) {
    if (text.count(from) != 1) {
        *error = QStringLiteral("expected \"%1\" exactly once in:\n%2").arg(from, text);
        return false;
    }
    text.replace(from, to);
    return true;
}

bool pidIsGone(const QString& digits) {
    bool ok = false;
    const qint64 pid = digits.toLongLong(&ok);
    return ok && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

bool RelayKitSshd::start(QString* error) {
    if (!m_dir.isValid() || ::geteuid() != 0) {
        *error = QStringLiteral("the relay kit runs sshd with PAM and writes /etc/pam.d: run it as root");
        return false;
    }
    const QString useradd = findTool(QStringLiteral("useradd"), QStringLiteral("passwd"), error);
    m_userdel = findTool(QStringLiteral("userdel"), QStringLiteral("passwd"), error);
    const QString usermod = findTool(QStringLiteral("usermod"), QStringLiteral("passwd"), error);
    if (useradd.isEmpty() || m_userdel.isEmpty() || usermod.isEmpty())
        return false;
    if (!QFile::exists(QStringLiteral("/usr/bin/python3"))) {
        *error = QStringLiteral("the validator runs /usr/bin/python3: install the Debian package python3");
        return false;
    }
    removeLeftovers();

    const QString pid = QString::number(QCoreApplication::applicationPid());
    m_account = kAccountPrefix + pid;
    m_service = kServicePrefix + pid;
    // The account's shell is the kit's session program, in a directory it can read (this run's own is root's).
    const QString shell = m_shellDir.filePath(QStringLiteral("labshare-relay-session"));
    if (!m_shellDir.isValid() ||
        !QFile::setPermissions(m_shellDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                      QFile::ExeOther) ||
        !QFile::copy(QStringLiteral(LABSHARE_RELAY_KIT_DIR "/labshare-relay-session"), shell) ||
        !QFile::setPermissions(shell, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                          QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther)) {
        *error = QStringLiteral("cannot put the session program in %1").arg(m_shellDir.path());
        return false;
    }
    QByteArray output;
    if (runTool(useradd,
                {"--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", shell,
                 "--comment", "LabShare relay test", m_account},
                &output) != 0) {
        *error = QString::fromLocal8Bit(output);
        return false;
    }
    m_accountCreated = true;
    if (runTool(usermod, {"--lock", m_account}, &output) != 0) {
        *error = QString::fromLocal8Bit(output);
        return false;
    }
    if (!installPam(error))
        return false;
    QString dropIn =
        QString::fromUtf8(readFile(QStringLiteral(LABSHARE_RELAY_KIT_DIR "/sshd_config.d/labshare-relay.conf")));
    // As labshare-relay-setup fills it in, with 127.0.0.1 as the relay's public address.
    if (!replaceOnce(dropIn, QStringLiteral("Match User labshare\n"), QStringLiteral("Match User %1\n").arg(m_account),
                     error) ||
        !replaceOnce(dropIn, QStringLiteral("    PermitListen none\n"),
                     QStringLiteral("    PermitListen 127.0.0.1:*\n"), error))
        return false;
    m_relay.setUsePam(true);
    m_relay.setProgramName(m_service);
    m_relay.setExtraConfig(dropIn);
    if (!m_relay.start()) {
        *error = m_relay.errorString();
        return false;
    }
    m_knownHosts = m_relay.knownHostsFile();
    return true;
}

bool RelayKitSshd::stop(QString* error) {
    m_relay.stop();
    for (const QString& path : std::as_const(m_pamFiles))
        QFile::remove(path);
    if (std::exchange(m_accountCreated, false)) {
        (void)removeSessionsOf(m_account);
        QByteArray output;
        if (runTool(m_userdel, {m_account}, &output) != 0) {
            *error = QStringLiteral("userdel %1: %2").arg(m_account, QString::fromLocal8Bit(output));
            return false;
        }
    }
    for (const QString& path : std::as_const(m_pamFiles))
        if (QFile::exists(path)) {
            *error = QStringLiteral("%1 is left").arg(path);
            return false;
        }
    return true;
}

RelayKitSshd::~RelayKitSshd() {
    QString ignored;
    (void)stop(&ignored);
}

void RelayKitSshd::removeLeftovers() {
    // A run killed by ctest's timeout could not clean up: remove what runs whose process is gone left.
    const QStringList stale = QDir(kPamDir).entryList({kServicePrefix + QLatin1Char('*')}, QDir::Files);
    static const QRegularExpression pidOf(QStringLiteral("^labshare-relay-test-(\\d+)(-kit)?$"));
    for (const QString& name : stale) {
        const QRegularExpressionMatch m = pidOf.match(name);
        if (m.hasMatch() && pidIsGone(m.captured(1))) {
            QFile::remove(QDir(kPamDir).filePath(name));
            QByteArray ignored;
            (void)runTool(m_userdel, {kAccountPrefix + m.captured(1)}, &ignored);
            (void)removeSessionsOf(kAccountPrefix + m.captured(1));
        }
    }
}

bool RelayKitSshd::installPam(QString* error) {
    // The kit's PAM file, pointed at this build's module, the source tree's validator and this run's
    // configuration, for this run's account; then the service sshd will use: the kit's file included
    // first, Debian's sshd stack after it, as labshare-relay-setup leaves /etc/pam.d/sshd.
    QString kit = QString::fromUtf8(readFile(QStringLiteral(LABSHARE_RELAY_KIT_DIR "/pam.d/labshare-relay")));
    if (!replaceOnce(kit, QStringLiteral("user = labshare\n"), QStringLiteral("user = %1\n").arg(m_account), error) ||
        !replaceOnce(kit, QStringLiteral(" pam_labshare_token.so "),
                     QStringLiteral(" %1 ").arg(QStringLiteral(LABSHARE_PAM_MODULE)), error) ||
        !replaceOnce(kit, QStringLiteral("validator=/usr/libexec/labshare-relay/labshare-relay-check "),
                     QStringLiteral("validator=%1/labshare-relay-check ").arg(QStringLiteral(LABSHARE_RELAY_KIT_DIR)),
                     error) ||
        !replaceOnce(kit, QStringLiteral("config=/etc/labshare-relay/relay.conf "),
                     QStringLiteral("config=%1 ").arg(m_dir.filePath(QStringLiteral("relay.conf"))), error))
        return false;
    const QString kitName = m_service + QStringLiteral("-kit");
    const QString service = QStringLiteral("@include %1\n@include sshd\n").arg(kitName);
    for (const auto& [name, text] : {std::pair{kitName, kit}, std::pair{m_service, service}}) {
        const QString path = QDir(kPamDir).filePath(name);
        m_pamFiles.append(path);
        if (!writeFile(path, text.toUtf8())) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
    }
    if (!QFile::exists(QDir(kPamDir).filePath(QStringLiteral("sshd")))) {
        *error = QStringLiteral("/etc/pam.d/sshd is missing: install the Debian package openssh-server");
        return false;
    }
    return true;
}

bool RelayKitSshd::writeConfig(const OidcProvider& provider, const QString& allow,
                               const QList<std::pair<QString, QString>>& settings) {
    QList<std::pair<QString, QString>> all{
        {QStringLiteral("issuer"), provider.issuer().toString(QUrl::StripTrailingSlash)},
        {QStringLiteral("allow"), allow},
        {QStringLiteral("timeout"), QStringLiteral("5")},
        {QStringLiteral("client_id"), QStringLiteral("labshare-test")},
        {QStringLiteral("cache_seconds"), QStringLiteral("0")},
        {QStringLiteral("cache_dir"), m_dir.filePath(QStringLiteral("cache"))},
    };
    for (const auto& setting : settings) { // not [key, value]: clang 14 cannot capture a structured binding
        const auto it = std::find_if(all.begin(), all.end(), [&](const auto& kv) { return kv.first == setting.first; });
        if (it != all.end())
            it->second = setting.second;
        else
            all.append(setting);
    }
    QString text = QStringLiteral("[relay]\n");
    for (const auto& [key, value] : std::as_const(all))
        if (!value.isEmpty())
            text += key + QStringLiteral(" = ") + value + QLatin1Char('\n');
    return writeFile(m_dir.filePath(QStringLiteral("relay.conf")), text.toUtf8());
}

QString RelayKitSshd::relayUrl(const QString& auth, const QString& bind, const QString& knownHosts) const {
    QString url = QStringLiteral("ssh://%1@127.0.0.1:%2?flavor=openssh&public-host=127.0.0.1&known-hosts=%3")
                      .arg(m_account)
                      .arg(m_relay.port())
                      .arg(knownHosts.isEmpty() ? m_knownHosts : knownHosts);
    if (!auth.isEmpty())
        url += QStringLiteral("&auth=") + auth;
    if (!bind.isEmpty())
        url += QStringLiteral("&bind=") + bind;
    return url;
}

} // namespace labshare::testsupport
