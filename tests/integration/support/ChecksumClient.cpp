// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChecksumClient.h"
#include "Wait.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace labshare::testsupport {

namespace {

enum class Phase { Connecting, Sending, Receiving, Done };

struct Probe {
    int index = 0;
    int endpoint = 0;
    int source = -1; // 127.0.0.(1 + source); -1: no bind
    QByteArray payload;
    QByteArray expected; // SHA-256 of payload
    QCryptographicHash received{QCryptographicHash::Sha256};
    qint64 sent = 0;
    qint64 receivedBytes = 0;
    int fd = -1;
    Phase phase = Phase::Connecting;
    QString failure; // empty when the echo matched
};

QString errnoText(int error) {
    return qt_error_string(error);
}

void finish(Probe& p, const QString& failure) {
    if (p.phase == Phase::Done)
        return;
    const Phase reached = p.phase;
    p.phase = Phase::Done;
    if (p.fd >= 0)
        ::close(p.fd);
    p.fd = -1;
    if (!failure.isEmpty()) {
        const QString where = reached == Phase::Connecting ? QStringLiteral("while connecting")
                              : reached == Phase::Sending  ? QStringLiteral("after sending %1 bytes").arg(p.sent)
                                                          : QStringLiteral("after sending everything and half-closing");
        p.failure = QStringLiteral("%1 %2, %3 bytes echoed").arg(failure, where).arg(p.receivedBytes);
    } else if (p.receivedBytes != p.payload.size()) {
        p.failure = QStringLiteral("echo ended (EOF) after %1 bytes").arg(p.receivedBytes);
    } else if (p.received.result() != p.expected) {
        p.failure = QStringLiteral("echo has the right length but a different SHA-256");
    }
}

bool open(Probe& p, const Endpoint& endpoint) {
    p.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (p.fd < 0) {
        finish(p, QStringLiteral("socket(): ") + errnoText(errno));
        return false;
    }
    const int on = 1;
    ::setsockopt(p.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (p.source >= 0) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl(QHostAddress(QHostAddress::LocalHost).toIPv4Address() + quint32(p.source));
        if (::bind(p.fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0) {
            finish(p, QStringLiteral("bind(): ") + errnoText(errno));
            return false;
        }
    }
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(endpoint.port);
    sa.sin_addr.s_addr = htonl(endpoint.address.toIPv4Address());
    if (::connect(p.fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0 && errno != EINPROGRESS) {
        finish(p, QStringLiteral("connect(): ") + errnoText(errno));
        return false;
    }
    return true;
}

// One step of a probe whose socket poll() reported `revents` on.
void step(Probe& p, short revents, std::vector<char>& chunk) {
    if (p.phase == Phase::Connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            finish(p, QStringLiteral("connect(): ") + errnoText(error));
            return;
        }
        if (!(revents & POLLOUT))
            return;
        p.phase = Phase::Sending;
    }
    if (p.phase == Phase::Sending && (revents & POLLOUT)) {
        const ssize_t n = ::send(p.fd, p.payload.constData() + p.sent, p.payload.size() - p.sent, MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            finish(p, QStringLiteral("send(): ") + errnoText(errno));
            return;
        }
        p.sent += std::max<ssize_t>(n, 0);
        if (p.sent == p.payload.size()) {
            // Half-close: the payload is complete; the echo keeps coming on the reading side.
            if (::shutdown(p.fd, SHUT_WR) != 0) {
                finish(p, QStringLiteral("shutdown(SHUT_WR): ") + errnoText(errno));
                return;
            }
            p.phase = Phase::Receiving;
        }
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t n = ::recv(p.fd, chunk.data(), chunk.size(), 0);
        if (n > 0) {
            p.received.addData(QByteArrayView(chunk.data(), n));
            p.receivedBytes += n;
            if (p.receivedBytes > p.payload.size())
                finish(p, QStringLiteral("echo is longer than the payload"));
        } else if (n == 0) {
            if (p.phase == Phase::Receiving)
                finish(p, {});
            else
                finish(p, QStringLiteral("EOF from the peer"));
        } else if (errno != EAGAIN && errno != EINTR) {
            finish(p, QStringLiteral("recv(): ") + errnoText(errno));
        }
    }
}

void drive(std::vector<Probe>& probes, const QList<Endpoint>& endpoints, int timeoutMs, std::atomic<bool>& stop) {
    for (Probe& p : probes)
        (void)open(p, endpoints.at(p.endpoint));
    QElapsedTimer clock;
    clock.start();
    std::vector<char> chunk(64 * 1024);
    std::vector<pollfd> fds;
    std::vector<Probe*> owners;
    while (!stop) {
        fds.clear();
        owners.clear();
        for (Probe& p : probes) {
            if (p.phase == Phase::Done)
                continue;
            short events = POLLIN;
            if (p.phase != Phase::Receiving)
                events |= POLLOUT;
            fds.push_back({p.fd, events, 0});
            owners.push_back(&p);
        }
        const qint64 left = timeoutMs - clock.elapsed();
        if (fds.empty() || left <= 0)
            break;
        // At most 100 ms at a time, so a stop request is noticed.
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::min<qint64>(left, 100)));
        if (ready < 0 && errno != EINTR)
            break;
        for (size_t i = 0; i < fds.size(); ++i)
            if (fds[i].revents != 0)
                step(*owners[i], fds[i].revents, chunk);
    }
    for (Probe& p : probes)
        if (p.phase != Phase::Done)
            finish(p, QStringLiteral("timed out after %1 ms").arg(timeoutMs));
}

} // namespace

QString ChecksumSummary::describe() const {
    QString text = QStringLiteral("%1 of %2 connections echoed intact in %3 ms (seed %4)")
                       .arg(ok)
                       .arg(requested)
                       .arg(elapsedMs)
                       .arg(seed);
    const qsizetype shown = std::min<qsizetype>(failures.size(), 15);
    for (qsizetype i = 0; i < shown; ++i)
        text += QStringLiteral("\n  ") + failures.at(i);
    if (failures.size() > shown)
        text += QStringLiteral("\n  ... and %1 more").arg(failures.size() - shown);
    return text;
}

ChecksumSummary runChecksumClients(const QList<Endpoint>& endpoints, const ChecksumRun& run) {
    ChecksumSummary summary;
    summary.requested = run.connections;
    summary.seed = run.seed != 0 ? run.seed : (QRandomGenerator::global()->generate() | 1u);
    summary.bytesSent = QList<qint64>(endpoints.size(), 0);
    const bool ipv4 = std::all_of(endpoints.cbegin(), endpoints.cend(), [](const Endpoint& e) {
        return e.address.protocol() == QAbstractSocket::IPv4Protocol && e.port != 0;
    });
    if (endpoints.isEmpty() || run.connections <= 0 || !ipv4) {
        summary.failures.append(
            QStringLiteral("nothing to connect to: every endpoint needs an IPv4 address and a port"));
        return summary;
    }
    QRandomGenerator random(summary.seed);
    std::vector<Probe> probes(static_cast<size_t>(run.connections));
    for (int i = 0; i < run.connections; ++i) {
        Probe& p = probes[static_cast<size_t>(i)];
        p.index = i;
        p.endpoint = static_cast<int>(i % endpoints.size());
        if (run.sources > 1)
            p.source = static_cast<int>((i / endpoints.size()) % run.sources);
        // Every payload differs: a mixed-up, truncated or replayed stream cannot pass.
        p.payload.resize(random.bounded(run.minBytes, run.maxBytes + 1) & ~3);
        random.fillRange(reinterpret_cast<quint32*>(p.payload.data()), p.payload.size() / 4);
        p.expected = QCryptographicHash::hash(p.payload, QCryptographicHash::Sha256);
        summary.bytesSent[p.endpoint] += p.payload.size();
    }

    // The connections run on a thread of their own; this thread keeps its event loop running meanwhile
    // (a test's child processes still get their output read).
    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> finished{false};
    std::atomic<bool> stop{false};
    std::thread worker([&] {
        drive(probes, endpoints, run.timeoutMs, stop);
        finished = true;
    });
    if (!waitUntil([&] { return finished.load(); }, run.timeoutMs + 5000))
        stop = true;
    worker.join();
    summary.elapsedMs = clock.elapsed();
    for (const Probe& p : probes) {
        if (p.failure.isEmpty())
            ++summary.ok;
        else
            summary.failures.append(QStringLiteral("#%1 %2 (%3 bytes): %4")
                                        .arg(p.index)
                                        .arg(endpoints.at(p.endpoint).toString())
                                        .arg(p.payload.size())
                                        .arg(p.failure));
    }
    return summary;
}

} // namespace labshare::testsupport
