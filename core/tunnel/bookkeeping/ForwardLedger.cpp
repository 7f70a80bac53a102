// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ForwardLedger.h"
#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace labshare::tunnel {

namespace {

QJsonObject readAll(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

ForwardLedger::ForwardLedger(QString relayId, QString file)
    : m_relayId(std::move(relayId))
    , m_file(file.isEmpty() ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                                  .filePath(QStringLiteral("forward-ledger.json"))
                            : std::move(file)) {
    const QJsonObject shares = readAll(m_file).value(m_relayId).toObject();
    for (auto it = shares.constBegin(); it != shares.constEnd(); ++it) {
        const int port = it.value().toInt();
        if (port > 0 && port <= 65535)
            m_ports.insert(it.key(), static_cast<quint16>(port));
    }
}

void ForwardLedger::record(const QString& share, quint16 port) {
    if (m_ports.value(share) == port)
        return;
    m_ports.insert(share, port);
    save();
}

void ForwardLedger::save() const {
    QJsonObject all = readAll(m_file); // other relays' entries stay as they are
    QJsonObject mine;
    for (auto it = m_ports.cbegin(); it != m_ports.cend(); ++it)
        mine.insert(it.key(), it.value());
    if (mine.isEmpty())
        all.remove(m_relayId);
    else
        all.insert(m_relayId, mine);
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile out(m_file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(all).toJson()) < 0 || !out.commit())
        qCWarning(lcTunnel) << "cannot write" << m_file << out.errorString();
}

} // namespace labshare::tunnel
