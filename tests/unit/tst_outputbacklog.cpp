// SPDX-License-Identifier: GPL-3.0-or-later
// OutputBacklog as ForwardedConnection and RelayWorker use it, against a model of libssh 0.10's session output
// buffer (src/socket.c: every packet appended, written as far as the socket takes it, pending until empty): many
// connections whose nodes have more to send than the relay takes at once never queue more than the limit and a
// chunk in libssh, and everything still reaches the relay.
#include "tunnel/ssh/OutputBacklog.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using labshare::tunnel::OutputBacklog;

namespace {

constexpr qsizetype kChunk = 64 * 1024; // what ForwardedConnection reads from a node at once

// One relay session: its connections' nodes, libssh's output buffer, the relay's socket.
struct Session {
    std::vector<qsizetype> nodeLeft; // what each node has yet to send
    qsizetype pending = 0;           // libssh's output buffer
    qsizetype peak = 0;
    qsizetype written = 0; // taken by the socket
    OutputBacklog backlog;

    // A turn of RelayWorker's loop: the drain check, then each node read while the backlog admits it.
    void turn(qsizetype socketTakes) {
        if (pending == 0)
            backlog.drained();
        for (qsizetype& left : nodeLeft) {
            while (left > 0 && backlog.admits()) {
                const qsizetype n = std::min(left, kChunk);
                left -= n;
                pending += n;
                backlog.handed(n);
                peak = std::max(peak, pending);
            }
        }
        const qsizetype n = std::min(pending, socketTakes);
        pending -= n;
        written += n;
    }
};

} // namespace

class TestOutputBacklog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void admitsUpToTheLimitUntilDrained();
    void aBurstQueuesAtMostTheLimitAndAChunk_data();
    void aBurstQueuesAtMostTheLimitAndAChunk();
};

void TestOutputBacklog::admitsUpToTheLimitUntilDrained() {
    OutputBacklog backlog;
    QVERIFY(backlog.admits());
    backlog.handed(OutputBacklog::kLimit - 1);
    QVERIFY(backlog.admits());
    backlog.handed(1);
    QVERIFY(!backlog.admits());
    backlog.handed(kChunk);
    QVERIFY(!backlog.admits());
    backlog.drained();
    QVERIFY(backlog.admits());
    QCOMPARE(backlog.handedSinceDrained(), qsizetype(0));
}

void TestOutputBacklog::aBurstQueuesAtMostTheLimitAndAChunk_data() {
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 20; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestOutputBacklog::aBurstQueuesAtMostTheLimitAndAChunk() {
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    Session s;
    qsizetype total = 0;
    for (int i = 0; i < 1000; ++i) { // the burst of issue 18: 1,000 connections echoing 64 KiB, here 0..256 KiB
        s.nodeLeft.push_back(random.bounded(4 * int(kChunk)));
        total += s.nodeLeft.back();
    }
    for (int round = 0; round < 1000000 && s.written < total; ++round)
        s.turn(random.bounded(1 << 20)); // the relay takes 0..1 MiB per turn
    QCOMPARE(s.written, total);
    QVERIFY2(s.peak <= OutputBacklog::kLimit + kChunk, qPrintable(QString::number(s.peak)));
    QVERIFY(s.peak >= OutputBacklog::kLimit); // the limit, not less, is what a burst may queue
}

QTEST_GUILESS_MAIN(TestOutputBacklog)
#include "tst_outputbacklog.moc"
