// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPoint>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace labshare::testsupport {

// The real desktop app, `labshare [FILE]`, as a child process on the test's X display (Xvfb with
// trayer as the tray host: tests/with-desktop.sh), with HOME = `home` and a runtime directory of its
// own. It is looked at from outside, as a user sees it: its windows through xdotool, by process id.
class DesktopProcess {
public:
    DesktopProcess(const QString& home, const QString& runtimeDir);
    ~DesktopProcess(); // kills it if it still runs
    DesktopProcess(const DesktopProcess&) = delete;
    DesktopProcess& operator=(const DesktopProcess&) = delete;

    // Starts the process with these open-file limits (RLIMIT_NOFILE), as `prlimit --nofile=SOFT:HARD` would.
    void setOpenFileLimit(quint64 soft, quint64 hard);
    [[nodiscard]] bool start(const QStringList& arguments);
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // The centre of its tray icon on the screen once the tray host shows it; null on timeout.
    QPoint trayIcon(int timeoutMs);
    // Its visible windows (xdotool ids), e.g. to see a menu open.
    QStringList visibleWindows() const;
    // Waits until one of its windows has the title `title`.
    [[nodiscard]] bool waitForWindowTitle(const QString& title, int timeoutMs);
    // Waits for the exit; the exit code, or -1 on a timeout or a crash.
    int finish(int timeoutMs);
    QString describe() const; // the command line and its output so far, for messages

private:
    QProcess m_process;
    QStringList m_arguments;
    QByteArray m_output;
};

// Runs xdotool with `arguments`; true when it succeeded. `output` (optional) receives its stdout.
bool xdotool(const QStringList& arguments, QByteArray* output = nullptr);
// Saves the whole X screen as a user sees it (tray and menus included) as `name` in LABSHARE_SCREENSHOT_DIR, else
// in the temporary directory; returns the path.
QString screenshot(const QString& name);

} // namespace labshare::testsupport
