// SPDX-License-Identifier: GPL-3.0-or-later
#include "FilesContaining.h"

#include <QDirIterator>
#include <QFile>

namespace labshare::testsupport {

QStringList filesContaining(const QString& dir, const QList<QByteArray>& needles) {
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            found << path + QStringLiteral(" (unreadable: %1)").arg(file.errorString());
            continue;
        }
        const QByteArray bytes = file.readAll();
        for (const QByteArray& needle : needles) {
            if (!needle.isEmpty() && bytes.contains(needle)) {
                found << path;
                break;
            }
        }
    }
    return found;
}

} // namespace labshare::testsupport
