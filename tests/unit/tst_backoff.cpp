// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/Backoff.h"

#include <QTest>

using namespace labshare::tunnel;

class TestBackoff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void doublesUpToTheCap() {
        Backoff b(500, 8000, [] { return 0.999999; }); // the top of each range
        QList<int> delays;
        for (int i = 0; i < 7; ++i)
            delays << b.nextDelayMs();
        QCOMPARE(delays, (QList<int>{499, 999, 1999, 3999, 7999, 7999, 7999}));
    }

    void jittersWithinTheUpperHalf() {
        Backoff low(1000, 60000, [] { return 0.0; });
        QCOMPARE(low.nextDelayMs(), 500);
        QCOMPARE(low.nextDelayMs(), 1000);
        Backoff real(1000, 60000);
        for (int i = 1; i <= 6; ++i) {
            const int ceiling = 1000 << (i - 1);
            const int d = real.nextDelayMs();
            QVERIFY2(d >= ceiling / 2 && d <= ceiling, qPrintable(QString::number(d)));
        }
    }

    void resetStartsOver() {
        Backoff b(100, 1000, [] { return 0.0; });
        b.nextDelayMs();
        b.nextDelayMs();
        QCOMPARE(b.attempts(), 2);
        b.reset();
        QCOMPARE(b.nextDelayMs(), 50);
    }

    void neverOverflows() {
        Backoff b(1000, 30000, [] { return 0.5; });
        for (int i = 0; i < 100; ++i)
            QVERIFY(b.nextDelayMs() <= 30000);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
