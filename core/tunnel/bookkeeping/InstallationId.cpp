// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/InstallationId.h"
#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace labshare::tunnel {

QString installationId() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    const QString path = QDir(dir).filePath(QStringLiteral("installation-id"));
    static const QRegularExpression valid(QStringLiteral("^[0-9a-f-]{36}$"));
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.read(64)).trimmed();
        if (valid.match(id).hasMatch())
            return id;
        qCWarning(lcTunnel) << path << "holds no installation id: making a new one";
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSaveFile out(path);
    if (!QDir().mkpath(dir) || !out.open(QIODevice::WriteOnly) || out.write(id.toLatin1() + '\n') < 0 ||
        !out.commit()) {
        qCWarning(lcTunnel) << "cannot keep the installation id in" << path << out.errorString();
        return {};
    }
    return id;
}

} // namespace labshare::tunnel
