// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"

#include <QString>

namespace labshare::testsupport {

// Plain TCP clients from a chosen source address (a loopback address such as 127.0.0.2), as LabShare's
// limits per source address see students. POSIX sockets: each returns or decides at once, or within 10 s.

// A socket bound to `source` and connecting to `to` (blocking: connected on return; else in progress);
// -1 on failure (errno says why).
int connectFrom(const QString& source, const Endpoint& to, bool blocking);
// Whether the other end has closed `fd` (EOF or reset) by now.
bool closedByPeer(int fd);
// Sends `bytes` random bytes over the connected `fd`, half-closes, reads the echo to EOF and closes `fd`.
// Empty when the echo came back intact, else what went wrong.
QString echoAndClose(int fd, int bytes);
// The local port of the socket `fd` (the student's source port); 0 when it has none.
quint16 localPort(int fd);
// `connections` connections one after another from `source` to `to`, each sending its own random payload
// of `bytes` bytes, half-closing and reading the echo to EOF. Empty when every echo came back intact, else
// what went wrong ("… 0 intact" when nothing came back).
QString roundTripsFrom(const QString& source, const Endpoint& to, int connections, int bytes);

} // namespace labshare::testsupport
