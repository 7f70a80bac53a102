// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/GlobalRequest.h"

// ssh_send_keepalive() is declared with the server API but works on client sessions too: it sends
// keepalive@openssh.com with want-reply, which every OpenSSH-compatible server answers.
#include <libssh/server.h>

namespace labshare::tunnel {

GlobalRequest::GlobalRequest(const QString& bindAddress)
    : m_bind(bindAddress.toUtf8()) {}

GlobalRequest::Answer GlobalRequest::start(ssh_session session, const Request& request) {
    m_request = request;
    return call(session, true);
}

GlobalRequest::Answer GlobalRequest::resume(ssh_session session) {
    return m_busy ? call(session, false) : Answer::Waiting;
}

void GlobalRequest::forget(const TrackedShare& share) {
    if (m_busy && m_request.share == &share)
        m_request.share = nullptr;
}

void GlobalRequest::clear() {
    m_request = {};
    m_busy = false;
}

GlobalRequest::Answer GlobalRequest::call(ssh_session session, bool first) {
    const char* bind = m_bind.isEmpty() ? nullptr : m_bind.constData();
    int rc = SSH_ERROR;
    switch (m_request.kind) {
    case Kind::Listen: {
        // Checked on with the same arguments: when the port asked is 0, libssh reads the bound one from the
        // last packet it took in, which is why the worker checks right after its poll, before anything else
        // reads the session.
        int bound = 0;
        rc = ssh_channel_listen_forward(session, bind, m_request.port, &bound);
        if (rc == SSH_OK && m_request.port == 0)
            m_request.port = static_cast<quint16>(bound);
        break;
    }
    case Kind::Cancel:
        rc = ssh_channel_cancel_forward(session, bind, m_request.port);
        break;
    case Kind::Keepalive:
        if (first) {
            ssh_send_keepalive(session); // says nothing of the answer, nor of whether it took one already
            rc = SSH_AGAIN;
        } else {
            // A cancel call while the keepalive is in the slot only checks on it, and returns its answer.
            // Should the keepalive have been answered inside ssh_send_keepalive() already (the relay would
            // have to answer within microseconds), this sends a cancel of port 0 instead, which matches no
            // forward (OpenSSH files one asked for with port 0 under the port it picked), and that answer
            // stands for the keepalive's.
            rc = ssh_channel_cancel_forward(session, bind, 0);
        }
        break;
    }
    m_busy = rc == SSH_AGAIN;
    if (rc == SSH_AGAIN)
        return Answer::Waiting;
    if (rc == SSH_OK)
        return Answer::Accepted;
    if (!ssh_is_connected(session) || ssh_get_error_code(session) == SSH_FATAL)
        return Answer::SessionLost;
    return Answer::Refused;
}

} // namespace labshare::tunnel
