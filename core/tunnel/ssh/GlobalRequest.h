// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <libssh/libssh.h>

#include <QByteArray>
#include <QString>

namespace labshare::tunnel {

struct TrackedShare;

// The one global request a relay session has on its way: tcpip-forward, cancel-tcpip-forward or
// keepalive@openssh.com, sent and then checked on without ever waiting for the relay.
//
// libssh 0.10 has a single slot for them per session (ssh_global_request): while a request is in it,
// ssh_channel_listen_forward(), ssh_channel_cancel_forward() and ssh_send_keepalive() send nothing; each
// only checks on the request already there and returns its answer as its own (ssh_send_keepalive() drops
// it), and in non-blocking mode a check returns SSH_AGAIN until the answer is in. So the worker keeps one
// request here at a time, queues the others, and makes those three calls through this type only: an
// answer is always given to the request it belongs to.
class GlobalRequest {
public:
    enum class Kind { Listen, Cancel, Keepalive };
    enum class Answer { Waiting, Accepted, Refused, SessionLost };
    struct Request {
        Kind kind = Kind::Keepalive;
        TrackedShare* share = nullptr; // Listen: whose it is; null once that share stopped (see forget())
        quint16 port = 0;     // Listen: the port asked for (0: any), the bound one once accepted; Cancel: the port
        bool standIn = false; // Listen: for the share's stand-in, not its own port
    };

    explicit GlobalRequest(const QString& bindAddress);

    bool isBusy() const { return m_busy; }
    // The request on its way, or else the one answered last.
    const Request& request() const { return m_request; }
    // Sends `request`; only when not busy. Waiting: it is on its way (busy) until resume() says otherwise.
    Answer start(ssh_session session, const Request& request);
    // Checks on the request on its way without waiting: Waiting until the relay's answer is in.
    Answer resume(ssh_session session);
    // `share` stopped: the answer to a listen for it goes to no share (and a yes needs a cancel).
    void forget(const TrackedShare& share);
    void clear(); // the session is gone, and what was on its way with it

private:
    Answer call(ssh_session session, bool first);

    QByteArray m_bind; // where the relay listens; empty: libssh sends "" (all addresses)
    Request m_request;
    bool m_busy = false;
};

} // namespace labshare::tunnel
