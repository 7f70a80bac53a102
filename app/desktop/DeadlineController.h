// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/DeadlineWatch.h"

#include <QObject>

#include <functional>
#include <optional>

namespace labshare::ui {
class MainWindow;
class TrayIcon;
} // namespace labshare::ui

namespace labshare::app {

class LabController;

// Shares that end on their own, in the window: "Share until…" for the whole lab (remembered per lab as a
// duration) and for one share, the five-minute warning (a tray notification and a banner, both offering to
// extend by 30 min), and the end, which stops the shares cleanly and keeps them as the lab's for the next
// class. Dialogs are opened with open(); an answer is dropped when another lab has been opened or the
// share stopped since. Time comes from the clock it is given (tests move it).
class DeadlineController : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kExtendSeconds = 30 * 60;

    DeadlineController(ui::MainWindow& window, ui::TrayIcon& tray, LabController& lab,
                       share::DeadlineWatch::Clock clock = {}, QObject* parent = nullptr);

    share::DeadlineWatch& watch() { return m_watch; }

    void askForLab();                       // "Share until…" in the toolbar or the File menu
    void askForShare(const QString& share); // "Share until…" in a share's context menu
    void extend();                          // "Extend 30 min"

Q_SIGNALS:
    void changed();                              // a deadline came, moved or went: the views show the ends again
    void sharesEnding(const QStringList& names); // their time ran out: they stop right after this

private:
    void onSharesChanged();
    void onWarning(); // says what stops next, of every deadline now in its warning
    void onEnded(const QStringList& names, const QDateTime& end);
    // The dialog for `subject` ("every share of classroom", a share's name); `apply` gets the answer (nullopt: No end).
    void ask(const QString& subject, const QString& text, bool hasDeadline,
             std::function<void(std::optional<share::ShareDeadline>)> apply);

    ui::MainWindow& m_window;
    ui::TrayIcon& m_tray;
    LabController& m_lab;
    share::DeadlineWatch m_watch;
    quint64 m_generation = 0; // the lab the deadlines belong to
};

} // namespace labshare::app
