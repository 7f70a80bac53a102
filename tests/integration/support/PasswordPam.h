// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace labshare::testsupport {

class SshRelay;

// A PAM service of this run's in /etc/pam.d that admits one password and nothing else, for a real sshd to check
// passwords and keyboard-interactive answers through (pam_exec hands the answer to a small check on stdin,
// ending in a NUL). Its session and credential steps succeed, so a login also gets a shell. Needs root; the
// service file is removed when this goes.
class PasswordPam {
public:
    // `name`: a prefix for the service's file name, which ends in this process's id.
    PasswordPam(QByteArray password, const QString& name);
    ~PasswordPam();
    PasswordPam(const PasswordPam&) = delete;
    PasswordPam& operator=(const PasswordPam&) = delete;

    // Writes the check and the service, and points `sshd` at it (UsePAM, its program name); call before its
    // first start(). Empty when all went well, else what did not.
    [[nodiscard]] QString install(SshRelay& sshd);

private:
    QByteArray m_password;
    QString m_service;
    QString m_serviceFile;
    QTemporaryDir m_dir;
};

} // namespace labshare::testsupport
