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

Result<bool> ConnectionJournal::unwritable() const {
    return makeError(ErrorCode::FileUnwritable,
                     tr("cannot write the connection log %1: %2").arg(m_file.fileName(), m_file.errorString()));
}

Result<bool> ConnectionJournal::open() {
    if (m_file.isOpen())
        return true;
    QDir().mkpath(QFileInfo(m_file.fileName()).absolutePath());
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return unwritable();
    m_size = m_file.size();
    return true;
}

Result<bool> ConnectionJournal::write(const QByteArray& lines) {
    if (lines.isEmpty())
        return true;
    if (m_file.write(lines) != lines.size() || !m_file.flush())
        return unwritable();
    m_size += lines.size();
    return true;
}

Result<bool> ConnectionJournal::rotate() {
    m_file.close();
    QFile::remove(rotatedFile());
    QFile::rename(m_file.fileName(), rotatedFile());
    return open();
}

Result<bool> ConnectionJournal::append(const QList<tunnel::ConnectionRecord>& records) {
    QByteArray lines;
    for (const tunnel::ConnectionRecord& record : records) {
        if (record.isOpen())
            continue;
        const QByteArray line = QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n';
        if (Result<bool> opened = open(); !opened)
            return opened;
        if (m_size + lines.size() > 0 && m_size + lines.size() + line.size() > m_capBytes) {
            if (Result<bool> written = write(std::exchange(lines, {})); !written)
                return written;
            if (Result<bool> rotated = rotate(); !rotated)
                return rotated;
        }
        lines += line;
    }
    return write(lines);
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
