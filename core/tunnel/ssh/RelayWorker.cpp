// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/RelayWorker.h"
#include "common/Logging.h"
#include "tunnel/net/OpenFileLimit.h"
#include "tunnel/net/TcpStats.h"

#include <QCoreApplication>
#include <QDateTime>

#include <libssh/server.h>

#include <algorithm>
#include <iterator>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {

constexpr int kLibsshRead = 4096; // what libssh 0.10 reads from the socket per poll (MAX_BUF_SIZE)
constexpr int kDrainRounds = 32;  // 128 KiB of the relay's bytes per turn of the loop, at most
constexpr std::size_t kEndedBeforeTrim = 64;
constexpr qint64 kQuietBeforeTrimMs = 1000;

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
    , m_gates(m_listener, m_options.silentGateMs)
    , m_request(m_profile.bindAddress) {
    // An OpenSSH relay listens where it is asked: a share whose port an earlier session still holds is served
    // on a stand-in meanwhile (the address other relays print for it could not be told from its own).
    m_book.setStandIns(m_profile.flavor == RelayFlavor::OpenSsh);
}

RelayWorker::~RelayWorker() {
    teardownSession();
}

bool RelayWorker::handleCommands() {
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
                existing->standInPort = 0;
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
        adoptArrivals();
        if (outcome == Outcome::Lost) { // the connections it carried end with it
            for (Link& l : m_links)
                l.connection->trace().setEndOnClose(ConnectionEnd::RelayLost);
            m_gates.setEndOnClose(ConnectionEnd::RelayLost);
        }
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
    m_relayText.clear();
    m_relayTextLogged = 0;
    m_book.setRtt(-1);
    m_keepaliveSentMs = nowMs();
    m_servingSinceMs = m_keepaliveSentMs;
    m_lastRxMs = m_keepaliveSentMs;
    m_lastRxBytes = 0;
    m_sessionError.clear();
    m_output = {};
    openControlChannel();
    m_phase = SessionPhase::Ready;
    for (auto& f : m_forwards) {
        f->phase = ForwardPhase::Pending;
        f->standInPhase = ForwardPhase::Pending; // its port asked for again too: it was handed out
        f->retryAtMs = 0;
        f->health.lastError.clear();
    }
    ssh_set_blocking(m_session, 0);
    ssh_set_message_callback(m_session, &RelayWorker::onMessage, this);
    m_event = ssh_event_new();
    ssh_event_add_session(m_event, m_session);
    qCInfo(lcTunnel) << "connected to relay" << m_profile.id() << "as" << connection.user << connection.fingerprint;

    const auto closed = [this] {
        m_sessionError = tr("the relay closed the connection: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
        return Outcome::Lost;
    };
    int timeout = 0;
    while (true) {
        if (pollOnce(timeout) < 0) {
            m_sessionError = tr("lost the relay: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
            return Outcome::Lost;
        }
        if (!handleCommands())
            return Outcome::Stopped; // whatever the relay was asked meanwhile ends with the session
        if (!ssh_is_connected(m_session))
            return closed();
        const qint64 now = nowMs();
        checkRelayHeard(now);
        const qint64 patienceMs = qint64(m_options.keepaliveIntervalMs) * m_options.keepaliveMisses;
        if (now - m_lastRxMs > patienceMs) {
            m_sessionError = tr("the relay stopped answering keepalives");
            return Outcome::Lost;
        }
        if (m_request.isBusy() && now - m_requestSentMs > patienceMs) { // it talks, but not to us
            m_sessionError = tr("the relay left a request unanswered");
            return Outcome::Lost;
        }
        if (!driveRequests() || !ssh_is_connected(m_session))
            return closed();
        adoptArrivals();
        readControlChannel();
        for (Link& l : m_links) {
            l.connection->pump();
            if (l.connection->isFinished() && l.connection->connectFailed()) // a student's, refused by the node
                m_book.nodeAnswered(*l.forward, l.connection->connectError(), m_phase);
        }
        trimHeap(now, std::erase_if(m_links, [](const Link& l) { return l.connection->isFinished(); }));
        // libssh reads the session inside those calls too: an answer they took in is taken up now, not
        // after the next poll's wait.
        if (!driveRequests())
            return closed();
        m_gates.tick(now);
        tick(now);
        // Anything libssh parsed while we pumped (data, EOF, a new channel) is handled before sleeping.
        timeout = m_activity ? 0 : 250;
        m_activity = false;
    }
}

// glibc keeps freed heap for reuse, and free() gives nothing in the middle of this thread's arena back to the system:
// after a burst the connections' buffers are given back once no connection has ended for a while. Not as the last
// one ends: libssh frees a channel only when the relay's close for it arrives, and the GUI thread frees the reports
// of the connections (allocated here) when it has taken them, both later. Trimmed as the last of 1,000 connections
// ended, 4-9 MB of this heap stayed resident after scale-bench.py's bursts; trimmed a second later, about 2 MB did.
void RelayWorker::trimHeap(qint64 now, std::size_t ended) {
    if (ended > 0) {
        m_endedSinceTrim += ended;
        m_lastEndedMs = now;
    }
    if (m_endedSinceTrim >= kEndedBeforeTrim && now - m_lastEndedMs >= kQuietBeforeTrimMs) {
        ::malloc_trim(0);
        m_endedSinceTrim = 0;
    }
}

void RelayWorker::checkOutputDrained() {
    if (!(ssh_get_status(m_session) & SSH_WRITE_PENDING))
        m_output.drained();
}

int RelayWorker::pollOnce(int timeoutMs) {
    checkOutputDrained(); // before the node sockets are asked for what they have
    std::vector<pollfd> fds;
    fds.reserve(m_links.size() + m_forwards.size() + 2);
    fds.push_back({m_commands.wakeFd(), POLLIN, 0});
    const int sessionFd = ssh_get_fd(m_session);
    // Woken for writing only while libssh holds bytes for the relay. libssh also asks for POLLOUT after every write
    // it made at once, merely to learn that its next write may go at once too; waking for that cost a turn of this
    // loop after each write (10.8 polls per short connection, 8.4 without; strace). Left unasked, libssh queues its
    // next packet and sends it from the poll of its own flush that follows every send.
    const bool writePending = ssh_get_status(m_session) & SSH_WRITE_PENDING;
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
        // libssh reads the socket 4 KiB per call: take in what has arrived (up to kDrainRounds reads) now, rather
        // than one read per turn of this loop, each a poll over every connection and a pump of each.
        int waiting = 0;
        if (!(fds[1].revents & POLLIN) || ::ioctl(sessionFd, FIONREAD, &waiting) != 0)
            waiting = 0;
        const int rounds = std::clamp((waiting + kLibsshRead - 1) / kLibsshRead, 1, kDrainRounds);
        int rc = SSH_OK;
        for (int round = 0; round < rounds && rc == SSH_OK; ++round)
            rc = ssh_event_dopoll(m_event, 0);
        if (rc == SSH_ERROR && !ssh_is_connected(m_session))
            return -1;
        checkOutputDrained(); // the nodes that had something are read below
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
    // `true` ignores its arguments; the relay kit's session program reads the id from them (installer/relay).
    const QString openSsh = m_options.installationId.isEmpty()
                                ? QStringLiteral("true")
                                : QStringLiteral("true labshare-installation=") + m_options.installationId;
    const QString command = m_profile.flavor == RelayFlavor::OpenSsh ? openSsh : m_banner->execCommand();
    const int rc = command.isEmpty() ? ssh_channel_request_shell(m_control)
                                     : ssh_channel_request_exec(m_control, command.toUtf8().constData());
    if (rc != SSH_OK)
        qCInfo(lcTunnel) << "relay refused the session command:" << ssh_get_error(m_session);
}

// The relay kit's session program says what it did with a stale session of ours, or why it could not: worth a
// log line each, as printable text, and only the first few KiB of whatever a relay prints.
void RelayWorker::logRelayText(const QByteArray& bytes) {
    constexpr qsizetype kMaxLogged = 4096;
    const auto log = [](const QByteArray& line) {
        QString text = QString::fromUtf8(line).simplified();
        text.removeIf(
            [](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
        if (!text.isEmpty())
            qCInfo(lcTunnel).noquote() << "relay says:" << text.left(300);
    };
    const QByteArray taken = bytes.left(kMaxLogged - m_relayTextLogged);
    m_relayTextLogged += taken.size();
    m_relayText += taken;
    for (qsizetype end = m_relayText.indexOf('\n'); end >= 0; end = m_relayText.indexOf('\n')) {
        log(m_relayText.left(end));
        m_relayText.remove(0, end + 1);
    }
    if (m_relayTextLogged >= kMaxLogged && !m_relayText.isEmpty())
        log(std::exchange(m_relayText, {}));
}

bool RelayWorker::driveRequests() {
    if (m_request.isBusy() && !answered(m_request.resume(m_session)))
        return false;
    const qint64 now = nowMs();
    while (!m_request.isBusy()) {
        const std::optional<GlobalRequest::Request> next = nextRequest(now);
        if (!next)
            break;
        m_requestSentMs = now;
        if (!answered(m_request.start(m_session, *next)))
            return false;
    }
    return true;
}

std::optional<GlobalRequest::Request> RelayWorker::nextRequest(qint64 now) {
    using Kind = GlobalRequest::Kind;
    if (!m_cancels.empty()) { // first, so that a port given up is free before anything asks for it again
        const quint16 port = m_cancels.front();
        m_cancels.pop_front();
        return GlobalRequest::Request{Kind::Cancel, nullptr, port};
    }
    // With the relay kit, the session's command ends a stale session of ours, and the ports it held free with it:
    // listens wait until it has finished, three seconds at most.
    const bool commandRuns = m_profile.flavor == RelayFlavor::OpenSsh && m_control != nullptr;
    for (auto& f : m_forwards) {
        if (commandRuns && now - m_servingSinceMs < 3000)
            break;
        if (f->phase == ForwardPhase::Pending || (f->phase == ForwardPhase::Refused && f->retryAtMs <= now))
            return GlobalRequest::Request{Kind::Listen, f.get(), f->ownPort()};
        if (m_book.wantsStandIn(*f))
            return GlobalRequest::Request{Kind::Listen, f.get(), f->standInPort, true};
    }
    // Only an idle slot needs one (the relay is heard answering the others), and only a quiet relay, as with
    // OpenSSH's ServerAliveInterval: a relay that sends anything is alive, and a keepalive queued behind a burst of
    // a thousand connections could wait longer than the patience for its answer, ending a busy session.
    if (now - m_keepaliveSentMs >= m_options.keepaliveIntervalMs && now - m_lastRxMs >= m_options.keepaliveIntervalMs) {
        m_keepaliveSentMs = now;
        return GlobalRequest::Request{Kind::Keepalive, nullptr, 0};
    }
    return std::nullopt;
}

bool RelayWorker::answered(GlobalRequest::Answer answer) {
    using Answer = GlobalRequest::Answer;
    if (answer == Answer::Waiting)
        return true;
    if (answer == Answer::SessionLost)
        return false;
    m_activity = true;
    const GlobalRequest::Request& r = m_request.request();
    const bool accepted = answer == Answer::Accepted;
    switch (r.kind) {
    case GlobalRequest::Kind::Listen:
        if (r.share && r.standIn)
            standInAnswered(*r.share, accepted);
        else if (r.share)
            listenAnswered(*r.share, accepted);
        else if (accepted && r.port != 0) // its share stopped while the relay was deciding
            release(r.port);
        break;
    case GlobalRequest::Kind::Cancel:
        if (!accepted)
            qCInfo(lcTunnel) << "relay did not cancel port" << r.port << ssh_get_error(m_session);
        break;
    case GlobalRequest::Kind::Keepalive:
        break; // what counts is that the relay spoke (checkRelayHeard)
    }
    return true;
}

void RelayWorker::listenAnswered(Forward& f, bool accepted) {
    const quint16 port = m_request.request().port;
    if (accepted) {
        m_book.bound(f, port);
        m_released.remove(port);
        f.health.publicHost = studentHost();
        f.health.publicPort = f.boundPort;
        f.health.url.clear();
        if (m_profile.flavor != RelayFlavor::OpenSsh) {
            f.health.publicHost.clear(); // the relay says where, on the session channel
            m_awaitingBanner.push_back(&f);
        }
        f.nextProbeMs = 0;
        qCInfo(lcTunnel) << "relay listens for" << f.spec.name << "on port" << f.boundPort
                         << (f.standInPhase == ForwardPhase::Bound ? "again, besides its stand-in" : "");
        update(f);
        return;
    }
    if (f.standInPhase != ForwardPhase::Bound) // else served meanwhile: its address says the port is reclaimed
        f.health.lastError =
            port ? tr("the relay refused to listen on port %1 (an earlier session may still hold it); retrying")
                       .arg(port)
                 : tr("the relay refused the forward: %1").arg(QString::fromUtf8(ssh_get_error(m_session)));
    m_book.refused(f);
    update(f);
}

void RelayWorker::standInAnswered(Forward& f, bool accepted) {
    const quint16 port = m_request.request().port;
    if (!accepted) {
        m_book.standInRefused(f);
        return;
    }
    m_book.standInBound(f, port);
    m_released.remove(port);
    f.health.publicHost = studentHost();
    f.health.lastError.clear();
    f.nextProbeMs = 0;
    qCInfo(lcTunnel) << "relay listens for" << f.spec.name << "on stand-in port" << port << "while port" << f.ownPort()
                     << "is held";
    update(f);
}

void RelayWorker::cancelForward(Forward& f) {
    std::erase_if(m_links, [&f](const Link& l) { return l.forward == &f; });
    std::erase_if(m_arrivals, [&f](const Link& l) { return l.forward == &f; });
    m_gates.forget(f);
    std::erase(m_awaitingBanner, &f);
    const GlobalRequest::Request& onItsWay = m_request.request();
    if (m_request.isBusy() && onItsWay.share == &f && onItsWay.port != 0)
        m_released.insert(onItsWay.port);
    m_request.forget(f); // a listen for it on its way: a yes to it is followed by a cancel (answered())
    if (m_session && f.phase == ForwardPhase::Bound)
        release(f.boundPort);
    if (m_session && f.standInPhase == ForwardPhase::Bound)
        release(f.standInPort);
    f.phase = ForwardPhase::Pending;
    f.standInPhase = ForwardPhase::Pending;
}

void RelayWorker::release(quint16 port) {
    m_cancels.push_back(port); // sent when the request slot is free (driveRequests())
    m_released.insert(port);
}

// libssh hands over what the relay asks of us here, as it takes each request in (inside any ssh_* call): a forwarded
// connection is accepted or refused at once, so nothing polls for channels (ssh_channel_open_forward_port() polled
// the session and logged "No channel request of this type" each time it found none: about three times per connection,
// a sixth of the worker's CPU under a stream of short connections). Its channel gets its callbacks before libssh
// parses anything more for it. Anything else gets libssh's default answer (a failure), as OpenSSH's client gives.
int RelayWorker::onMessage(ssh_session, ssh_message message, void* self) {
    if (ssh_message_type(message) != SSH_REQUEST_CHANNEL_OPEN ||
        ssh_message_subtype(message) != SSH_CHANNEL_FORWARDED_TCPIP)
        return 1;
    static_cast<RelayWorker*>(self)->accept(message);
    return 0;
}

void RelayWorker::accept(ssh_message message) {
    m_activity = true;
    const int port = ssh_message_channel_request_open_destination_port(message);
    // What the relay says (OpenSSH: the student's address and port as its listener saw them); not checked.
    const char* originator = ssh_message_channel_request_open_originator(message);
    const QString from = QString::fromUtf8(originator ? originator : "");
    const int originatorPort = ssh_message_channel_request_open_originator_port(message);
    const quint16 fromPort = originatorPort > 0 && originatorPort <= 65535 ? quint16(originatorPort) : 0;
    Forward* forward = nullptr;
    for (auto& f : m_forwards)
        if ((f->phase == ForwardPhase::Bound && f->boundPort == port) ||
            (f->standInPhase == ForwardPhase::Bound && f->standInPort == port))
            forward = f.get();
    if (!forward && m_forwards.size() == 1 && m_forwards.front()->phase == ForwardPhase::Bound &&
        !m_released.contains(static_cast<quint16>(port)))
        forward = m_forwards.front().get(); // relays that report another port than they bound
    if (!forward) {
        qCInfo(lcTunnel) << "relay forwarded a connection for unknown port" << port;
        ssh_message_reply_default(message);
        return;
    }
    ConnectionQuota::Slot slot = m_quota.take(forward, from);
    if (!slot.isHeld()) { // a cap is reached: refused at once
        ++forward->counters.refused;
        m_book.reportEnded(*forward, from, fromPort, ConnectionEnd::Refused);
        ssh_message_reply_default(message);
        return;
    }
    if (forward->spec.allowed.isEmpty())
        join(message, *forward, ShareBook::recordFor(*forward, from, fromPort), std::move(slot));
    else
        joinThroughGate(message, *forward, ShareBook::recordFor(*forward, from, fromPort), std::move(slot));
}

void RelayWorker::join(ssh_message message, Forward& forward, ConnectionRecord record, ConnectionQuota::Slot slot) {
    Result<Socket> target = Socket::connectTo(forward.spec.targetHost, forward.spec.targetPort);
    if (!target) {
        forward.health.target = Reachability::Unreachable;
        forward.health.lastError = target.error().message;
        m_book.reportEnded(forward, record.peerAddress, record.peerPort, ConnectionEnd::Unreachable);
        ssh_message_reply_default(message);
        update(forward);
        return;
    }
    ssh_channel channel = ssh_message_channel_request_open_reply_accept(message);
    if (!channel)
        return; // the session is failing; the loop finds out
    m_arrivals.push_back(
        {std::make_unique<ForwardedConnection>(channel, std::move(target).value(), forward.counters, m_activity,
                                               m_output, std::move(record), m_book.reporter()),
         &forward, std::move(slot)});
}

void RelayWorker::joinThroughGate(ssh_message message, Forward& forward, const ConnectionRecord& record,
                                  ConnectionQuota::Slot slot) {
    // The node is dialled only once the gate admits (GatedSplice); until then the channel talks to the gate.
    Result<std::pair<Socket, Socket>> pair = Socket::pair();
    if (!pair || !m_gates.isReady()) {
        if (!pair)
            qCWarning(lcTunnel) << "no socket pair for a gated connection:" << pair.error().message;
        m_book.reportEnded(forward, record.peerAddress, record.peerPort, ConnectionEnd::Refused);
        ssh_message_reply_default(message);
        return;
    }
    ssh_channel channel = ssh_message_channel_request_open_reply_accept(message);
    if (!channel)
        return;
    m_arrivals.push_back(
        {std::make_unique<ForwardedConnection>(channel, std::move(pair->first), m_gateLegs, m_activity, m_output),
         &forward,
         {}});
    m_gates.accept(std::move(pair->second), forward, record.peerAddress, nowMs(), std::move(slot), record.peerPort);
}

void RelayWorker::adoptArrivals() {
    std::move(m_arrivals.begin(), m_arrivals.end(), std::back_inserter(m_links));
    m_arrivals.clear();
}

void RelayWorker::readControlChannel() {
    if (!m_control)
        return;
    for (int isStderr : {0, 1}) {
        char buffer[4096];
        int n = 0;
        while ((n = ssh_channel_read_nonblocking(m_control, buffer, sizeof(buffer), isStderr)) > 0) {
            if (m_profile.flavor == RelayFlavor::OpenSsh) { // the relay kit's session program, if any
                logRelayText(QByteArray(buffer, n));
                continue;
            }
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
    if (ssh_channel_is_closed(m_control) || ssh_channel_is_eof(m_control)) {
        ssh_channel_close(m_control);
        ssh_channel_free(m_control);
        m_control = nullptr;
        m_activity = true; // listens may go now (nextRequest)
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
    m_book.startDueProbes(now);
    m_book.tick(now, m_phase);
}

void RelayWorker::teardownSession() {
    m_links.clear(); // channels before the session that owns them
    m_arrivals.clear();
    m_gates.clear();
    m_awaitingBanner.clear();
    m_request.clear();
    m_cancels.clear();
    m_released.clear();
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
