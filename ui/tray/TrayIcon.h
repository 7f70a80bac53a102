// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"
#include "tray/TrayHealth.h"

#include <QIcon>
#include <QObject>
#include <QSystemTrayIcon>
#include <QTimer>

#include <memory>

class QAction;
class QMenu;

namespace labshare::ui {

// The tray icon and its menu. The icon shows TrayHealth's aggregate, the tooltip its summary;
// the menu has one checkable action per share (checked = published), Extend 30 min while shares are about to
// stop on their own, Stop all, Show/Hide window and Quit, and a notification is raised when a share goes down or comes
// back. It only asks: every action is a signal for the window or the share session to act on.
//
// Where no system tray exists (bare X, offscreen, some Wayland desktops) it stays inert: the menu
// is still kept up to date, nothing is shown, notifications are only signalled.
class TrayIcon : public QObject {
    Q_OBJECT

public:
    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    // The shares of the open lab, as the share session reports them (on every health tick).
    // The menu is rebuilt only when the set of shares changes, so an open menu stays put.
    void setRows(const QList<share::ShareRow>& rows);
    // Says "Hide window" while the window is visible, "Show window" otherwise.
    void setWindowVisible(bool visible);
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    // When shares stop on their own ("Every share stops at 17:00 (1 h 25 min left)"): a line of the tooltip;
    // empty: none do. `extend`: the menu offers "Extend 30 min" (the five-minute warning is on).
    void setEnding(const QString& text, bool extend);

    // LabShare is quitting and waits for its shares to stop: the tooltip and the menu's first line say so, and
    // nothing in the menu can start or stop anything any more.
    void setStopping();
    bool isStopping() const { return m_stopping; }

    bool isAvailable() const;
    void show(); // shows the icon if there is a system tray to show it in
    void hide();
    // Raises a desktop notification (e.g. "LabShare keeps running in the tray") where supported: notificationRaised()
    // at once; the balloon at most every 2 s, listing the titles of those that came meanwhile.
    void showMessage(const QString& title, const QString& message,
                     QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);

    TrayState state() const { return m_state; }
    QString toolTip() const { return m_toolTip; }
    QIcon icon() const;
    QMenu* menu() const { return m_menu.get(); }
    QSystemTrayIcon* systemTrayIcon() const { return m_tray; }
    QAction* shareAction(const QString& shareName) const;

    // The icon for a state, from the resources (":/icons/tray-up.svg", …).
    static QIcon iconFor(TrayState state);

Q_SIGNALS:
    void toggleRequested(const QString& shareName, bool published);
    void stopAllRequested();
    void showHideRequested();
    void quitRequested();
    void extendRequested();
    void messageClicked(); // the user clicked a notification
    // A notification was raised (also where the platform cannot display it).
    void notificationRaised(const QString& title, const QString& message);

private:
    void rebuildMenu(const QList<share::ShareRow>& rows);
    void updateShareAction(QAction* action, const share::ShareRow& row);
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void showToolTip();
    void showBalloon();

    std::unique_ptr<QMenu> m_menu; // QSystemTrayIcon does not own its context menu
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_statusAction = nullptr;
    QAction* m_shareSeparator = nullptr;
    QAction* m_extendAction = nullptr;
    QAction* m_stopAllAction = nullptr;
    QAction* m_showHideAction = nullptr;
    QAction* m_quitAction = nullptr;
    QList<QAction*> m_shareActions;
    TrayHealth m_health;
    TrayState m_state = TrayState::Idle;
    QString m_toolTip;
    QString m_healthTip; // TrayHealth::toolTip() of the shares
    QString m_ending;
    bool m_sharing = false;
    bool m_notify = true;
    bool m_stopping = false;
    struct Balloon {
        QString title;
        QString message;
        QSystemTrayIcon::MessageIcon icon;
    };
    QList<Balloon> m_balloons; // raised, waiting for m_balloonPause
    QTimer m_balloonPause;
};

} // namespace labshare::ui
