// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ConnectionJournal.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace labshare::ui {
class ConnectionsModel;
class MainWindow;
class SharesModel;
} // namespace labshare::ui

namespace labshare::tunnel {
class TunnelEngine;
}

namespace labshare::app {

class LabController;
class RelayController;

// Who connected, in the window: every engine's connection reports go to the Connections pane's model
// and, once ended, to the open lab's log file (ConnectionJournal); opening a lab shows what its file
// holds from today. The pane's Export CSV writes what it shows; Clear (asked first) forgets the lab's
// connections, file included. The per-share count of students today goes to the shares table.
class ConnectionsController : public QObject {
    Q_OBJECT

public:
    ConnectionsController(ui::ConnectionsModel& model, ui::SharesModel& shares, ui::MainWindow& window,
                          RelayController& relays, LabController& lab, QObject* parent = nullptr);

    QString journalFile() const { return m_journal ? m_journal->file() : QString(); }
    // These shares' time ran out: the connections their stop closes are logged as expired, not stopped.
    void markExpired(const QStringList& shares);

private:
    void onEngineChanged(tunnel::TunnelEngine* engine);
    void onLabOpened(const QString& file);
    void onConnections(QList<tunnel::ConnectionRecord> records);
    void onExport(const QString& path);
    void onClear();

    ui::ConnectionsModel& m_model;
    ui::MainWindow& m_window;
    std::optional<share::ConnectionJournal> m_journal;
    bool m_journalFailed = false;     // said once per lab
    QHash<QString, qint64> m_expired; // share -> when its deadline stopped it (epoch ms), the last time it did
};

} // namespace labshare::app
