// SPDX-License-Identifier: GPL-3.0-or-later
// The receive window LabShare grants the relay on a forwarded channel, as a real OpenSSH relay sees it (sshd at
// LogLevel DEBUG2 logs the window each channel opens with and every window adjust it receives): a student
// uploads to a node that does not read, and what the relay may have outstanding in LabShare (the window granted,
// less what LabShare wrote to the node) is never more than ChannelWindow's bound, and comes to within one top-up
// step of it (2.5 MiB, more than OpenSSH's 2 MiB; libssh 0.10 left alone keeps the window at 640,000-1,280,000
// bytes); then the node reads and 16 MiB go through intact, the window topped up a step at a time, never past the
// bound. Nothing here is timed: the bound is checked at every sample, and the waits only wait for what must come.
#include "FreePort.h"
#include "LabDir.h"
#include "LabshareUp.h"
#include "SshRelay.h"
#include "Wait.h"

#include "tunnel/ssh/ChannelWindow.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <vector>

using namespace labshare::testsupport;
using labshare::tunnel::ChannelWindow;

namespace {

constexpr int kUpTimeoutMs = 30000;
constexpr qint64 kTotal = 16 * 1024 * 1024;
const char* const kNodeAddress = "127.0.0.21";

char patternAt(qint64 offset) {
    return static_cast<char>((offset * 7 + offset / 4093) & 0xff);
}

int nonBlockingSocket() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int small = 16 * 1024; // what the kernel holds in front of and behind LabShare stays small
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    return fd;
}

sockaddr_in addressOf(const char* ip, quint16 port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ::inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

// The node: accepts, and reads only once told to. Accepted sockets inherit its small receive buffer. A node that
// `saysNothing` shuts its sending side on accept, as a server that has nothing to say does.
class SinkNode {
public:
    explicit SinkNode(bool saysNothing = false)
        : m_saysNothing(saysNothing) {}
    ~SinkNode() {
        for (const Connection& c : m_connections)
            ::close(c.fd);
        if (m_listener >= 0)
            ::close(m_listener);
    }
    bool listen() {
        m_listener = nonBlockingSocket();
        const int one = 1;
        ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a = addressOf(kNodeAddress, 0);
        socklen_t len = sizeof a;
        if (::bind(m_listener, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_listener, 8) != 0 ||
            ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            return false;
        m_port = ntohs(a.sin_port);
        return true;
    }
    quint16 port() const { return m_port; }
    void acceptAll() {
        int fd;
        while ((fd = ::accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
            if (m_saysNothing)
                ::shutdown(fd, SHUT_WR);
            m_connections.push_back({fd, 0});
        }
    }
    // Reads what has arrived; checks it against the pattern. False once a byte is wrong. LabShare's own probes
    // of the node's port connect too, and close without a byte: only the student's connection counts.
    bool read() {
        acceptAll();
        char buffer[64 * 1024];
        for (auto it = m_connections.begin(); it != m_connections.end();) {
            ssize_t n;
            while ((n = ::recv(it->fd, buffer, sizeof buffer, 0)) > 0) {
                for (ssize_t i = 0; i < n; ++i)
                    if (buffer[i] != patternAt(m_received + i))
                        return false;
                m_received += n;
                it->bytes += n;
            }
            if (n == 0 && it->bytes == 0) { // a probe
                ::close(it->fd);
                it = m_connections.erase(it);
                continue;
            }
            m_eof = m_eof || n == 0;
            ++it;
        }
        return true;
    }
    qint64 received() const { return m_received; }
    bool sawEof() const { return m_eof; }

private:
    bool m_saysNothing = false;
    int m_listener = -1;
    quint16 m_port = 0;
    struct Connection {
        int fd;
        qint64 bytes; // received on it
    };
    std::vector<Connection> m_connections;
    qint64 m_received = 0;
    bool m_eof = false;
};

// The student: writes the pattern to the share's public port as fast as it is taken.
class Uploader {
public:
    ~Uploader() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool connect(quint16 port) {
        m_fd = nonBlockingSocket();
        const sockaddr_in a = addressOf("127.0.0.1", port);
        return ::connect(m_fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0 || errno == EINPROGRESS;
    }
    // Writes until the socket takes no more or `limit` is sent; returns whether anything was written.
    bool push(qint64 limit) {
        const qint64 before = m_sent;
        char buffer[64 * 1024];
        while (m_sent < limit) {
            const qint64 n = std::min<qint64>(sizeof buffer, limit - m_sent);
            for (qint64 i = 0; i < n; ++i)
                buffer[i] = patternAt(m_sent + i);
            const ssize_t w = ::send(m_fd, buffer, static_cast<size_t>(n), MSG_NOSIGNAL);
            if (w <= 0)
                break;
            m_sent += w;
        }
        if (m_sent == limit && !m_shut)
            m_shut = ::shutdown(m_fd, SHUT_WR) == 0;
        return m_sent > before;
    }
    qint64 sent() const { return m_sent; }

private:
    int m_fd = -1;
    qint64 m_sent = 0;
    bool m_shut = false;
};

// What the relay was allowed to send on the forwarded channel, from sshd's DEBUG2 log: the window it opened
// with plus every adjust, for the channel that got the most (channel numbers are reused; the student's is
// the only one with traffic).
struct Grants {
    qint64 total = 0;
    int adjusts = 0;
    qint64 largestAdjust = 0;
};

Grants grantsIn(const QString& log) {
    static const QRegularExpression line(QStringLiteral("channel (\\d+): (open confirm rwindow|rcvd adjust) (\\d+)"));
    QHash<int, Grants> current;
    Grants best;
    for (auto it = line.globalMatch(log); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const int channel = m.captured(1).toInt();
        const qint64 amount = m.captured(3).toLongLong();
        Grants& g = current[channel];
        if (m.captured(2).startsWith(QLatin1String("open")))
            g = Grants{amount, 0, 0};
        else {
            g.total += amount;
            ++g.adjusts;
            g.largestAdjust = std::max(g.largestAdjust, amount);
        }
        if (g.total > best.total)
            best = g;
    }
    return best;
}

} // namespace

class TestForwardWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aNodeThatDoesNotReadHoldsTheBoundThenEverythingFlows();
    void whatTheStudentSentReachesTheNodeAfterTheRelayClosed();

private:
    // The window granted so far, and LabShare's count of bytes written to the node taken after it: the
    // difference is what the relay may have outstanding in LabShare (sent ahead or held), never more.
    bool sample(qint64* granted, qint64* toNode, const std::function<void()>& meanwhile);

    SshRelay m_relay;
    SinkNode m_node;
    SinkNode m_quietNode{true};
    LabDir m_lab;
    LabshareUp m_up;
    QString m_name;
    QString m_quietName;
};

void TestForwardWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_relay.setLogLevel(QStringLiteral("DEBUG2"));
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY(m_node.listen() && m_quietNode.listen());
    QVERIFY2(m_lab.write({{QStringLiteral("n1"), QString::fromLatin1(kNodeAddress),
                           QStringLiteral("tcp/%1").arg(m_node.port())},
                          {QStringLiteral("n2"), QString::fromLatin1(kNodeAddress),
                           QStringLiteral("tcp/%1").arg(m_quietNode.port())}}),
             qPrintable(m_lab.errorString()));
    m_name = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("tcp"), m_node.port());
    m_quietName = LabDir::shareName(QStringLiteral("n2"), QStringLiteral("tcp"), m_quietNode.port());
    QVERIFY2(m_up.start(m_lab.topologyFile(), m_relay.relayUrl(m_relay.knownHostsFile())),
             qPrintable(m_up.errorString()));
    QVERIFY2(m_up.waitForStates({m_name, m_quietName}, QStringLiteral("up"), kUpTimeoutMs),
             qPrintable(m_up.diagnostics()));
}

bool TestForwardWindow::sample(qint64* granted, qint64* toNode, const std::function<void()>& meanwhile) {
    *granted = grantsIn(m_relay.log()).total;
    const qsizetype seen = m_up.healthEvents().size();
    if (!waitUntil(
            [&] {
                meanwhile();
                return m_up.healthEvents().size() > seen;
            },
            5000))
        return false;
    *toNode = m_up.lastHealth(m_name).value(QStringLiteral("bytes_to_node")).toInteger();
    return true;
}

void TestForwardWindow::aNodeThatDoesNotReadHoldsTheBoundThenEverythingFlows() {
    Uploader student;
    QVERIFY(student.connect(m_up.publicPort(m_name)));

    // The node reads nothing. Whatever the moment of a sample, the relay never has more than the bound outstanding
    // (a sample reads the grants first, then a later count of bytes to the node: it can only come out lower). Once
    // the student has pushed more than the bound past the node (the relay and the sockets on the way hold the
    // rest), the window has been topped up to the bound less what reached the node's socket since the last step.
    qint64 granted = 0, toNode = 0, outstanding = 0, worst = 0;
    QString history;
    const auto pushing = [&] {
        student.push(kTotal);
        m_node.acceptAll();
    };
    const auto sampleStuck = [&] {
        if (!sample(&granted, &toNode, pushing))
            return false;
        outstanding = granted - toNode;
        worst = std::max(worst, outstanding);
        history += QStringLiteral(" [granted %1, to node %2, sent %3]").arg(granted).arg(toNode).arg(student.sent());
        return student.sent() - toNode >= ChannelWindow::kBound &&
               outstanding >= ChannelWindow::kBound - ChannelWindow::kStep;
    };
    // One sample at a time (each waits for a health event), never inside another wait's event loop.
    const QDeadlineTimer patience(90000);
    bool full = false;
    while (!full && !patience.hasExpired())
        full = sampleStuck();
    QVERIFY2(worst <= ChannelWindow::kBound, qPrintable(history));
    QVERIFY2(full, qPrintable(history));
    for (int i = 0; i < 3; ++i) // the student keeps pushing: nothing more is let in
        sampleStuck();
    QVERIFY2(worst <= ChannelWindow::kBound, qPrintable(history));
    qInfo() << "outstanding in LabShare with a node that does not read:" << outstanding << "bytes; samples:" << history;

    // The node reads: everything arrives, intact, while the relay never has more than the bound outstanding
    // (the window granted as read from the log, less what a health event printed after that reading counts).
    qsizetype healthAtReading = m_up.healthEvents().size();
    qint64 grantedAtReading = grantsIn(m_relay.log()).total;
    bool intact = true;
    const bool through = waitUntil(
        [&] {
            student.push(kTotal);
            intact = intact && m_node.read();
            if (m_up.healthEvents().size() > healthAtReading) {
                toNode = m_up.lastHealth(m_name).value(QStringLiteral("bytes_to_node")).toInteger();
                worst = std::max(worst, grantedAtReading - toNode);
                healthAtReading = m_up.healthEvents().size();
                grantedAtReading = grantsIn(m_relay.log()).total;
            }
            return !intact || m_node.sawEof();
        },
        120000);
    QVERIFY2(intact, "the node got a byte that the student did not send");
    const QString got = QStringLiteral("the node got %1 of %2 bytes (the student sent %3); %4")
                            .arg(m_node.received())
                            .arg(kTotal)
                            .arg(student.sent())
                            .arg(m_up.diagnostics());
    QVERIFY2(through && m_node.sawEof() && m_node.received() == kTotal, qPrintable(got));
    QVERIFY2(worst <= ChannelWindow::kBound, qPrintable(QString::number(worst)));
    const Grants g = grantsIn(m_relay.log());
    QVERIFY(g.total >= kTotal);
    QVERIFY(g.largestAdjust <= ChannelWindow::kBound);
    // A step at a time (and libssh's own first top-up), not one adjust per 32 KiB packet.
    QVERIFY2(g.adjusts <= kTotal / ChannelWindow::kStep + 4, qPrintable(QString::number(g.adjusts)));
}

void TestForwardWindow::whatTheStudentSentReachesTheNodeAfterTheRelayClosed() {
    // The node has nothing to say (its EOF goes to the relay at once) and does not read yet; the student uploads
    // and half-closes. The relay then has both EOFs and closes the channel while LabShare still holds part of the
    // upload for the node: all of it must still reach the node, and then its EOF. The upload is 1 MiB more than
    // the kernel buffers of LabShare's socket to the node can take (tcp_wmem's largest), so that part is in
    // LabShare itself when the relay closes, and less than that plus the window, so it all gets there unread.
    QFile limits(QStringLiteral("/proc/sys/net/ipv4/tcp_wmem"));
    const QList<QByteArray> wmem =
        limits.open(QIODevice::ReadOnly) ? limits.readAll().simplified().split(' ') : QList<QByteArray>();
    const qint64 upload = (wmem.size() == 3 ? wmem.at(2).toLongLong() : 4 * 1024 * 1024) + 1024 * 1024;
    const auto closes = [this] {
        return m_relay.log().count(QLatin1String("send close"));
    };
    const qsizetype closedBefore = closes();
    Uploader student;
    QVERIFY(student.connect(m_up.publicPort(m_quietName)));
    QVERIFY2(waitUntil(
                 [&] {
                     student.push(upload);
                     m_quietNode.acceptAll();
                     return student.sent() == upload;
                 },
                 30000),
             qPrintable(QStringLiteral("the student sent %1 bytes").arg(student.sent())));
    // The relay's channel close: sshd logs it once both sides are done with the channel.
    QVERIFY2(waitUntil([&] { return closes() > closedBefore; }, 30000), qPrintable(m_relay.log().right(3000)));
    bool intact = true;
    QVERIFY2(waitUntil(
                 [&] {
                     intact = intact && m_quietNode.read();
                     return !intact || m_quietNode.sawEof();
                 },
                 30000),
             qPrintable(m_up.diagnostics()));
    QVERIFY2(intact, "the node got a byte that the student did not send");
    QCOMPARE(m_quietNode.received(), upload);
}

QTEST_GUILESS_MAIN(TestForwardWindow)
#include "tst_forwardwindow.moc"
