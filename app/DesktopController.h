// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountController.h"
#include "RelayController.h"
#include "RelayTokenBridge.h"
#include "auth/AuthSession.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "presentation/PresentationView.h"
#include "secrets/KeychainStore.h"
#include "share/LabSettings.h"
#include "share/LabWatcher.h"
#include "share/ShareSession.h"
#include "share/ShareSheet.h"
#include "tray/TrayIcon.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

class QProgressDialog;

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {
class MainWindow;
} // namespace labshare::ui

namespace labshare::app {

// The desktop app's wiring: the lab being watched, its share session, and the views that drive it
// (window, tray, presentation); the relay and its engine are RelayController's, the sign-in
// AccountController's. Whatever would stop shares or move students' addresses is asked first
// (window-modal, never a nested event loop; an answer is dropped when the lab or relay it was about
// has changed meanwhile); everything else goes to the share session.
class DesktopController : public QObject {
    Q_OBJECT

public:
    explicit DesktopController(LogBuffer& log, QObject* parent = nullptr);
    ~DesktopController() override;

    // Opens a lab. While another lab is shared, asks first; a file that cannot be loaded leaves the
    // open lab and its shares as they were.
    void open(const QString& path);
    // Another launch of LabShare handed this over: the window comes forward (and opens `file`).
    void bringForward(const QString& file);
    // Stops every share (the relays' listeners go, students' connections are closed), then finished(0).
    // Gives up waiting on a stuck relay after a few seconds.
    void quit();

    ui::MainWindow& window() { return *m_window; }
    ui::TrayIcon& tray() { return m_tray; }
    share::ShareSession* session() const { return m_session.get(); }
    ui::TopologyModel& topologyModel() { return m_topologyModel; }
    ui::PresentationView* presentation() const { return m_presentation; }
    auth::AuthSession& authSession() { return m_auth; }
    AccountController& account() { return *m_account; }
    RelayController& relays() { return *m_relays; }

Q_SIGNALS:
    void finished(int exitCode); // quit() is done: the app may end

private:
    void onLoaded(const QString& path, const Result<topology::Topology>& loaded, bool reload);
    void openLoaded(const QString& path, const Result<topology::Topology>& loaded);
    void applyReload(const topology::Topology& lab);
    void startSession(const topology::Topology& lab);
    void chooseRelay(const QString& url);
    void onPublishRequested(const QString& node, const topology::PublishSpec& spec);
    void publish(const QString& node, const topology::PublishSpec& spec);
    void onUnpublishRequested(const QString& name);
    void askToStop(const QStringList& names);
    void stopAll();
    void onSharesChanged();
    share::ShareSheet shareSheet() const;
    void showShareSheet();
    void onExportShareSheet(const QString& path);
    void editLoginUser(const share::ShareRow& row);
    void editAddress(const QString& node);
    void showPresentation();
    void publishDeclared();
    void showTicks(); // the tree's check boxes follow what the session has ticked
    void showProblems(const topology::Topology& lab, bool reload);
    void showWindow();
    QList<share::ShareRow> rowsNamed(const QStringList& names) const;
    QString loginUser(const share::ShareRow& row) const;

    // The sign-in outlives the tunnel engine, whose worker may ask for a token until it is shut down.
    secrets::KeychainStore m_keychain;
    QNetworkAccessManager m_network;
    auth::AuthSession m_auth;
    RelayTokenBridge m_tokenBridge;
    ui::TopologyModel m_topologyModel;
    ui::SharesModel m_sharesModel;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<AccountController> m_account;
    std::unique_ptr<RelayController> m_relays;
    ui::TrayIcon m_tray;
    QPointer<ui::PresentationView> m_presentation;
    share::LabWatcher m_watcher;
    std::unique_ptr<share::ShareSession> m_session;
    std::optional<share::LabSettings> m_settings;
    QTimer m_clock;                 // uptimes move on between health reports
    QSet<QString> m_openedToAnyone; // shares the user agreed to publish open despite an allow-list
    quint64 m_labGeneration = 0;    // a question about an earlier lab no longer applies
    bool m_quitting = false;
    QPointer<QProgressDialog> m_stopping;
};

} // namespace labshare::app
