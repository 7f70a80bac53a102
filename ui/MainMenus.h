// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

namespace labshare::ui {

// The window's actions the menus show (the window creates and connects them; the toolbar shares them).
struct MenuActions {
    QAction* open = nullptr;
    QAction* shareSheet = nullptr;
    QAction* autoPublish = nullptr;
    QAction* shareUntil = nullptr;
    QAction* quit = nullptr;
    QAction* present = nullptr;
    QAction* diagnostics = nullptr;
    QAction* connections = nullptr;
};

// The main window's menu bar: File (Open…, Open Recent ▸ from LabSettings::recentFiles(), Share sheet…,
// Share on open, Share until…, Quit), View (Present, Connections, Diagnostics), Help (About LabShare, opened without a
// nested loop).
class MainMenus : public QObject {
    Q_OBJECT

public:
    MainMenus(QMenuBar* bar, const MenuActions& actions, QWidget* window);

Q_SIGNALS:
    void recentRequested(const QString& path);

private:
    void fillRecent();
    void showAbout();

    QWidget* m_window = nullptr;
    QMenu* m_recent = nullptr;
};

} // namespace labshare::ui
