// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionsController.h"
#include "LabController.h"
#include "MainWindow.h"
#include "RelayController.h"
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "share/ConnectionLog.h"
#include "tunnel/TunnelEngine.h"
#include "widgets/ConnectionsPane.h"
#include "widgets/Question.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSaveFile>
#include <QStatusBar>

namespace labshare::app {

ConnectionsController::ConnectionsController(ui::ConnectionsModel& model, ui::SharesModel& shares,
                                             ui::MainWindow& window, RelayController& relays, LabController& lab,
                                             QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_window(window) {
    connect(&relays, &RelayController::engineChanged, this, &ConnectionsController::onEngineChanged);
    connect(&lab, &LabController::labOpened, this, &ConnectionsController::onLabOpened);
    connect(&m_model, &ui::ConnectionsModel::studentsTodayChanged, &shares, &ui::SharesModel::setStudentsToday);
    connect(m_window.connectionsPane(), &ui::ConnectionsPane::exportRequested, this, &ConnectionsController::onExport);
    connect(m_window.connectionsPane(), &ui::ConnectionsPane::clearRequested, this, &ConnectionsController::onClear);
}

void ConnectionsController::onEngineChanged(tunnel::TunnelEngine* engine) {
    // Never disconnected: an engine being retired still reports the connections it closes.
    if (engine)
        connect(engine, &tunnel::TunnelEngine::connectionsChanged, this, &ConnectionsController::onConnections,
                Qt::UniqueConnection);
}

void ConnectionsController::onLabOpened(const QString& file) {
    m_journal.emplace(share::ConnectionJournal::fileFor(file));
    m_journalFailed = false;
    // Today's students still count after a restart; the day starts where ConnectionLog's count starts it.
    m_model.reset(m_journal->read(QDate::currentDate().startOfDay().toMSecsSinceEpoch()));
}

void ConnectionsController::markExpired(const QStringList& shares) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& share : shares)
        m_expired.insert(share, now);
}

void ConnectionsController::onConnections(QList<tunnel::ConnectionRecord> records) {
    for (tunnel::ConnectionRecord& record : records) {
        // The engine reports connections a moment late: judged by the record's own times, not by when it arrives.
        // Stopped by the deadline: it was open when the deadline stopped its share (not opened after it, once the
        // share was published again, nor stopped before it).
        const auto expired = m_expired.constFind(record.share);
        if (record.end == tunnel::ConnectionEnd::Stopped && expired != m_expired.cend() &&
            record.startedMs <= *expired && record.endedMs >= *expired)
            record.end = tunnel::ConnectionEnd::Expired;
        m_model.record(record);
    }
    if (!m_journal)
        return;
    if (const Result<bool> written = m_journal->append(records); !written && !std::exchange(m_journalFailed, true))
        m_window.showBanner(written.error().message.toHtmlEscaped(), true);
}

void ConnectionsController::onExport(const QString& path) {
    QSaveFile out(path);
    const QByteArray csv = share::ConnectionLog::csv(m_window.connectionsPane()->shownRecords()).toUtf8();
    if (!out.open(QIODevice::WriteOnly) || out.write(csv) < 0 || !out.commit()) {
        m_window.showBanner(tr("Cannot write %1: %2").arg(path, out.errorString()).toHtmlEscaped(), true);
        return;
    }
    m_window.statusBar()->showMessage(tr("Connections saved to %1").arg(path), 8000);
}

void ConnectionsController::onClear() {
    ui::Question q;
    q.title = tr("Clear the connections");
    q.text = tr("LabShare forgets every connection of this lab: the list here and its log file. Export CSV first if "
                "you want to keep them.");
    q.details = m_journal ? QFileInfo(m_journal->file()).absoluteFilePath() : QString();
    q.acceptText = tr("Clear");
    const QString file = journalFile();
    ui::ask(&m_window, q, [this, file](bool yes) {
        if (!yes || file != journalFile())
            return; // another lab was opened meanwhile
        m_model.clear();
        if (m_journal)
            m_journal->clear();
    });
}

} // namespace labshare::app
