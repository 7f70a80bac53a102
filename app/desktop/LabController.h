// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/LabSettings.h"
#include "share/LabWatcher.h"
#include "share/ShareSession.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace labshare::ui {
class MainWindow;
class TopologyModel;
} // namespace labshare::ui

namespace labshare::app {

class DesktopGate;
class RelayController;

// The open lab: which file (loaded off the GUI thread, reloaded when it changes), its share session
// and settings, and the decisions about its shares. Whatever would stop shares or move students'
// addresses is asked first in the window (window-modal, never a nested event loop); an answer is
// dropped when another lab has been opened since. A file that cannot be loaded never replaces the
// open lab, and a reload never stops a share: the user does.
class LabController : public QObject {
    Q_OBJECT

public:
    LabController(ui::MainWindow& window, ui::TopologyModel& model, RelayController& relays, DesktopGate& gate,
                  QObject* parent = nullptr);
    ~LabController() override;

    // Opens a lab. While another lab is shared, asks first.
    void open(const QString& path);
    // Every declared entry: those for named people through the gate, or (without one) after one question.
    void publishDeclared();
    void askToStop(const QStringList& names);
    void askToStopAll();
    // The class is over for these shares: stopped without a question, and still remembered as this lab's ticked
    // shares, so the next class is offered them again (on the ports the relay's ledger keeps).
    void endShares(const QStringList& names);
    // Publishes the lab's entries with these share names again (one for named people through the gate).
    void publishNamed(const QStringList& names);
    // Quitting: the session lets go of the engine and no further load is applied.
    void stopSharing();

    share::ShareSession* session() const { return m_session.get(); }
    share::LabSettings* settings() { return m_settings ? &*m_settings : nullptr; }
    QList<share::ShareRow> rows() const;
    quint64 generation() const { return m_generation; } // changes with every lab opened
    QString loginUser(const share::ShareRow& row) const;

Q_SIGNALS:
    void sharesChanged();                // ticks, states or figures changed: the views show rows() again
    void windowNeeded();                 // a question is about to be asked: bring the window up
    void labOpened(const QString& file); // a lab (this topology file, absolute) replaced the one open before

private:
    void onLoaded(const QString& path, const Result<topology::Topology>& loaded, bool reload);
    void openLoaded(const QString& path, const Result<topology::Topology>& loaded);
    void applyReload(const topology::Topology& lab);
    void startSession(const topology::Topology& lab);
    bool showProblems(const topology::Topology& lab, bool reload); // true when it showed a problem
    // What was ticked when this lab was last open: published again (Share on open) or offered.
    void offerLastShares(bool problemShown);
    // Ticks an entry. One for named people goes through the gate: at once when it is ready, once it
    // is otherwise; without a gate, only after the user agreed to open it to anyone.
    void publish(const QString& node, const topology::PublishSpec& spec);
    void askToOpen(const QString& node, const topology::PublishSpec& spec);
    // An entry whose lab target is this computer itself: the lab's such targets are asked about once.
    void askToPublishLocal(const QString& node, const topology::PublishSpec& spec);
    // A reload gave ticked shares' nodes other addresses: they keep the old one until the user says.
    void askToMove(const QList<share::ShareSession::MovedTarget>& moved);
    void onGateStateChanged();
    void onUnpublishRequested(const QString& name);
    void editAddress(const QString& node);
    void showTicks(); // the tree's check boxes follow what the session has ticked
    QList<share::ShareRow> rowsNamed(const QStringList& names) const;

    ui::MainWindow& m_window;
    ui::TopologyModel& m_model;
    RelayController& m_relays;
    DesktopGate& m_gate;
    share::LabWatcher m_watcher;
    std::unique_ptr<share::ShareSession> m_session;
    std::optional<share::LabSettings> m_settings;
    QSet<QString> m_openedToAnyone; // shares the user agreed to publish open despite an allow-list
    QList<QPair<QString, topology::PublishSpec>> m_awaitingGate; // (node, entry) ticked while the gate got ready
    QList<QPair<QString, topology::PublishSpec>> m_awaitingLocalConsent; // ticked while that question is open
    QString m_relayProblem; // why the lab's own relay could not be used when it opened
    quint64 m_generation = 0;
    bool m_stopped = false;
};

} // namespace labshare::app
