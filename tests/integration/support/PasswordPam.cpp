// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordPam.h"

#include "SshRelay.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <unistd.h>

namespace labshare::testsupport {

namespace {

bool writeFile(const QString& path, const QByteArray& bytes, QFile::Permissions permissions) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size() &&
           file.setPermissions(permissions);
}

} // namespace

PasswordPam::PasswordPam(QByteArray password, const QString& name)
    : m_password(std::move(password))
    , m_service(QStringLiteral("%1-%2").arg(name).arg(QCoreApplication::applicationPid())) {}

PasswordPam::~PasswordPam() {
    if (!m_serviceFile.isEmpty())
        QFile::remove(m_serviceFile);
}

QString PasswordPam::install(SshRelay& sshd) {
    if (::geteuid() != 0)
        return QStringLiteral("sshd checks passwords through a service of this run's in /etc/pam.d: run as root");
    if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
        return QStringLiteral("the password check runs python3: install python3");
    const QString check = m_dir.filePath(QStringLiteral("check-password"));
    if (!m_dir.isValid() ||
        !writeFile(check,
                   "#!/usr/bin/python3\nimport sys\nsys.exit(0 if sys.stdin.buffer.read().rstrip(b'\\0') == b'" +
                       m_password + "' else 1)\n",
                   QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return QStringLiteral("cannot write the password check");
    m_serviceFile = QDir(QStringLiteral("/etc/pam.d")).filePath(m_service);
    // pam_permit gives a shell's session a credential step that succeeds (sshd refuses the shell otherwise).
    if (!writeFile(m_serviceFile,
                   "auth required pam_exec.so expose_authtok quiet " + check.toUtf8() +
                       "\nauth optional pam_permit.so\naccount required pam_permit.so\n"
                       "session required pam_permit.so\n",
                   QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
        return QStringLiteral("cannot write %1").arg(m_serviceFile);
    sshd.setUsePam(true);
    sshd.setProgramName(m_service);
    return {};
}

} // namespace labshare::testsupport
