// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace labshare::testsupport {

// One {"event":"share",...} line of `labshare up --json`.
struct ShareEvent {
    QString name; // clab-n1-tcp-7001
    QString node;
    QString type;
    int port = 0;
    QString state;         // idle, connecting, up, degraded, reconnecting, failed, stopped
    QString publicAddress; // host:port
    QString url;
    QString error;
    QJsonObject json; // the whole line

    static ShareEvent fromJson(const QJsonObject& object);
    QString publicHost() const;
    quint16 publicPort() const;
    QString toString() const; // the JSON line, for messages
};

// The real `labshare up FILE --relay URL --json ...` as a child process, with HOME pointing at a
// temporary directory (no XDG overrides, no ssh-agent, no display). Its stdout is parsed line by line as
// it arrives while the caller's event loop runs (every wait here runs it).
class LabshareUp {
public:
    static QString program(); // the labshare binary under test
    LabshareUp();
    // Runs with HOME = `home` (e.g. another run's homeDirectory()), to see what LabShare remembers.
    explicit LabshareUp(const QString& home);
    ~LabshareUp();
    LabshareUp(const LabshareUp&) = delete;
    LabshareUp& operator=(const LabshareUp&) = delete;

    // Starts the process with these open-file limits (RLIMIT_NOFILE), as `prlimit --nofile=SOFT:HARD` would.
    void setOpenFileLimit(quint64 soft, quint64 hard);
    // `relayUrl` empty leaves --relay out; `extraArguments` go after it (--accept-new-host-key, --only ...).
    [[nodiscard]] bool start(const QString& topologyFile, const QString& relayUrl,
                             const QStringList& extraArguments = {});
    bool isRunning() const;
    qint64 pid() const { return m_pid; }

    // Waits until the latest event for `name` has `state`; false on timeout or when the process exits first.
    [[nodiscard]] bool waitForState(const QString& name, const QString& state, int timeoutMs);
    [[nodiscard]] bool waitForStates(const QStringList& names, const QString& state, int timeoutMs);
    // Waits until an event for `name` from index `from` on (see eventCount) satisfies `states`.
    [[nodiscard]] bool waitForStateSince(const QString& name, const QStringList& states, qsizetype from, int timeoutMs);
    // Waits until the process has exited; false on timeout.
    [[nodiscard]] bool waitForExit(int timeoutMs);
    // SIGINT, then waits for the exit; false on timeout.
    [[nodiscard]] bool interrupt(int timeoutMs = 30000);

    ShareEvent lastEvent(const QString& name) const; // empty name when none arrived yet
    QString lastState(const QString& name) const;
    QString publicHost(const QString& name) const;
    quint16 publicPort(const QString& name) const;
    // The latest public address of each share, in the order given (invalid where there is none).
    QList<Endpoint> publicEndpoints(const QStringList& names) const;
    // Whether any event for `name` from index `from` on had `state`.
    bool everInState(const QString& name, const QString& state, qsizetype from = 0) const;
    QList<ShareEvent> events() const { return m_events; } // every share event, in order
    qsizetype eventCount() const { return m_events.size(); }
    QList<QJsonObject> healthEvents() const { return m_health; }
    QJsonObject lastHealth(const QString& name) const;     // the latest health event of `name`; empty when none
    QStringList nonJsonLines() const { return m_nonJson; } // stdout lines that are not one JSON object
    QStringList stdoutLines() const { return m_lines; }

    // The exit code, or -1 while running or after a crash or a signal.
    int exitCode() const;
    QString stderrText() const { return QString::fromUtf8(m_stderr); }
    QString homeDirectory() const { return m_homePath.isEmpty() ? m_home.path() : m_homePath; }
    // Command line, exit status, the last stdout lines and stderr: for failure messages.
    QString diagnostics() const;
    QString errorString() const { return m_error; }

private:
    void onStdout();
    void parseLine(const QByteArray& line);

    QTemporaryDir m_home;
    QString m_homePath; // given by the caller; empty: m_home
    QProcess m_process;
    QStringList m_arguments;
    qint64 m_pid = 0;
    QByteArray m_pending;
    QByteArray m_stderr;
    QStringList m_lines; // raw stdout lines
    QList<ShareEvent> m_events;
    QList<QJsonObject> m_health;
    QStringList m_nonJson;
    QString m_error;
};

} // namespace labshare::testsupport
