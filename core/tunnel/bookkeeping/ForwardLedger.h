// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace labshare::tunnel {

// Remembers, per relay, the public port each of LabShare's shares last had, in a file of
// LabShare's own (never the relay's). A share published again — after a restart of LabShare, after
// the user stopped it, or in next week's class — asks for the same port, so the addresses on
// students' handouts stay valid. Only LabShare's own shares are ever listed, so nothing of anyone
// else's is touched.
class ForwardLedger {
public:
    // `file` empty: <AppLocalDataLocation>/forward-ledger.json
    explicit ForwardLedger(QString relayId, QString file = {});

    quint16 portFor(const QString& share) const { return m_ports.value(share, 0); }
    void record(const QString& share, quint16 port);

private:
    void save() const;

    QString m_relayId;
    QString m_file;
    QHash<QString, quint16> m_ports;
};

} // namespace labshare::tunnel
