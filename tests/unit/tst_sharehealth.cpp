// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ShareHealth.h"

#include <QTest>

using namespace labshare::tunnel;

Q_DECLARE_METATYPE(SessionPhase)
Q_DECLARE_METATYPE(ForwardPhase)
Q_DECLARE_METATYPE(Reachability)
Q_DECLARE_METATYPE(ShareState)

class TestShareHealth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void derivesTheState_data() {
        QTest::addColumn<SessionPhase>("session");
        QTest::addColumn<ForwardPhase>("forward");
        QTest::addColumn<Reachability>("target");
        QTest::addColumn<ShareState>("state");
        const auto row = [](const char* name, SessionPhase s, ForwardPhase f, Reachability t, ShareState expected) {
            QTest::newRow(name) << s << f << t << expected;
        };
        row("not started", SessionPhase::Idle, ForwardPhase::Pending, Reachability::Unknown, ShareState::Idle);
        row("connecting", SessionPhase::Connecting, ForwardPhase::Pending, Reachability::Unknown,
            ShareState::Connecting);
        row("session up, forward asked", SessionPhase::Ready, ForwardPhase::Pending, Reachability::Unknown,
            ShareState::Connecting);
        row("bound", SessionPhase::Ready, ForwardPhase::Bound, Reachability::Unknown, ShareState::Up);
        row("bound, node answers", SessionPhase::Ready, ForwardPhase::Bound, Reachability::Reachable, ShareState::Up);
        row("bound, node silent", SessionPhase::Ready, ForwardPhase::Bound, Reachability::Unreachable,
            ShareState::Degraded);
        row("port still held", SessionPhase::Ready, ForwardPhase::Refused, Reachability::Unknown,
            ShareState::Reconnecting);
        row("relay lost", SessionPhase::Lost, ForwardPhase::Bound, Reachability::Reachable, ShareState::Reconnecting);
        row("host key refused", SessionPhase::Fatal, ForwardPhase::Pending, Reachability::Unknown, ShareState::Failed);
        row("stopped", SessionPhase::Stopped, ForwardPhase::Bound, Reachability::Reachable, ShareState::Stopped);
    }

    void derivesTheState() {
        QFETCH(SessionPhase, session);
        QFETCH(ForwardPhase, forward);
        QFETCH(Reachability, target);
        QFETCH(ShareState, state);
        QCOMPARE(deriveShareState(session, forward, target), state);
    }

    void aShareWhoseNodeIsKnownSilentIsNeverUp() {
        // Every view words the state it is given (share::ShareStatus): "Up" must mean the node answers.
        for (SessionPhase session : {SessionPhase::Idle, SessionPhase::Connecting, SessionPhase::Ready,
                                     SessionPhase::Lost, SessionPhase::Fatal, SessionPhase::Stopped})
            for (ForwardPhase forward : {ForwardPhase::Pending, ForwardPhase::Bound, ForwardPhase::Refused})
                QVERIFY(deriveShareState(session, forward, Reachability::Unreachable) != ShareState::Up);
    }

    void namesStates() {
        QCOMPARE(shareStateName(ShareState::Up), QStringLiteral("up"));
        QCOMPARE(shareStateName(ShareState::Reconnecting), QStringLiteral("reconnecting"));
        QCOMPARE(shareStateName(ShareState::Degraded), QStringLiteral("degraded"));
    }

    void formatsThePublicAddress() {
        ShareHealth h;
        QCOMPARE(h.publicAddress(), QString());
        h.publicHost = QStringLiteral("relay.example.org");
        h.publicPort = 40123;
        QCOMPARE(h.publicAddress(), QStringLiteral("relay.example.org:40123"));
        h.publicHost = QStringLiteral("2001:db8::1");
        QCOMPARE(h.publicAddress(), QStringLiteral("[2001:db8::1]:40123"));
    }
};

QTEST_GUILESS_MAIN(TestShareHealth)
#include "tst_sharehealth.moc"
