// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelWindow against a model of libssh 0.10's own window rules (src/channels.c: channel_rcv_data, grow_window,
// ssh_channel_read_timeout), driven through random packets, node reads, buffer reads and grants as ForwardedConnection
// makes them: what the relay may have outstanding never passes the bound, a node that stops reading ends with exactly
// the bound outstanding, and a node that reads again gets everything (no state where nothing can move).
#include "tunnel/ssh/ChannelWindow.h"

#include <QRandomGenerator>
#include <QTest>

using labshare::tunnel::ChannelWindow;

namespace {

constexpr qsizetype kPacket = 32768;               // what OpenSSH sends per data packet
constexpr qsizetype kSocketRound = 4096 + kPacket; // what one round of libssh's packet handling may parse

// One forwarded channel as libssh 0.10 keeps it, with ForwardedConnection's use of ChannelWindow.
struct Channel {
    qsizetype window = 32000; // what libssh grants a channel it accepts
    qsizetype buffered = 0;   // libssh's channel buffer
    qsizetype held = 0;       // LabShare's
    qsizetype delivered = 0;  // written to the node
    qsizetype sent = 0;       // by the relay
    qsizetype adjusts = 0;
    ChannelWindow policy;

    qsizetype outstanding() const { return window + buffered + held; }
    void growTo(qsizetype minimum) { // grow_window()
        const qsizetype next = std::max<qsizetype>(minimum, ChannelWindow::kLibsshTopUp);
        if (next > window) {
            window = next;
            ++adjusts;
        }
    }
    // The relay sends a packet (as much as the window and the student allow), libssh calls back, then rule (a).
    void packet(qsizetype size) {
        size = std::min(size, window);
        if (size <= 0)
            return;
        window -= size;
        buffered += size;
        sent += size;
        const qsizetype take = ChannelWindow::toTake(held, buffered);
        buffered -= take;
        held += take;
        policy.taken(take);
        if (window + buffered < ChannelWindow::kLibsshLow)
            growTo(0);
    }
    void nodeReads(qsizetype n) {
        n = std::min(n, held);
        held -= n;
        delivered += n;
    }
    void read() { // pullBufferedChannelData: at most what is buffered, so rule (c) never applies; then rule (b)
        const qsizetype n = std::min(ChannelWindow::toRead(held, buffered), qsizetype(65536));
        if (n <= 0)
            return;
        buffered -= n;
        held += n;
        policy.taken(n);
        if (window < ChannelWindow::kLibsshLow)
            growTo(0);
    }
    // growWindow: a stderr read asking for `grant` (rule (c)), one round of packets, then rule (b).
    void grant(qsizetype roundBytes, QRandomGenerator& random) {
        const qsizetype g = policy.grant(held, buffered);
        if (g <= 0)
            return;
        if (g > window)
            growTo(g);
        for (qsizetype left = roundBytes; left > 0 && window > 0; left -= kPacket)
            packet(std::min<qsizetype>(left, 1 + random.bounded(int(kPacket))));
        if (window < ChannelWindow::kLibsshLow)
            growTo(0);
    }
};

} // namespace

class TestChannelWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void neverPastTheBound_data();
    void neverPastTheBound();
    void aStuckNodeHoldsExactlyTheBound();
    void aNodeThatReadsAgainGetsEverything();
};

void TestChannelWindow::neverPastTheBound_data() {
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestChannelWindow::neverPastTheBound() {
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    Channel c;
    c.grant(0, random);
    const int nodeSpeed = int(random.bounded(4)); // 0: stops reading; then ever faster
    for (int step = 0; step < 20000; ++step) {
        switch (random.bounded(4)) {
        case 0:
            c.packet(1 + random.bounded(int(kPacket)));
            break;
        case 1:
            if (nodeSpeed > 0 && (step / 2000) % 2 == 0) // a node that reads for a while, then stalls
                c.nodeReads(random.bounded(int(kPacket) * nodeSpeed));
            break;
        case 2:
            c.read();
            break;
        default:
            c.grant(random.bounded(int(kSocketRound)), random);
            break;
        }
        QVERIFY2(c.outstanding() <= ChannelWindow::kBound,
                 qPrintable(QStringLiteral("step %1: window %2 + libssh %3 + LabShare %4")
                                .arg(step)
                                .arg(c.window)
                                .arg(c.buffered)
                                .arg(c.held)));
    }
}

void TestChannelWindow::aStuckNodeHoldsExactlyTheBound() {
    QRandomGenerator random(7);
    Channel c;
    c.grant(0, random);
    while (c.window > 0) { // the relay sends all it may, the node reads nothing
        c.packet(kPacket);
        c.read();
        c.grant(0, random);
    }
    QCOMPARE(c.outstanding(), ChannelWindow::kBound);
    QCOMPARE(c.held + c.buffered, ChannelWindow::kBound);
    QVERIFY(c.held <= ChannelWindow::kHeldCap);
}

void TestChannelWindow::aNodeThatReadsAgainGetsEverything() {
    QRandomGenerator random(11);
    Channel c;
    c.grant(0, random);
    while (c.window > 0)
        c.packet(kPacket);
    // The student has sent its last byte: no packet comes any more, only the node reads, LabShare reads libssh's
    // buffer and grants.
    const qsizetype total = c.sent;
    for (int round = 0; round < 1000 && c.delivered < total; ++round) {
        c.nodeReads(kPacket);
        c.read();
        c.grant(0, random);
    }
    QCOMPARE(c.delivered, total);
    // While the student sends on, the window is topped up a step at a time, not a packet at a time.
    const qsizetype adjustsBefore = c.adjusts;
    const qsizetype sentBefore = c.sent;
    for (int round = 0; round < 2000; ++round) {
        c.packet(kPacket);
        c.nodeReads(kPacket);
        c.read();
        c.grant(0, random);
    }
    QVERIFY(c.sent - sentBefore >= 1000 * kPacket);
    QVERIFY2(c.adjusts - adjustsBefore <= (c.sent - sentBefore) / ChannelWindow::kStep + 2,
             qPrintable(QString::number(c.adjusts - adjustsBefore)));
}

QTEST_GUILESS_MAIN(TestChannelWindow)
#include "tst_channelwindow.moc"
