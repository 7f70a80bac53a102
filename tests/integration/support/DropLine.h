// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <atomic>
#include <thread>

namespace labshare::testsupport {

// A TCP forwarder on 127.0.0.1 in front of a server (the relay), on a thread of its own, that can lose the
// network. drop(): every connection through it goes silent both ways (nothing forwarded, nothing closed: a
// Wi-Fi gone, a laptop asleep) and new connections are refused; restore(): new connections go through again,
// while the dropped ones stay silent until closeDropped().
class DropLine {
public:
    DropLine() = default;
    ~DropLine();
    DropLine(const DropLine&) = delete;
    DropLine& operator=(const DropLine&) = delete;

    [[nodiscard]] bool start(quint16 targetPort);
    quint16 port() const { return m_port; }
    void drop() { command(Command::Drop); }
    void restore() { command(Command::Restore); }
    void closeDropped() { command(Command::CloseDropped); }
    QString errorString() const { return m_error; }

private:
    enum class Command { None, Drop, Restore, CloseDropped, Stop };
    void command(Command c);
    void run();

    quint16 m_port = 0;
    quint16 m_target = 0;
    int m_wake[2] = {-1, -1};
    std::atomic<Command> m_command{Command::None};
    std::atomic<bool> m_done{false};
    std::thread m_thread;
    QString m_error;
};

} // namespace labshare::testsupport
