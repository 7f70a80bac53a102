// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ConnectionJournal.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace labshare::share {

ConnectionJournal::ConnectionJournal(QString file, qint64 capBytes)
    : m_file(std::move(file))
    , m_capBytes(capBytes) {}

QString ConnectionJournal::fileFor(const QString& topologyFile) {
    const QFileInfo info(topologyFile);
    const QByteArray hash =
        QCryptographicHash::hash(info.absoluteFilePath().toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("connections/%1-%2.jsonl").arg(info.completeBaseName(), QString::fromLatin1(hash)));
}

Result<bool> ConnectionJournal::open() {
    if (m_file.isOpen())
        return true;
    QDir().mkpath(QFileInfo(m_file.fileName()).absolutePath());
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return makeError(ErrorCode::FileUnwritable,
                         tr("cannot write the connection log %1: %2").arg(m_file.fileName(), m_file.errorString()));
    return true;
}

Result<bool> ConnectionJournal::append(const tunnel::ConnectionRecord& record) {
    if (record.isOpen())
        return true;
    const QByteArray line = QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (Result<bool> opened = open(); !opened)
        return opened;
    if (m_file.size() > 0 && m_file.size() + line.size() > m_capBytes) {
        m_file.close();
        QFile::remove(rotatedFile());
        QFile::rename(m_file.fileName(), rotatedFile());
        if (Result<bool> opened = open(); !opened)
            return opened;
    }
    if (m_file.write(line) != line.size() || !m_file.flush())
        return makeError(ErrorCode::FileUnwritable,
                         tr("cannot write the connection log %1: %2").arg(m_file.fileName(), m_file.errorString()));
    return true;
}

QList<tunnel::ConnectionRecord> ConnectionJournal::read(qint64 sinceMs) const {
    QList<tunnel::ConnectionRecord> out;
    for (const QString& name : {rotatedFile(), file()}) {
        QFile f(name);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        while (!f.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
            if (const std::optional<tunnel::ConnectionRecord> r = tunnel::ConnectionRecord::fromJson(o);
                r && r->startedMs >= sinceMs)
                out.append(*r);
        }
    }
    return out;
}

void ConnectionJournal::clear() {
    m_file.close();
    QFile::remove(rotatedFile());
    QFile::remove(file());
}

} // namespace labshare::share
