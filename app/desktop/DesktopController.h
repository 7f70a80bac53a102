// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountController.h"
#include "ConnectionsController.h"
#include "DeadlineController.h"
#include "DesktopGate.h"
#include "LabController.h"
#include "NodeLoginController.h"
#include "RelayController.h"
#include "RelaySecretBridge.h"
#include "RelayTokenBridge.h"
#include "auth/AuthSession.h"
#include "models/ConnectionsModel.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "presentation/PresentationView.h"
#include "secrets/KeychainStore.h"
#include "share/ShareSheet.h"
#include "tray/TrayIcon.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QProgressDialog;

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {
class MainWindow;
} // namespace labshare::ui

namespace labshare::app {

// The desktop app's wiring: the views (window, tray, presentation, share sheet) and quitting. The
// open lab and the decisions about its shares are LabController's, the relay and its engine
// RelayController's, the sign-in AccountController's. Switching relay moves every student's address,
// so it is asked first here (window-modal, never a nested event loop).
class DesktopController : public QObject {
    Q_OBJECT

public:
    // `clock`: where "now" comes from for shares that end on their own (tests move it); the wall clock by default.
    explicit DesktopController(LogBuffer& log, share::DeadlineWatch::Clock clock = {}, QObject* parent = nullptr);
    ~DesktopController() override;

    void open(const QString& path); // LabController::open

    // Another launch of LabShare handed this over: the window comes forward (and opens `file`).
    void bringForward(const QString& file);
    // Stops every share (the relays' listeners go, students' connections are closed), then finished(0).
    // Gives up waiting on a stuck relay after a few seconds.
    void quit();

    ui::MainWindow& window() { return *m_window; }
    ui::TrayIcon& tray() { return m_tray; }
    share::ShareSession* session() const { return m_lab->session(); }
    ui::TopologyModel& topologyModel() { return m_topologyModel; }
    ui::SharesModel& sharesModel() { return m_sharesModel; }
    ui::ConnectionsModel& connectionsModel() { return m_connectionsModel; }
    ConnectionsController& connections() { return *m_connections; }
    ui::PresentationView* presentation() const { return m_presentation; }
    auth::AuthSession& authSession() { return m_auth; }
    AccountController& account() { return *m_account; }
    RelayController& relays() { return *m_relays; }
    LabController& lab() { return *m_lab; }
    DeadlineController& deadlines() { return *m_deadlines; }

Q_SIGNALS:
    void finished(int exitCode); // quit() is done: the app may end

private:
    void chooseRelay(const QString& url);
    void onSharesChanged();
    share::ShareSheet shareSheet() const;
    void showShareSheet();
    void onExportShareSheet(const QString& path);
    void editLoginUser(const share::ShareRow& row);
    void showPresentation();
    void showWindow();
    void showEnds(); // when shares stop on their own, in the table, the tray and the presentation

    // The sign-in outlives the tunnel engine, whose worker may ask for a token until it is shut down.
    secrets::KeychainStore m_keychain;
    QNetworkAccessManager m_network;
    auth::AuthSession m_auth;
    RelayTokenBridge m_tokenBridge;
    ui::TopologyModel m_topologyModel;
    ui::SharesModel m_sharesModel;
    ui::ConnectionsModel m_connectionsModel;
    std::unique_ptr<ui::MainWindow> m_window;
    RelaySecretBridge m_secretBridge;
    std::unique_ptr<AccountController> m_account;
    std::unique_ptr<RelayController> m_relays;
    DesktopGate m_gate;
    ui::TrayIcon m_tray;
    QPointer<ui::PresentationView> m_presentation;
    std::unique_ptr<LabController> m_lab;
    std::unique_ptr<DeadlineController> m_deadlines;
    std::unique_ptr<ConnectionsController> m_connections;
    std::unique_ptr<NodeLoginController> m_nodeLogins;
    QTimer m_clock;         // uptimes move on between health reports
    QTimer m_sharesRefresh; // the views follow the shares once per turn of the event loop
    bool m_quitting = false;
    QPointer<QProgressDialog> m_stopping;
};

} // namespace labshare::app
