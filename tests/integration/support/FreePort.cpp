// SPDX-License-Identifier: GPL-3.0-or-later
#include "FreePort.h"

#include <QRandomGenerator>
#include <QTcpServer>

namespace labshare::testsupport {

quint16 freeTcpPort(const QHostAddress& address) {
    for (int attempt = 0; attempt < 500; ++attempt) {
        const auto port = static_cast<quint16>(QRandomGenerator::global()->bounded(20000, 32768));
        QTcpServer probe;
        if (probe.listen(address, port))
            return port;
    }
    return 0;
}

} // namespace labshare::testsupport
