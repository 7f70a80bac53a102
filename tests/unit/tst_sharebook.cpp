// SPDX-License-Identifier: GPL-3.0-or-later
// ShareBook's stand-ins: a share whose port the relay refuses (an earlier session still holds it) is served on a
// stand-in at once and keeps asking for its own port; once that is back, both addresses stay, and every view
// words them alike (ShareStatus::addressesText). Without stand-ins (relays that print the address) nothing changes.
#include "share/ShareStatus.h"
#include "tunnel/bookkeeping/ShareBook.h"

#include <QStandardPaths>
#include <QTest>

using namespace labshare::tunnel;
using labshare::share::ShareStatus;

class TestShareBook : public QObject {
    Q_OBJECT

private:
    static ForwardSpec spec(quint16 port) {
        ForwardSpec s;
        s.name = QStringLiteral("clab-r1-tcp-22");
        s.node = QStringLiteral("r1");
        s.type = QStringLiteral("tcp");
        s.targetHost = QStringLiteral("127.0.0.1");
        s.targetPort = 22;
        s.remotePort = port;
        return s;
    }

    RelayListener m_listener;
    QList<ShareHealth> m_reported;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_listener.shareChanged = [this](const ShareHealth& h) {
            m_reported << h;
        };
    }

    void aHeldPortIsServedOnAStandInThenBoth() {
        ShareBook book(m_listener, QStringLiteral("relay-a"), 1000, 10000);
        book.setStandIns(true);
        TrackedShare& s = book.add(spec(2222));
        s.health.publicHost = QStringLiteral("relay.example.org");
        QVERIFY(!book.wantsStandIn(s)); // not before the relay refused the port
        book.refused(s);
        QVERIFY(book.wantsStandIn(s));
        book.update(s, SessionPhase::Ready);
        QCOMPARE(s.health.state, ShareState::Reconnecting);

        book.standInBound(s, 45001);
        QVERIFY(!book.wantsStandIn(s));
        book.update(s, SessionPhase::Ready);
        QCOMPARE(m_reported.last().state, ShareState::Up);
        QCOMPARE(m_reported.last().publicPort, quint16(45001));
        QCOMPARE(m_reported.last().reclaimingPort, quint16(2222));
        QCOMPARE(ShareStatus::addressesText(m_reported.last()),
                 QStringLiteral("relay.example.org:45001 live · relay.example.org:2222 reclaiming"));

        book.refused(s); // still held: retried later, the stand-in serves meanwhile
        book.update(s, SessionPhase::Ready);
        QCOMPARE(s.health.state, ShareState::Up);
        QVERIFY(s.retryAtMs > 0);

        book.bound(s, 2222);
        s.health.publicPort = 2222; // as the relay worker sets it
        book.update(s, SessionPhase::Ready);
        QCOMPARE(m_reported.last().publicPort, quint16(2222));
        QCOMPARE(m_reported.last().reclaimingPort, quint16(0));
        QCOMPARE(m_reported.last().alsoPort, quint16(45001));
        QCOMPARE(ShareStatus::addressesText(m_reported.last()),
                 QStringLiteral("relay.example.org:2222 · also relay.example.org:45001"));

        // After a reconnect the stand-in is asked for again (it was handed out); given away meanwhile, it is let go.
        s.phase = ForwardPhase::Bound;
        s.standInPhase = ForwardPhase::Pending;
        QVERIFY(book.wantsStandIn(s));
        book.standInRefused(s);
        QCOMPARE(s.standInPort, quint16(0));
        QVERIFY(!book.wantsStandIn(s));
    }

    void withoutStandInsAHeldPortIsOnlyRetried() {
        ShareBook book(m_listener, QStringLiteral("relay-b"), 1000, 10000);
        TrackedShare& s = book.add(spec(2222));
        book.refused(s);
        QVERIFY(!book.wantsStandIn(s));
        book.update(s, SessionPhase::Ready);
        QCOMPARE(s.health.state, ShareState::Reconnecting);
        QCOMPARE(s.health.reclaimingPort, quint16(0));
    }
};

QTEST_GUILESS_MAIN(TestShareBook)
#include "tst_sharebook.moc"
