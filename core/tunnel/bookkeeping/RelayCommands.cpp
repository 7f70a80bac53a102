// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/RelayCommands.h"

#include <QMutexLocker>

#include <sys/socket.h>

namespace labshare::tunnel {

void RelayCommands::post(RelayCommand command) {
    {
        QMutexLocker lock(&m_mutex);
        if (command.kind == RelayCommand::Kind::Stop) {
            m_stopping = true;
            // A connect or SSH handshake in progress returns at once when its socket is shut down.
            const int fd = m_connectingFd.load();
            if (fd >= 0)
                ::shutdown(fd, SHUT_RDWR);
            m_stopWaker.wake();
        }
        m_queue.push_back(std::move(command));
    }
    m_waker.wake();
}

void RelayCommands::clearConnectingFd() {
    QMutexLocker lock(&m_mutex);
    m_connectingFd = -1;
}

std::vector<RelayCommand> RelayCommands::take() {
    QMutexLocker lock(&m_mutex);
    std::vector<RelayCommand> out;
    out.swap(m_queue);
    return out;
}

} // namespace labshare::tunnel
