// SPDX-License-Identifier: GPL-3.0-or-later
// The LAN relay's limits, end to end with the real `labshare up` on 127.0.0.1 and clients bound to chosen
// loopback source addresses: allow= admits only its networks; one source holding far more idle connections than
// its cap, under an open-file limit of 1024, cannot lock another source out; refusals show in the health
// events; and LabShare raises its soft open-file limit to the hard one when it starts.
#include "EchoLab.h"
#include "LabshareUp.h"
#include "Tools.h"
#include "Wait.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace labshare::testsupport;

namespace {

// A TCP socket bound to `source` (an IPv4 loopback address) and connecting to `to`; -1 on failure.
int connectFrom(const QString& source, const Endpoint& to, bool blocking) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0)
        return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, qPrintable(source), &from.sin_addr);
    sockaddr_in dest{};
    dest.sin_family = AF_INET;
    dest.sin_port = htons(to.port);
    dest.sin_addr.s_addr = htonl(to.address.toIPv4Address());
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        (::connect(fd, reinterpret_cast<sockaddr*>(&dest), sizeof dest) != 0 && errno != EINPROGRESS)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Whether the other end has closed `fd` (EOF or reset) by now.
bool closedByPeer(int fd) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

// `connections` connections one after another from `source` to `to`, each sending its own random payload,
// half-closing and reading the echo to EOF. Empty when every echo came back intact, else what went wrong.
QString roundTripsFrom(const QString& source, const Endpoint& to, int connections, int bytes) {
    for (int i = 0; i < connections; ++i) {
        const int fd = connectFrom(source, to, true);
        if (fd < 0)
            return QStringLiteral("#%1 from %2: cannot connect: %3")
                .arg(i)
                .arg(source, QString::fromLocal8Bit(strerror(errno)));
        QByteArray payload(bytes, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(payload.data()), bytes / 4);
        qsizetype sent = 0;
        while (sent < payload.size()) {
            const ssize_t n = ::send(fd, payload.constData() + sent, size_t(payload.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += n;
        }
        ::shutdown(fd, SHUT_WR);
        QByteArray echo;
        char chunk[65536];
        ssize_t n = 0;
        while ((n = ::recv(fd, chunk, sizeof chunk, 0)) > 0)
            echo.append(chunk, n);
        const int error = n < 0 ? errno : 0;
        ::close(fd);
        if (sent != payload.size() || echo != payload)
            return QStringLiteral("#%1 from %2: sent %3 of %4 bytes, %5 came back%6")
                .arg(i)
                .arg(source)
                .arg(sent)
                .arg(payload.size())
                .arg(echo == payload.left(echo.size()) ? QStringLiteral("%1 intact").arg(echo.size())
                                                       : QStringLiteral("%1, altered").arg(echo.size()))
                .arg(error ? QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(strerror(error))) : QString());
    }
    return {};
}

// The latest health event of share `name`.
QJsonObject lastHealth(const LabshareUp& up, const QString& name) {
    const QList<QJsonObject> all = up.healthEvents();
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        if (it->value(QLatin1String("name")).toString() == name)
            return *it;
    return {};
}

} // namespace

class TestLanLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        rlimit limit{}; // this test itself holds hundreds of sockets
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        limit.rlim_cur = limit.rlim_max;
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
        QVERIFY2(limit.rlim_cur >= 4096, qPrintable(QString::number(limit.rlim_cur)));
        QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
        m_name = m_lab.shareNames().first();
    }

    void startRaisesTheSoftOpenFileLimit() {
        LabshareUp up;
        up.setOpenFileLimit(1024, 4096); // what many systems start processes with, in small
        QVERIFY2(up.start(m_lab.topologyFile(), QStringLiteral("lan://127.0.0.1")), qPrintable(up.errorString()));
        QVERIFY2(up.waitForState(m_name, "up", 20000), qPrintable(up.diagnostics()));
        QCOMPARE(openFileLimitOf(up.pid()), QStringLiteral("4096 4096"));
        QVERIFY(up.interrupt());
    }

    void allowAdmitsOnlyItsNetworks() {
        LabshareUp up;
        QVERIFY2(up.start(m_lab.topologyFile(), QStringLiteral("lan://127.0.0.1?allow=127.0.0.2/32")),
                 qPrintable(up.errorString()));
        QVERIFY2(up.waitForState(m_name, "up", 20000), qPrintable(up.diagnostics()));
        const Endpoint share = up.publicEndpoints({m_name}).first();
        const qint64 echoedBefore = m_lab.bytesEchoed().first();

        const QString admitted = roundTripsFrom(QStringLiteral("127.0.0.2"), share, 3, 4096);
        QVERIFY2(admitted.isEmpty(), qPrintable(admitted + QLatin1Char('\n') + up.diagnostics()));
        QCOMPARE(m_lab.bytesEchoed().first(), echoedBefore + 3 * 4096);

        const QString outside = roundTripsFrom(QStringLiteral("127.0.0.3"), share, 1, 4096);
        QVERIFY2(outside.contains("0 intact"), qPrintable(outside));    // closed at once: nothing came back
        QCOMPARE(m_lab.bytesEchoed().first(), echoedBefore + 3 * 4096); // nothing reached the node
        QVERIFY2(waitUntil([&] { return lastHealth(up, m_name).value("refused").toInt() == 1; }, 5000),
                 qPrintable(up.diagnostics()));
        QCOMPARE(lastHealth(up, m_name).value("total").toInt(), 3);
        QVERIFY(up.interrupt());
    }

    void oneSourceCannotLockTheOthersOut() {
        LabshareUp up;
        up.setOpenFileLimit(1024, 1024); // and nothing to raise it to
        QVERIFY2(up.start(m_lab.topologyFile(), QStringLiteral("lan://127.0.0.1")), qPrintable(up.errorString()));
        QVERIFY2(up.waitForState(m_name, "up", 20000), qPrintable(up.diagnostics()));
        const Endpoint share = up.publicEndpoints({m_name}).first();

        constexpr int kIdle = 600, kPerSource = 64; // ConnectionQuota::kPerSource
        std::vector<int> idle;
        for (int i = 0; i < kIdle; ++i) {
            const int fd = connectFrom(QStringLiteral("127.0.0.2"), share, false);
            QVERIFY2(fd >= 0, strerror(errno));
            idle.push_back(fd);
        }
        const auto closedCount = [&idle] {
            return std::count_if(idle.cbegin(), idle.cend(), closedByPeer);
        };
        QVERIFY2(waitUntil([&] { return closedCount() == kIdle - kPerSource; }, 30000),
                 qPrintable(QStringLiteral("%1 of %2 closed\n").arg(closedCount()).arg(kIdle) + up.diagnostics()));

        // The second student's connections get through, their bytes intact, while the first one's stay open.
        const QString second = roundTripsFrom(QStringLiteral("127.0.0.3"), share, 20, 64 * 1024);
        QVERIFY2(second.isEmpty(), qPrintable(second + QLatin1Char('\n') + up.diagnostics()));
        QCOMPARE(closedCount(), kIdle - kPerSource);

        QVERIFY2(waitUntil(
                     [&] {
                         const QJsonObject h = lastHealth(up, m_name);
                         return h.value("refused").toInt() == kIdle - kPerSource &&
                                h.value("open").toInt() == kPerSource && h.value("total").toInt() == kPerSource + 20;
                     },
                     5000),
                 qPrintable(QString::fromUtf8(QJsonDocument(lastHealth(up, m_name)).toJson(QJsonDocument::Compact))));
        for (int fd : idle)
            ::close(fd);
        QVERIFY(up.interrupt());
    }

private:
    EchoLab m_lab{1, 61}; // n1 on 127.0.0.61
    QString m_name;
};

QTEST_GUILESS_MAIN(TestLanLimits)
#include "tst_lanlimits.moc"
