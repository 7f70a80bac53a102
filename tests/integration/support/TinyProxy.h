// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace labshare::testsupport {

// A real HTTP CONNECT proxy on 127.0.0.1: tinyproxy in the foreground with a config of its own, allowing
// CONNECT to one port only (the relay's), so a client that skipped the proxy or asked for another port
// shows up as a refusal in log().
class TinyProxy {
public:
    TinyProxy();
    ~TinyProxy();
    TinyProxy(const TinyProxy&) = delete;
    TinyProxy& operator=(const TinyProxy&) = delete;

    [[nodiscard]] bool start(quint16 connectPort);
    void stop();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_pid; }
    QString url() const; // http://127.0.0.1:PORT
    QString log() const; // tinyproxy's log file (CONNECT requests are logged at LogLevel Info)
    QString errorString() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    qint64 m_pid = 0;
    QString m_error;
};

} // namespace labshare::testsupport
