// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/RelayWorker.h"
#include "common/Logging.h"
#include "tunnel/OpenFileLimit.h"
#include "tunnel/TcpStats.h"

// ssh_send_keepalive() is declared with the server API but works on client sessions too: it sends
// keepalive@openssh.com with want-reply, which every OpenSSH-compatible server answers.
#include <libssh/server.h>

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

bool isFatal(ErrorCode code) {
    return code == ErrorCode::HostKeyChanged || code == ErrorCode::HostKeyUnknown || code == ErrorCode::AuthFailed;
}

} // namespace

RelayWorker::RelayWorker(RelayProfile profile, RelayWorkerOptions options, RelayListener listener,
                         RelayCommands& commands)
    : m_profile(std::move(profile))
    , m_options(std::move(options))
    , m_listener(std::move(listener))
    , m_commands(commands)
    , m_book(m_listener, m_profile.id(), m_options.healthIntervalMs, m_options.probeIntervalMs)
    , m_forwards(m_book.shares())
    // A gated connection holds three descriptors: the socket pair its channel feeds, and the node's.
    , m_quota(ConnectionQuota::capsFor(OpenFileLimit::soft(), 3))
    , m_gates(m_listener, m_options.silentGateMs) {}

RelayWorker::~RelayWorker() {
    teardownSession();
}

bool RelayWorker::handleCommands() {
    m_commands.drainWake(); // before take(): a command posted after this wakes the next poll
    for (RelayCommand& c : m_commands.take()) {
        switch (c.kind) {
        case RelayCommand::Kind::Stop:
            return false;
        case RelayCommand::Kind::Add: {
            if (Forward* existing = m_book.find(c.spec.name)) {
                if (existing->spec == c.spec)
                    break;
                cancelForward(*existing);
                existing->spec = c.spec;
                existing->phase = ForwardPhase::Pending;
                existing->boundPort = 0;
                break;
            }
            update(m_book.add(c.spec));
            break;
        }
        case RelayCommand::Kind::Remove:
            if (Forward* f = m_book.find(c.text)) {
                cancelForward(*f);
                m_book.remove(*f);
            }
            break;
        case RelayCommand::Kind::TrustHostKey:
            m_trustedFingerprint = c.text;
            if (m_phase == SessionPhase::Fatal)
                m_phase = SessionPhase::Idle;
            break;
        case RelayCommand::Kind::RetryLogin:
            if (m_phase == SessionPhase::Fatal)
                m_phase = SessionPhase::Idle;
            break;
        case RelayCommand::Kind::GateAnswer:
            m_gates.answer(c.gate);
            break;
        case RelayCommand::Kind::SetGate:
            m_gates.setSetup(std::move(c.gateSetup));
            break;
        }
    }
    return true;
}

void RelayWorker::waitForCommands(int timeoutMs) {
    pollfd fd{m_commands.wakeFd(), POLLIN, 0};
    if (::poll(&fd, 1, timeoutMs) > 0)
        m_commands.drainWake();
}

void RelayWorker::run() {
    installSshLogging();
    while (handleCommands()) {
        if (m_forwards.empty() || m_phase == SessionPhase::Fatal) {
            waitForCommands(-1); // connect only when there is something to publish, or the user decided
            continue;
        }
        m_phase = SessionPhase::Connecting;
        updateAll();
        SshConnectOptions options;
        options.hostKeys = m_options.hostKeys;
        options.trustedFingerprint = m_trustedFingerprint;
        options.secrets = m_options.secrets;
        options.stopFd = m_commands.stopFd();
        options.socketFd = &m_commands.connectingFd();
        Result<SshConnection> connection = openSshConnection(m_profile, options);
        m_commands.clearConnectingFd();
        if (m_commands.stopping())
            break;
        if (!connection) {
            const Error& e = connection.error();
            qCInfo(lcTunnel) << "relay" << m_profile.id() << e.message;
            m_book.setError(e.message);
            if (isFatal(e.code)) {
                m_phase = SessionPhase::Fatal;
                updateAll();
                if (e.code == ErrorCode::HostKeyUnknown && m_listener.hostKeyUnknown)
                    m_listener.hostKeyUnknown(e.detail);
                if (e.code == ErrorCode::AuthFailed && m_listener.loginRefused)
                    m_listener.loginRefused(e.message);
            } else {
                m_phase = SessionPhase::Lost;
                updateAll();
                waitForCommands(m_backoff.nextDelayMs());
            }
            continue;
        }
        m_backoff.reset(); // reached it: the next loss starts the back-off afresh
        const Outcome outcome = serve(connection.value());
        teardownSession();
        if (outcome == Outcome::Stopped)
            break;
        m_phase = SessionPhase::Lost;
        m_book.setError(m_sessionError);
        updateAll();
        waitForCommands(m_backoff.nextDelayMs());
    }
    teardownSession();
    m_phase = SessionPhase::Stopped;
    for (auto& f : m_forwards)
        update(*f);
    if (m_listener.stopped)
        m_listener.stopped();
}

RelayWorker::Outcome RelayWorker::serve(SshConnection& connection) {
    m_session = connection.session.release();
    m_banner = std::make_unique<BannerParser>(m_profile.flavor);
    m_awaitingBanner.clear();
    m_book.setRtt(-1);
    m_keepaliveSentMs = nowMs();
    m_lastRxMs = m_keepaliveSentMs;
    m_lastRxBytes = 0;
    m_sessionError.clear();
    openControlChannel();
    m_phase = SessionPhase::Ready;
    for (auto& f : m_forwards) {
        f->phase = ForwardPhase::Pending;
        f->retryAtMs = 0;
        f->health.lastError.clear();
    }
    ssh_set_blocking(m_session, 0);
    m_event = ssh_event_new();
    ssh_event_add_session(m_event, m_session);
    qCInfo(lcTunnel) << "connected to relay" << m_profile.id() << "as" << connection.user << connection.fingerprint;

    int timeout = 0;
    while (true) {
        if (pollOnce(timeout) < 0) {
            m_sessionError = tr("lost the relay: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
            return Outcome::Lost;
        }
        if (!handleCommands())
            return Outcome::Stopped;
        if (!ssh_is_connected(m_session)) {
            m_sessionError = tr("the relay closed the connection: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
            return Outcome::Lost;
        }
        const qint64 now = nowMs();
        checkRelayHeard(now);
        if (now - m_lastRxMs > qint64(m_options.keepaliveIntervalMs) * m_options.keepaliveMisses) {
            m_sessionError = tr("the relay stopped answering keepalives");
            return Outcome::Lost;
        }
        requestDueForwards();
        if (!ssh_is_connected(m_session)) {
            m_sessionError = tr("the relay closed the connection: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
            return Outcome::Lost;
        }
        acceptChannels();
        readControlChannel();
        for (Link& l : m_links) {
            l.connection->pump();
            if (l.connection->isFinished() && l.connection->connectFailed()) // a student's, refused by the node
                m_book.nodeAnswered(*l.forward, l.connection->connectError(), m_phase);
        }
        std::erase_if(m_links, [](const Link& l) { return l.connection->isFinished(); });
        m_gates.tick(now);
        tick(now);
        // Anything libssh parsed while we pumped (data, EOF, a new channel) is handled before sleeping.
        timeout = m_activity ? 0 : 250;
        m_activity = false;
    }
}

int RelayWorker::pollOnce(int timeoutMs) {
    std::vector<pollfd> fds;
    fds.reserve(m_links.size() + m_forwards.size() + 2);
    fds.push_back({m_commands.wakeFd(), POLLIN, 0});
    const int sessionFd = ssh_get_fd(m_session);
    const bool writePending = ssh_get_poll_flags(m_session) & SSH_WRITE_PENDING;
    fds.push_back({sessionFd, static_cast<short>(POLLIN | (writePending ? POLLOUT : 0)), 0});
    for (const Link& l : m_links)
        fds.push_back({l.connection->targetFd(), l.connection->targetEvents(), 0});
    const std::size_t gates = fds.size();
    const std::size_t gated = m_gates.appendFds(fds);
    const std::size_t probes = fds.size();
    m_book.appendProbeFds(fds);
    const int n = ::poll(fds.data(), fds.size(), timeoutMs);
    if (n < 0)
        return 0; // EINTR
    if (fds[0].revents & POLLIN)
        m_commands.drainWake();
    if (fds[1].revents || writePending) {
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR))
            m_activity = true;
        if (ssh_event_dopoll(m_event, 0) == SSH_ERROR && !ssh_is_connected(m_session))
            return -1;
        if (fds[1].revents & POLLIN) {
            const int one = 1; // Linux: ACK at once, so the relay's Nagle never waits for our delayed ACK
            ::setsockopt(sessionFd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
        }
    }
    std::size_t i = 2;
    for (Link& l : m_links) {
        if (fds[i].revents) {
            l.connection->onTargetEvents(fds[i].revents);
            m_activity = true;
        }
        ++i;
    }
    m_gates.onEvents(fds.data() + gates, gated, m_book, m_phase);
    m_book.onProbeEvents(fds.data() + probes, m_phase);
    return n;
}

void RelayWorker::openControlChannel() {
    // OpenSSH turns TCP_NODELAY on for a connection only once a session on it runs a command, so
    // one harmless command makes short connections ~100x faster (measured against OpenSSH 9.2: about
    // 35 connections/s without it, 2,400 and more with it). Other relays print
    // the public addresses on this channel.
    m_control = ssh_channel_new(m_session);
    if (!m_control || ssh_channel_open_session(m_control) != SSH_OK) {
        qCInfo(lcTunnel) << "relay allows no session channel:" << ssh_get_error(m_session);
        if (m_control)
            ssh_channel_free(m_control);
        m_control = nullptr;
        return;
    }
    const QString command = m_profile.flavor == RelayFlavor::OpenSsh ? QStringLiteral("true") : m_banner->execCommand();
    const int rc = command.isEmpty() ? ssh_channel_request_shell(m_control)
                                     : ssh_channel_request_exec(m_control, command.toUtf8().constData());
    if (rc != SSH_OK)
        qCInfo(lcTunnel) << "relay refused the session command:" << ssh_get_error(m_session);
}

bool RelayWorker::requestForward(Forward& f) {
    const QByteArray bind = m_profile.bindAddress.toUtf8();
    const int asked = f.boundPort ? f.boundPort : f.spec.remotePort;
    int bound = 0;
    ssh_set_blocking(m_session, 1);
    int rc = ssh_channel_listen_forward(m_session, bind.isEmpty() ? nullptr : bind.constData(), asked, &bound);
    if (rc != SSH_OK && QByteArray(ssh_get_error(m_session)).contains("keepalive@openssh.com"))
        // The slot still held a keepalive's answer, and that is what came back: now ask for real.
        rc = ssh_channel_listen_forward(m_session, bind.isEmpty() ? nullptr : bind.constData(), asked, &bound);
    ssh_set_blocking(m_session, 0);
    if (rc == SSH_OK) {
        m_book.bound(f, static_cast<quint16>(asked ? asked : bound));
        f.health.publicHost = m_profile.publicHost.isEmpty() ? m_profile.host : m_profile.publicHost;
        f.health.publicPort = f.boundPort;
        f.health.url.clear();
        if (m_profile.flavor != RelayFlavor::OpenSsh) {
            f.health.publicHost.clear(); // the relay says where, on the session channel
            m_awaitingBanner.push_back(&f);
        }
        f.nextProbeMs = 0;
        qCInfo(lcTunnel) << "relay listens for" << f.spec.name << "on port" << f.boundPort;
        update(f);
        return true;
    }
    if (!ssh_is_connected(m_session) || ssh_get_error_code(m_session) == SSH_FATAL)
        return false;
    f.health.lastError = asked
                             ? tr("the relay refused to listen on port %1 (an earlier session may still hold it); "
                                  "retrying")
                                   .arg(asked)
                             : tr("the relay refused the forward: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
    m_book.refused(f);
    update(f);
    return true;
}

void RelayWorker::requestDueForwards() {
    const qint64 now = nowMs();
    for (auto& f : m_forwards) {
        if (f->phase == ForwardPhase::Bound || (f->phase == ForwardPhase::Refused && f->retryAtMs > now))
            continue;
        if (!requestForward(*f))
            return;
        m_activity = true;
    }
}

void RelayWorker::cancelForward(Forward& f) {
    std::erase_if(m_links, [&f](const Link& l) { return l.forward == &f; });
    m_gates.forget(f);
    std::erase(m_awaitingBanner, &f);
    if (m_session && f.phase == ForwardPhase::Bound && ssh_is_connected(m_session)) {
        const QByteArray bind = m_profile.bindAddress.toUtf8();
        ssh_set_blocking(m_session, 1);
        const char* address = bind.isEmpty() ? nullptr : bind.constData();
        int rc = ssh_channel_cancel_forward(m_session, address, f.boundPort);
        if (rc != SSH_OK && QByteArray(ssh_get_error(m_session)).contains("keepalive@openssh.com"))
            rc = ssh_channel_cancel_forward(m_session, address, f.boundPort); // see requestForward()
        if (rc != SSH_OK)
            qCInfo(lcTunnel) << "relay did not cancel port" << f.boundPort << ssh_get_error(m_session);
        ssh_set_blocking(m_session, 0);
    }
    f.phase = ForwardPhase::Pending;
}

void RelayWorker::acceptChannels() {
    while (true) {
        int port = 0;
        char* originator = nullptr;
        int originatorPort = 0;
        ssh_channel channel = ssh_channel_open_forward_port(m_session, 0, &port, &originator, &originatorPort);
        if (!channel)
            return;
        m_activity = true;
        const QString from = QString::fromUtf8(originator ? originator : ""); // what the relay says; not checked
        ssh_string_free_char(originator);
        Forward* forward = nullptr;
        for (auto& f : m_forwards)
            if (f->phase == ForwardPhase::Bound && f->boundPort == port)
                forward = f.get();
        if (!forward && m_forwards.size() == 1 && m_forwards.front()->phase == ForwardPhase::Bound)
            forward = m_forwards.front().get(); // relays that report another port than they bound
        if (!forward) {
            qCInfo(lcTunnel) << "relay forwarded a connection for unknown port" << port;
            ssh_channel_close(channel);
            ssh_channel_free(channel);
            continue;
        }
        ConnectionQuota::Slot slot = m_quota.take(forward, from);
        if (!slot.isHeld()) { // a cap is reached: closed at once
            ++forward->counters.refused;
            ssh_channel_close(channel);
            ssh_channel_free(channel);
            continue;
        }
        if (forward->spec.allowed.isEmpty())
            join(channel, *forward, std::move(slot));
        else
            joinThroughGate(channel, *forward, from, std::move(slot));
    }
}

void RelayWorker::join(ssh_channel channel, Forward& forward, ConnectionQuota::Slot slot) {
    Result<Socket> target = Socket::connectTo(forward.spec.targetHost, forward.spec.targetPort);
    if (!target) {
        forward.health.target = Reachability::Unreachable;
        forward.health.lastError = target.error().message;
        ssh_channel_close(channel);
        ssh_channel_free(channel);
        update(forward);
        return;
    }
    m_links.push_back(
        {std::make_unique<ForwardedConnection>(channel, std::move(target).value(), forward.counters, m_activity),
         &forward, std::move(slot)});
}

void RelayWorker::joinThroughGate(ssh_channel channel, Forward& forward, const QString& from,
                                  ConnectionQuota::Slot slot) {
    // The node is dialled only once the gate admits (GatedSplice); until then the channel talks to the gate.
    Result<std::pair<Socket, Socket>> pair = Socket::pair();
    if (!pair || !m_gates.isReady()) {
        if (!pair)
            qCWarning(lcTunnel) << "no socket pair for a gated connection:" << pair.error().message;
        ssh_channel_close(channel);
        ssh_channel_free(channel);
        return;
    }
    m_links.push_back(
        {std::make_unique<ForwardedConnection>(channel, std::move(pair->first), m_gateLegs, m_activity), &forward, {}});
    m_gates.accept(std::move(pair->second), forward, from, nowMs(), std::move(slot));
}

void RelayWorker::readControlChannel() {
    if (!m_control)
        return;
    if (m_profile.flavor != RelayFlavor::OpenSsh) {
        for (int isStderr : {0, 1}) {
            char buffer[4096];
            int n = 0;
            while ((n = ssh_channel_read_nonblocking(m_control, buffer, sizeof(buffer), isStderr)) > 0) {
                for (const PublicAddress& a : m_banner->feed(QByteArray(buffer, n))) {
                    if (m_awaitingBanner.empty())
                        break;
                    Forward* f = m_awaitingBanner.front();
                    m_awaitingBanner.pop_front();
                    f->health.publicHost = a.host;
                    f->health.publicPort = a.effectivePort(); // tls:// too is 443, not 80
                    f->health.url = a.url;
                    update(*f);
                }
            }
        }
    }
    if (ssh_channel_is_closed(m_control) || ssh_channel_is_eof(m_control)) {
        ssh_channel_close(m_control);
        ssh_channel_free(m_control);
        m_control = nullptr;
    }
}

void RelayWorker::checkRelayHeard(qint64 now) {
    // libssh reads the socket inside many of its calls, so whether our own poll saw it readable says
    // little; the kernel's count of bytes received says whether the relay spoke. Twice a second is enough.
    if (now - m_lastRxCheckMs < 500)
        return;
    m_lastRxCheckMs = now;
    const std::optional<TcpStats> stats = tcpStats(ssh_get_fd(m_session));
    if (!stats)
        return;
    m_book.setRtt(stats->rttMs);
    if (stats->bytesReceived != m_lastRxBytes) {
        m_lastRxBytes = stats->bytesReceived;
        m_lastRxMs = now;
    }
}

void RelayWorker::tick(qint64 now) {
    if (now - m_keepaliveSentMs >= m_options.keepaliveIntervalMs) {
        m_keepaliveSentMs = now;
        // ssh_send_keepalive() is libssh's one global request slot: a call sends keepalive@openssh.com
        // (want-reply) when the slot is free, only collects the answer when one came back, and does
        // nothing while one is on its way. Two calls per interval send a new keepalive whenever the
        // last one was answered, and never a second one before.
        ssh_send_keepalive(m_session);
        ssh_send_keepalive(m_session);
    }
    m_book.startDueProbes(now);
    m_book.tick(now, m_phase);
}

void RelayWorker::teardownSession() {
    m_links.clear(); // channels before the session that owns them
    m_gates.clear();
    m_awaitingBanner.clear();
    for (auto& f : m_forwards)
        f->probe.close();
    if (m_control) {
        ssh_channel_free(m_control);
        m_control = nullptr;
    }
    if (m_event) {
        if (m_session)
            ssh_event_remove_session(m_event, m_session);
        ssh_event_free(m_event);
        m_event = nullptr;
    }
    if (m_session) {
        SshSessionFree()(m_session);
        m_session = nullptr;
    }
}

} // namespace labshare::tunnel
