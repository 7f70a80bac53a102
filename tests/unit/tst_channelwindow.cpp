// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelWindow against a model of libssh 0.10's channel (its own top-up rule on data, and a read of the empty
// stderr stream raising the window to the read's size): the window granted on a
// forwarded channel starts at the bound, is grown as the node drains it, never lets the relay have more than
// the bound outstanding whatever the node's pace, and is not adjusted once per packet.
#include "tunnel/ssh/ChannelWindow.h"
#include "tunnel/ssh/ForwardedConnection.h"

#include <QTest>

#include <algorithm>

using namespace labshare::tunnel;

namespace {

constexpr qsizetype kPacket = 32 * 1024; // what OpenSSH sends in one channel data message

// One forwarded channel as ForwardedConnection drives it, with libssh's side as 0.10.6 behaves.
struct Channel {
    ChannelWindow window;
    qsizetype libsshWindow = 32000; // what libssh grants a channel it accepts
    qsizetype buffered = 0;         // in libssh's channel buffer
    qsizetype held = 0;             // taken by LabShare, not yet written to the node
    qsizetype sent = 0;             // by the relay
    qsizetype delivered = 0;        // to the node
    qsizetype peak = 0;             // the most the relay ever had outstanding: window + buffered + held
    int adjusts = 0;

    qsizetype outstanding() const { return libsshWindow + buffered + held; }
    void note() { peak = std::max(peak, outstanding()); }

    // The relay sends up to `n` bytes, in packets, as the window allows; libssh hands each to the callback.
    void relaySends(qsizetype n) {
        while (n > 0 && libsshWindow > 0) {
            const qsizetype p = std::min({n, kPacket, libsshWindow});
            libsshWindow -= p;
            buffered += p;
            sent += p;
            n -= p;
            take();                                                           // onChannelData
            if (libsshWindow + buffered < 640000 && libsshWindow < 1280000) { // libssh's own rule on data
                libsshWindow = 1280000;
                ++adjusts;
            }
            note();
        }
    }
    void take() {
        const qsizetype t = std::min(buffered, ForwardedConnection::kBufferCap - held);
        buffered -= t;
        held += t;
        window.taken(t);
    }
    // One pump(): take what libssh holds, write what the node accepts, then top the window up.
    void pump(qsizetype nodeAccepts) {
        take();
        const qsizetype d = std::min(held, nodeAccepts);
        held -= d;
        delivered += d;
        const qsizetype credit = window.grant(held, buffered == 0);
        if (credit > libsshWindow) { // ssh_channel_read_timeout(count = credit) on stderr, which holds nothing
            libsshWindow = credit;
            ++adjusts;
        }
        note();
    }
};

} // namespace

class TestChannelWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theFirstPumpGrantsAtLeastOpenSshsWindow() {
        Channel c;
        c.pump(0);
        QCOMPARE(c.libsshWindow, ChannelWindow::kBound);
        QVERIFY(c.libsshWindow >= 2 * 1024 * 1024); // OpenSSH's
    }

    void noTopUpUntilAStepIsTaken() {
        ChannelWindow w(1000, 100);
        QCOMPARE(w.grant(0, false), qsizetype(0)); // libssh holds some: its window would not count it
        QCOMPARE(w.grant(0, true), qsizetype(1000));
        QCOMPARE(w.grant(0, true), qsizetype(0));
        w.taken(99);
        QCOMPARE(w.grant(0, true), qsizetype(0));
        w.taken(1);
        QCOMPARE(w.grant(40, false), qsizetype(0));
        QCOMPARE(w.grant(40, true), qsizetype(960)); // what LabShare holds counts against the bound
        w.taken(100);
        QCOMPARE(w.grant(1000, true), qsizetype(0)); // holding the whole bound: nothing more
        QCOMPARE(w.grant(10, true), qsizetype(990)); // asked again once the node took some
    }

    void neverMoreThanTheBoundOutstanding_data() {
        QTest::addColumn<qsizetype>("nodeAcceptsPerPump");
        QTest::newRow("a node that never reads") << qsizetype(0);
        QTest::newRow("a slow node") << qsizetype(4 * 1024);
        QTest::newRow("a node at the relay's pace") << qsizetype(256 * 1024);
        QTest::newRow("a node faster than the relay") << qsizetype(64 * 1024 * 1024);
    }
    void neverMoreThanTheBoundOutstanding() {
        QFETCH(qsizetype, nodeAcceptsPerPump);
        Channel c;
        for (int i = 0; i < 2000; ++i) {
            c.relaySends(256 * 1024);
            c.pump(nodeAcceptsPerPump);
            QVERIFY2(c.outstanding() <= ChannelWindow::kBound, qPrintable(QString::number(c.outstanding())));
        }
        QVERIFY(c.peak <= ChannelWindow::kBound);
        QCOMPARE(c.sent, c.delivered + c.buffered + c.held);
        if (nodeAcceptsPerPump == 0) // what a stuck node costs: the bound, no more
            QVERIFY(c.buffered + c.held <= ChannelWindow::kBound);
    }

    void theWindowIsGrownAsTheNodeDrainsIt() {
        Channel c;
        c.pump(0);
        const qsizetype total = 64 * 1024 * 1024;
        qsizetype smallest = c.libsshWindow;
        while (c.sent < total) {
            smallest = std::min(smallest, c.libsshWindow);
            c.relaySends(std::min<qsizetype>(256 * 1024, total - c.sent));
            c.pump(total);
        }
        c.pump(total);
        QCOMPARE(c.delivered, total);
        // What the relay may send ahead never fell below bound - step (OpenSSH lets it fall to half of 2 MiB).
        QVERIFY2(smallest >= ChannelWindow::kBound - ChannelWindow::kStep, qPrintable(QString::number(smallest)));
        QVERIFY(c.adjusts <= total / ChannelWindow::kStep + 2); // one adjust per step, not one per packet
    }

    void aStuckNodeStopsTheRelayThenEverythingFlowsOnceItReads() {
        Channel c;
        for (int i = 0; i < 500; ++i) {
            c.relaySends(256 * 1024);
            c.pump(0);
        }
        QVERIFY(c.sent <= ChannelWindow::kBound);
        QCOMPARE(c.libsshWindow, qsizetype(0)); // the relay is stopped: back-pressure reaches the student
        const qsizetype before = c.sent;
        for (int i = 0; i < 500; ++i) {
            c.relaySends(256 * 1024);
            c.pump(16 * 1024 * 1024);
        }
        QVERIFY(c.sent > before + 100 * 1024 * 1024);
        QCOMPARE(c.delivered + c.buffered + c.held, c.sent);
    }
};

QTEST_GUILESS_MAIN(TestChannelWindow)
#include "tst_channelwindow.moc"
