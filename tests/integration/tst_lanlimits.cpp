// SPDX-License-Identifier: GPL-3.0-or-later
// The LAN relay's limits, end to end with the real `labshare up` on 127.0.0.1 and clients bound to chosen
// loopback source addresses: allow= admits only its networks; one source holding far more idle connections than
// its cap, under an open-file limit of 1024, cannot lock another source out; refusals show in the health
// events; and LabShare raises its soft open-file limit to the hard one when it starts.
#include "EchoLab.h"
#include "LabshareUp.h"
#include "SourceBoundClient.h"
#include "Tools.h"
#include "Wait.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

using namespace labshare::testsupport;

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
        QVERIFY2(waitUntil([&] { return up.lastHealth(m_name).value("refused").toInt() == 1; }, 5000),
                 qPrintable(up.diagnostics()));
        QCOMPARE(up.lastHealth(m_name).value("total").toInt(), 3);
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
                         const QJsonObject h = up.lastHealth(m_name);
                         return h.value("refused").toInt() == kIdle - kPerSource &&
                                h.value("open").toInt() == kPerSource && h.value("total").toInt() == kPerSource + 20;
                     },
                     5000),
                 qPrintable(QString::fromUtf8(QJsonDocument(up.lastHealth(m_name)).toJson(QJsonDocument::Compact))));
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
