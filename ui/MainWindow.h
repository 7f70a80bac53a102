// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/PublishSpec.h"

#include <QList>
#include <QMainWindow>
#include <QPair>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace labshare {
class LogBuffer;
}

namespace labshare::ui {

class ConnectionsModel;
class ConnectionsPane;
class DiagnosticsPane;
class DropZone;
class ShareSheetDialog;
class SharesModel;
class SharesView;
class TopologyModel;

// The instructor's window: an empty state with a drop zone, then the lab (nodes with their ports
// to tick) above the live shares table. It shows and asks; what happens is the controller's job,
// reached through the signals below. Actions that need a lab are disabled while none is shown.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(TopologyModel& topology, SharesModel& shares, LogBuffer& log, ConnectionsModel& connections,
               QWidget* parent = nullptr);

    // No lab: the drop zone and the recent labs; the actions that need a lab are disabled.
    void showEmptyState(const QStringList& recentFiles);
    // A lab (the topology model's file) is shown; its actions are enabled.
    void showLab(const QString& labName, const QString& file);
    // The share sheet the controller built after shareSheetRequested, in a preview with Copy and Save….
    // Save… picks a .html or .md file and emits exportShareSheetRequested(path).
    void showShareSheet(const QString& html, const QString& markdown);
    // An inline message above the lab (or on the drop zone when no lab is open), with an optional action.
    void showBanner(const QString& text, bool isError, const QString& actionText = {},
                    std::function<void()> action = {});
    void clearBanner();
    void clearErrorBanner(); // an error shown earlier no longer applies; other banners stay
    // Hides the banner shown now after `ms` (an undo offered for a while), unless another replaced it.
    void expireBanner(int ms);
    // The relay selector: (url, label) pairs; `current` is selected.
    void setRelays(const QList<QPair<QString, QString>>& relays, const QString& current);
    QToolButton* accountButton() const { return m_accountButton; } // its menu and text: ui/account/AccountMenu
    // While shares are up, closing the window leaves LabShare running in the tray.
    void setKeepRunningInTray(bool keep) { m_keepRunningInTray = keep; }
    // Whether this lab's ticked ports are published again as soon as it opens (off unless the user says).
    void setAutoPublish(bool on);

    SharesView* sharesView() const { return m_sharesView; }
    ConnectionsPane* connectionsPane() const { return m_connections; }
    QTreeView* topologyView() const { return m_tree; }

Q_SIGNALS:
    void openRequested(const QString& path);
    void relaySelected(const QString& url);
    void editRelayRequested(const QString& url); // empty: a new relay
    void publishDeclaredRequested();
    void stopAllRequested();
    void shareUntilRequested(); // "Share until…": when the whole lab's shares stop on their own
    void presentationRequested();
    void shareSheetRequested();                          // File ▸ Share sheet…: answer with showShareSheet()
    void exportShareSheetRequested(const QString& path); // Save… in the preview: write the sheet to path
    void quitRequested();                                // File ▸ Quit: stop the shares and end the app
    void closedToTray(bool firstTime);
    void autoPublishToggled(bool on);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void buildToolBar();
    void buildMenus();
    void setLabActionsEnabled(bool enabled);
    void fitSharesPane();
    QString dialogFolder() const;
    void onOpenTriggered();
    void onRelayActivated(int index);
    void onAddPortTriggered();

    TopologyModel& m_topologyModel;
    QStackedWidget* m_pages = nullptr;
    DropZone* m_dropZone = nullptr;
    QWidget* m_labPage = nullptr;
    QLabel* m_banner = nullptr;
    QPushButton* m_bannerAction = nullptr;
    QToolButton* m_bannerClose = nullptr;
    bool m_bannerIsError = false;
    quint64 m_bannerSerial = 0; // which banner expireBanner() meant
    std::function<void()> m_bannerCallback;
    QSplitter* m_splitter = nullptr;
    QTreeView* m_tree = nullptr;
    SharesView* m_sharesView = nullptr;
    QComboBox* m_relayCombo = nullptr;
    QToolButton* m_accountButton = nullptr;
    DiagnosticsPane* m_diagnostics = nullptr;
    ConnectionsPane* m_connections = nullptr;
    ShareSheetDialog* m_sheetDialog = nullptr;
    QAction* m_open = nullptr;
    QAction* m_editRelay = nullptr;
    QAction* m_publishDeclared = nullptr;
    QAction* m_stopAll = nullptr;
    QAction* m_shareUntil = nullptr;
    QAction* m_addPort = nullptr;
    QAction* m_present = nullptr;
    QAction* m_shareSheet = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_autoPublish = nullptr;
    QLabel* m_labLabel = nullptr;
    bool m_keepRunningInTray = false;
    bool m_toldAboutTray = false;
};

} // namespace labshare::ui
