// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>

namespace labshare::testsupport {

// A TCP port nothing listens on at `address`, or 0 when none was found. Picked at random from
// 20000-32767, below Linux's ephemeral range (32768-60999): an outgoing connection's source port or a
// relay's port-0 listener cannot take it while a test restarts a server on it.
[[nodiscard]] quint16 freeTcpPort(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost));

} // namespace labshare::testsupport
