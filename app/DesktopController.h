// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountController.h"
#include "RelayTokenBridge.h"
#include "auth/AuthSession.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "presentation/PresentationView.h"
#include "secrets/KeychainStore.h"
#include "share/LabSettings.h"
#include "share/LabWatcher.h"
#include "share/ShareSession.h"
#include "tray/TrayIcon.h"
#include "tunnel/TunnelEngine.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {
class MainWindow;
} // namespace labshare::ui

namespace labshare::app {

// The desktop app's wiring: the lab being watched, its share session and tunnel engine, and the
// views that drive them (window, tray, presentation). Decisions the user must make (open a share
// to anyone, trust a relay's host key) are asked here; everything else goes to the share session.
class DesktopController : public QObject {
    Q_OBJECT

public:
    explicit DesktopController(LogBuffer& log, QObject* parent = nullptr);
    ~DesktopController() override;

    void open(const QString& path);
    ui::MainWindow& window() { return *m_window; }
    ui::TrayIcon& tray() { return m_tray; }
    share::ShareSession* session() const { return m_session.get(); }
    ui::TopologyModel& topologyModel() { return m_topologyModel; }
    ui::PresentationView* presentation() const { return m_presentation; }
    auth::AuthSession& authSession() { return m_auth; }
    AccountController& account() { return *m_account; }

private:
    void onLoaded(const Result<topology::Topology>& loaded, bool reload);
    void startSession(const topology::Topology& lab);
    void useRelay(const QString& url);
    void onPublishRequested(const QString& node, const topology::PublishSpec& spec);
    void onSharesChanged();
    void onHostKeyUnknown(const QString& fingerprint);
    void onEditRelay(const QString& url);
    void onExportShareSheet(const QString& path);
    void showPresentation();
    void publishDeclared();
    void showTicks(); // the tree's check boxes follow what the session has ticked
    void showProblems(const topology::Topology& lab, bool reload);
    QList<QPair<QString, QString>> relayChoices() const;
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
    ui::TrayIcon m_tray;
    QPointer<ui::PresentationView> m_presentation;
    share::LabWatcher m_watcher;
    std::unique_ptr<share::ShareSession> m_session;
    std::unique_ptr<tunnel::TunnelEngine> m_engine;
    std::optional<share::LabSettings> m_settings;
    QString m_relayUrl;
    QTimer m_clock;                 // uptimes move on between health reports
    QSet<QString> m_openedToAnyone; // shares the user agreed to publish open despite an allow-list
};

} // namespace labshare::app
