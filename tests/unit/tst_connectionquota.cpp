// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionQuota: the caps per share, per source and in all, what a slot holds and when it frees its
// place, and the caps lowered to leave descriptors free below a low open-file limit.
#include "tunnel/bookkeeping/ConnectionQuota.h"

#include <QTest>

#include <vector>

using namespace labshare::tunnel;

class TestConnectionQuota : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void capsKeepHeadroomBelowTheLimit_data() {
        QTest::addColumn<quint64>("openFiles");
        QTest::addColumn<int>("filesPerConnection");
        QTest::addColumn<int>("perShare");
        QTest::addColumn<int>("perSource");
        QTest::addColumn<int>("total");
        QTest::newRow("a desktop's usual hard limit") << quint64(524288) << 2 << 512 << 64 << 262016;
        QTest::newRow("1024, LAN relay") << quint64(1024) << 2 << 384 << 64 << 384;
        QTest::newRow("1024, SSH relay (three per gated connection)") << quint64(1024) << 3 << 256 << 64 << 256;
        QTest::newRow("tiny") << quint64(300) << 2 << 22 << 22 << 22;
        QTest::newRow("below the reserve") << quint64(100) << 2 << 1 << 1 << 1;
    }
    void capsKeepHeadroomBelowTheLimit() {
        QFETCH(quint64, openFiles);
        QFETCH(int, filesPerConnection);
        QFETCH(int, perShare);
        QFETCH(int, perSource);
        QFETCH(int, total);
        const ConnectionQuota::Caps caps = ConnectionQuota::capsFor(openFiles, filesPerConnection);
        QCOMPARE(caps.perShare, perShare);
        QCOMPARE(caps.perSource, perSource);
        QCOMPARE(caps.total, total);
        if (openFiles > ConnectionQuota::kReservedFiles)
            QVERIFY(quint64(caps.total) * quint64(filesPerConnection) + ConnectionQuota::kReservedFiles <= openFiles);
    }

    void oneSourceCannotTakeTheShare() {
        ConnectionQuota quota({10, 3, 20});
        const int shareA = 0, shareB = 0;
        std::vector<ConnectionQuota::Slot> held;
        for (int i = 0; i < 3; ++i)
            held.push_back(quota.take(&shareA, QStringLiteral("10.0.0.5")));
        for (const auto& slot : held)
            QVERIFY(slot.isHeld());
        QVERIFY(!quota.take(&shareA, QStringLiteral("10.0.0.5")).isHeld()); // its cap, on this share
        QVERIFY(!quota.take(&shareB, QStringLiteral("10.0.0.5")).isHeld()); // and on every other one
        QVERIFY(quota.take(&shareA, QStringLiteral("10.0.0.6")).isHeld());  // another student gets in
        QCOMPARE(quota.openFrom(QStringLiteral("10.0.0.5")), 3);
        QCOMPARE(quota.openFrom(QStringLiteral("10.0.0.6")), 0); // that slot was a temporary: freed
        held.pop_back();                                         // one ends: its place is free again
        QVERIFY(quota.take(&shareA, QStringLiteral("10.0.0.5")).isHeld());
    }

    void theShareAndTheTotalCapEveryone() {
        ConnectionQuota quota({4, 3, 6});
        const int shareA = 0, shareB = 0;
        std::vector<ConnectionQuota::Slot> held;
        for (int i = 0; i < 4; ++i)
            held.push_back(quota.take(&shareA, QStringLiteral("10.0.0.%1").arg(i)));
        QVERIFY(!quota.take(&shareA, QStringLiteral("10.0.0.99")).isHeld()); // per share
        QVERIFY(!quota.take(&shareA, QString()).isHeld());                   // an unknown source too
        held.push_back(quota.take(&shareB, QString()));
        held.push_back(quota.take(&shareB, QString()));
        QCOMPARE(quota.open(), 6);
        QVERIFY(!quota.take(&shareB, QStringLiteral("10.0.1.1")).isHeld()); // in all
        ConnectionQuota::Slot moved = std::move(held.front());
        QVERIFY(moved.isHeld());
        QVERIFY(!held.front().isHeld());
        QCOMPARE(quota.open(), 6); // moving a slot keeps one place
        held.clear();
        QCOMPARE(quota.open(), 1);
        QCOMPARE(quota.openTo(&shareA), 1);
        QCOMPARE(quota.openTo(&shareB), 0);
    }
};

QTEST_GUILESS_MAIN(TestConnectionQuota)
#include "tst_connectionquota.moc"
