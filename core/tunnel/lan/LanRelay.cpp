// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/lan/LanRelay.h"
#include "common/Logging.h"
#include "gate/ThreadCrypto.h"
#include "tunnel/lan/LanAddress.h"
#include "tunnel/net/OpenFileLimit.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace labshare::tunnel {

namespace {

// A non-blocking listening socket on address:port (port 0: the kernel picks one).
Result<Socket> listenOn(const QString& address, quint16 port) {
    const QHostAddress host(address);
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::memcpy(&a->sin6_addr, &bytes, sizeof(bytes));
        length = sizeof(sockaddr_in6);
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(host.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    Socket s(::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const int one = 1;
    ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (!s.isValid() || ::bind(s.fd(), reinterpret_cast<sockaddr*>(&storage), length) != 0 ||
        ::listen(s.fd(), 512) != 0)
        return makeError(ErrorCode::Network,
                         LanRelay::tr("cannot listen on %1 port %2: %3").arg(address).arg(port).arg(errnoText(errno)));
    return s;
}

quint16 localPort(int fd) {
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length);
    return storage.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port)
                                         : ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
}

} // namespace

LanRelay::LanRelay(RelayProfile profile, Options options, RelayListener listener)
    : m_profile(std::move(profile))
    , m_address(m_profile.host.isEmpty() ? LanAddress::defaultAddress() : m_profile.host)
    , m_listener(std::move(listener))
    , m_book(m_listener, m_profile.id(), options.healthIntervalMs, options.probeIntervalMs)
    , m_quota(ConnectionQuota::capsFor(OpenFileLimit::soft(), 2)) // the client's socket and the node's
    , m_gates(m_listener, options.silentGateMs) {
    const ConnectionQuota::Caps& caps = m_quota.caps();
    qCInfo(lcTunnel) << "LAN relay holds at most" << caps.perShare << "connections per share," << caps.perSource
                     << "per source address," << caps.total << "in all (open-file limit" << OpenFileLimit::soft()
                     << ")";
}

LanRelay::~LanRelay() {
    shutdown();
}

void LanRelay::start() {
    m_thread.start(
        [this] {
            run();
            gate::releaseThreadCrypto(); // the gate's TLS; before the thread reports it has finished
        },
        [this] { delete this; });
}

void LanRelay::addForward(const ForwardSpec& spec) {
    m_commands.post(RelayCommand::add(spec));
}

void LanRelay::removeForward(const QString& name) {
    m_commands.post(RelayCommand::withText(RelayCommand::Kind::Remove, name));
}

void LanRelay::requestStop() {
    m_commands.post(RelayCommand::of(RelayCommand::Kind::Stop));
}

void LanRelay::setGate(std::shared_ptr<const gate::GateSetup> setup) {
    m_commands.post(RelayCommand::setGate(std::move(setup)));
}

void LanRelay::answerGate(const gate::SignInAnswer& answer) {
    m_commands.post(RelayCommand::answer(answer));
}

void LanRelay::shutdown() {
    if (!m_thread.isStarted())
        return;
    requestStop();
    m_thread.wait();
}

bool LanRelay::release() {
    return m_thread.release();
}

bool LanRelay::handleCommands() {
    for (RelayCommand& c : m_commands.take()) {
        if (c.kind == RelayCommand::Kind::Stop)
            return false;
        if (c.kind == RelayCommand::Kind::GateAnswer) {
            m_gates.answer(c.gate);
            continue;
        }
        if (c.kind == RelayCommand::Kind::SetGate) {
            m_gates.setSetup(std::move(c.gateSetup));
            continue;
        }
        TrackedShare* share = m_book.find(c.kind == RelayCommand::Kind::Add ? c.spec.name : c.text);
        if (share && (c.kind == RelayCommand::Kind::Remove || !(share->spec == c.spec))) {
            std::erase_if(m_splices, [share](const Splice& s) { return s.share == share; });
            m_gates.forget(*share);
            m_listeners.erase(share);
            m_book.remove(*share);
            share = nullptr;
        }
        if (c.kind == RelayCommand::Kind::Add && !share)
            m_book.update(m_book.add(c.spec), SessionPhase::Ready);
    }
    return true;
}

void LanRelay::listen(TrackedShare& share, qint64 now) {
    if (share.phase == ForwardPhase::Bound || share.retryAtMs > now)
        return;
    Result<Socket> listener = listenOn(m_address, share.ownPort());
    if (!listener) {
        share.health.lastError = listener.error().message;
        m_book.refused(share);
    } else {
        m_book.bound(share, localPort(listener->fd()));
        share.health.publicHost = m_address;
        share.health.publicPort = share.boundPort;
        m_listeners[&share] = std::move(listener).value();
        qCInfo(lcTunnel) << "LAN relay listens for" << share.spec.name << "on" << m_address << share.boundPort;
    }
    m_book.update(share, SessionPhase::Ready);
}

void LanRelay::accept(TrackedShare& share, qint64 now) {
    const int listenerFd = m_listeners[&share].fd();
    while (true) {
        Socket client(::accept4(listenerFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!client.isValid())
            return;
        const QString from = client.peerAddress();
        const quint16 fromPort = client.peerPort();
        if (!m_profile.admitsSource(from)) {
            ++share.counters.refused; // closing the client: not from a network allow= names
            m_book.reportEnded(share, from, fromPort, ConnectionEnd::Refused);
            continue;
        }
        ConnectionQuota::Slot slot = m_quota.take(&share, from);
        if (!slot.isHeld()) {
            ++share.counters.refused; // closing the client: a cap is reached
            m_book.reportEnded(share, from, fromPort, ConnectionEnd::Refused);
            continue;
        }
        client.setNoDelay();
        if (!share.spec.allowed.isEmpty()) { // the node is dialled once the gate admits
            m_gates.accept(std::move(client), share, from, now, std::move(slot), fromPort);
            continue;
        }
        Result<Socket> node = Socket::connectTo(share.spec.targetHost, share.spec.targetPort);
        if (!node) {
            share.health.target = Reachability::Unreachable;
            share.health.lastError = node.error().message;
            m_book.update(share, SessionPhase::Ready);
            m_book.reportEnded(share, from, fromPort, ConnectionEnd::Unreachable);
            continue; // closing the client tells it at once
        }
        m_splices.push_back(
            {std::make_unique<SocketSplice>(std::move(client), std::move(node).value(), share.counters,
                                            ShareBook::recordFor(share, from, fromPort), m_book.reporter()),
             &share, std::move(slot)});
    }
}

void LanRelay::run() {
    while (handleCommands()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (auto& share : m_book.shares())
            listen(*share, now);
        m_book.startDueProbes(now);
        m_book.tick(now, SessionPhase::Ready);

        std::vector<pollfd> fds{{m_commands.wakeFd(), POLLIN, 0}};
        std::vector<TrackedShare*> listening;
        for (auto& [share, socket] : m_listeners) {
            fds.push_back({socket.fd(), POLLIN, 0});
            listening.push_back(share);
        }
        const std::size_t splicesAt = fds.size();
        for (const Splice& s : m_splices) {
            fds.push_back({s.splice->clientFd(), s.splice->clientEvents(), 0});
            fds.push_back({s.splice->nodeFd(), s.splice->nodeEvents(), 0});
        }
        const std::size_t gatesAt = fds.size();
        const std::size_t gated = m_gates.appendFds(fds);
        const std::size_t probesAt = fds.size();
        m_book.appendProbeFds(fds);
        if (::poll(fds.data(), fds.size(), 250) < 0)
            continue;
        if (fds[0].revents & POLLIN)
            m_commands.drainWake();
        for (std::size_t i = 0; i < listening.size(); ++i)
            if (fds[1 + i].revents & POLLIN)
                accept(*listening[i], now);
        for (std::size_t i = 0; i < m_splices.size() && splicesAt + 2 * i + 1 < gatesAt; ++i) {
            SocketSplice& s = *m_splices[i].splice;
            if (const short nodeEvents = fds[splicesAt + 2 * i + 1].revents) {
                s.onNodeEvents(nodeEvents);
                if (s.connectFailed())
                    m_book.nodeAnswered(*m_splices[i].share, s.connectError(), SessionPhase::Ready);
            }
            if (const short clientEvents = fds[splicesAt + 2 * i].revents)
                s.onClientEvents(clientEvents);
        }
        m_gates.onEvents(fds.data() + gatesAt, gated, m_book, SessionPhase::Ready);
        m_gates.tick(QDateTime::currentMSecsSinceEpoch());
        m_book.onProbeEvents(fds.data() + probesAt, SessionPhase::Ready);
        std::erase_if(m_splices, [](const Splice& s) { return s.splice->isFinished(); });
    }
    m_splices.clear();
    m_gates.clear();
    m_listeners.clear();
    for (auto& share : m_book.shares())
        m_book.update(*share, SessionPhase::Stopped);
    if (m_listener.stopped)
        m_listener.stopped();
}

} // namespace labshare::tunnel
