// SPDX-License-Identifier: GPL-3.0-or-later
#include "tray/TrayHealth.h"

#include <QTest>

using namespace labshare::ui;
using labshare::share::ShareRow;
using labshare::tunnel::ShareState;

Q_DECLARE_METATYPE(TrayState)

namespace {

constexpr auto Up = ShareState::Up;
constexpr auto Degraded = ShareState::Degraded;
constexpr auto Connecting = ShareState::Connecting;
constexpr auto Reconnecting = ShareState::Reconnecting;
constexpr auto Failed = ShareState::Failed;
constexpr auto Stopped = ShareState::Stopped;
constexpr auto Idle = ShareState::Idle;

ShareRow share(const QString& node, ShareState state, const QString& error = {}) {
    ShareRow r;
    r.node = node;
    r.name = QStringLiteral("clab-") + node + QStringLiteral("-tcp-22");
    r.kind = QStringLiteral("linux");
    r.spec.port = 22;
    r.health.name = r.name;
    r.health.state = state;
    r.health.lastError = error;
    if (state == Up || state == Degraded) {
        r.health.publicHost = QStringLiteral("relay.example.org");
        r.health.publicPort = 40000 + quint16(node.size());
    }
    return r;
}

// Rows r1, r2, … in the given states.
QList<ShareRow> rows(std::initializer_list<ShareState> states) {
    QList<ShareRow> out;
    int i = 0;
    for (ShareState s : states)
        out << share(QStringLiteral("r%1").arg(++i), s);
    return out;
}

} // namespace

class TestTrayHealth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aggregates_data() {
        // The icon has the colour of the most serious dot in the shares table.
        QTest::addColumn<QList<ShareRow>>("shares");
        QTest::addColumn<TrayState>("state");
        QTest::newRow("nothing shared") << QList<ShareRow>() << TrayState::Idle;
        QTest::newRow("only stopped rows") << rows({Stopped}) << TrayState::Idle;
        QTest::newRow("one up") << rows({Up}) << TrayState::AllUp;
        QTest::newRow("all up") << rows({Up, Up, Up}) << TrayState::AllUp;
        QTest::newRow("stopped rows do not count") << rows({Up, Stopped}) << TrayState::AllUp;
        QTest::newRow("one node not answering of three") << rows({Up, Degraded, Up}) << TrayState::SomeDegraded;
        QTest::newRow("one reconnecting") << rows({Up, Reconnecting}) << TrayState::SomeDegraded;
        QTest::newRow("one still connecting") << rows({Up, Connecting}) << TrayState::SomeDegraded;
        QTest::newRow("all coming up: amber, not red") << rows({Connecting, Connecting}) << TrayState::SomeDegraded;
        QTest::newRow("not started yet") << rows({Idle}) << TrayState::SomeDegraded;
        QTest::newRow("any failed") << rows({Up, Up, Failed}) << TrayState::Failed;
        QTest::newRow("all reconnecting: amber, as in the table")
            << rows({Reconnecting, Reconnecting}) << TrayState::SomeDegraded;
        QTest::newRow("all nodes silent: amber, as in the table") << rows({Degraded}) << TrayState::SomeDegraded;
    }

    void aggregates() {
        QFETCH(QList<ShareRow>, shares);
        QFETCH(TrayState, state);
        QCOMPARE(TrayHealth::aggregate(shares), state);
    }

    void summarises_data() {
        QTest::addColumn<QList<ShareRow>>("shares");
        QTest::addColumn<QString>("tip");
        QTest::newRow("nothing") << QList<ShareRow>() << "Nothing shared";
        QTest::newRow("one up") << rows({Up}) << "1 share: Up";
        QTest::newRow("three up") << rows({Up, Up, Up}) << "3 shares: Up";
        QTest::newRow("one node silent, with the reason")
            << QList{share("r1", Degraded, "connection refused"), share("r2", Up), share("r3", Up)}
            << "3 shares: 1 Node not answering · 2 Up\nclab-r1-tcp-22: Node not answering — connection refused";
        QTest::newRow("node silent without a reason")
            << QList{share("r1", Up), share("r2", Degraded)}
            << "2 shares: 1 Node not answering · 1 Up\nclab-r2-tcp-22: Node not answering";
        QTest::newRow("all connecting")
            << rows({Connecting, Connecting})
            << "2 shares: Connecting…\nclab-r1-tcp-22: Connecting…\nclab-r2-tcp-22: Connecting…";
        QTest::newRow("mixed problems, the most serious first")
            << QList{share("r1", Up), share("r2", Reconnecting, "connection refused"),
                     share("r3", Failed, "host key changed")}
            << "3 shares: 1 Failed · 1 Reconnecting… · 1 Up\nclab-r2-tcp-22: Reconnecting… — connection refused\n"
               "clab-r3-tcp-22: Failed — host key changed";
        QTest::newRow("one failed alone") << QList{share("r1", Failed, "host key changed")}
                                          << "1 share: Failed\nclab-r1-tcp-22: Failed — host key changed";
        QTest::newRow("many problems are cut short")
            << rows({Up, Reconnecting, Reconnecting, Reconnecting, Reconnecting, Reconnecting, Reconnecting})
            << "7 shares: 6 Reconnecting… · 1 Up\nclab-r2-tcp-22: Reconnecting…\nclab-r3-tcp-22: Reconnecting…\n"
               "clab-r4-tcp-22: Reconnecting…\nclab-r5-tcp-22: Reconnecting…\n… and 2 more";
    }

    void summarises() {
        QFETCH(QList<ShareRow>, shares);
        QFETCH(QString, tip);
        QCOMPARE(TrayHealth::toolTip(shares), tip);
    }

    void notifiesWhenAShareGoesDownAndComesBack() {
        TrayHealth health;
        QVERIFY(health.update(rows({Connecting, Connecting})).isEmpty());
        QVERIFY2(health.update(rows({Up, Up})).isEmpty(), "coming up the first time is not news");

        QList<ShareRow> now{share("r1", Reconnecting, "relay stopped answering"), share("r2", Up)};
        QList<TrayNotification> n = health.update(now);
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::WentDown);
        QCOMPARE(n[0].shares, QStringList{"clab-r1-tcp-22"});
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: Reconnecting…"));
        QCOMPARE(n[0].message, QStringLiteral("relay stopped answering"));

        QVERIFY2(health.update(now).isEmpty(), "a share that stays down is reported once");
        // A reconnect passes through Connecting: that is still the same outage.
        QVERIFY(health.update(rows({Connecting, Up})).isEmpty());

        n = health.update(rows({Up, Up}));
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::CameBack);
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: Up"));
        QCOMPARE(n[0].message, QStringLiteral("Reachable again at relay.example.org:40002"));
        QVERIFY(health.update(rows({Up, Up})).isEmpty());
    }

    void degradedIsDown() {
        TrayHealth health;
        (void)health.update(rows({Up}));
        const QList<TrayNotification> n = health.update(rows({Degraded}));
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: Node not answering"));
        QCOMPARE(n[0].message, QStringLiteral("Students cannot connect to it now."));
        QCOMPARE(health.update(rows({Up})).size(), 1);
    }

    void failingBeforeEverComingUpIsNews() {
        TrayHealth health;
        (void)health.update(rows({Connecting}));
        const QList<TrayNotification> n = health.update({share("r1", Failed, "host key changed")});
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::WentDown);
        QCOMPARE(n[0].message, QStringLiteral("host key changed"));
        QVERIFY(health.update({share("r1", Failed, "host key changed")}).isEmpty());
    }

    void stoppingIsNotAnOutage() {
        TrayHealth health;
        (void)health.update(rows({Up, Up}));
        QVERIFY(health.update(rows({Up, Stopped})).isEmpty());
        QVERIFY(health.update(rows({Up})).isEmpty()); // r2 removed
        // Down, then unpublished while down, then published again: no stale "back up".
        (void)health.update(rows({Reconnecting}));
        QVERIFY(health.update({}).isEmpty());
        QVERIFY(health.update(rows({Connecting})).isEmpty());
        QVERIFY(health.update(rows({Up})).isEmpty());
    }

    void oneNotificationForManyShares() {
        QHash<QString, QString> down;
        const QList<ShareRow> before = rows({Up, Up, Up});
        QList<ShareRow> after;
        for (const QString& node : QStringList{"r1", "r2", "r3"})
            after << share(node, Reconnecting, "relay stopped answering");
        QList<TrayNotification> n = TrayHealth::notifications(before, after, down);
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].title, QStringLiteral("3 shares: Reconnecting…"));
        QCOMPARE(n[0].message,
                 QStringLiteral("clab-r1-tcp-22, clab-r2-tcp-22, clab-r3-tcp-22 — relay stopped answering"));
        QCOMPARE(down.size(), 3);

        n = TrayHealth::notifications(after, rows({Up, Up, Reconnecting}), down);
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].title, QStringLiteral("2 shares: Up"));
        QCOMPARE(n[0].message, QStringLiteral("clab-r1-tcp-22, clab-r2-tcp-22"));
        QCOMPARE(down.keys(), QStringList{"clab-r3-tcp-22"});
    }

    void aShareBackAtAnotherAddressHasMoved() {
        // Switching relay: every share goes through Connecting and comes up at a new address. Saying
        // "reachable again" would send students to the old one.
        TrayHealth health;
        ShareRow r1 = share("r1", Up);
        QVERIFY(health.update({r1}).isEmpty());
        ShareRow connecting = share("r1", Connecting);
        connecting.health.publicHost.clear();
        connecting.health.publicPort = 0;
        QCOMPARE(health.update({connecting}).size(), 1); // went down
        ShareRow elsewhere = share("r1", Up);
        elsewhere.health.publicHost = QStringLiteral("lab.example.net");
        elsewhere.health.publicPort = 2201;
        const QList<TrayNotification> n = health.update({elsewhere});
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::Moved);
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: new address"));
        QVERIFY2(n[0].message.contains("lab.example.net:2201") && n[0].message.contains("relay.example.org:40002"),
                 qPrintable(n[0].message));
        QVERIFY(!n[0].message.contains("again"));

        // Back at the same address: that is "again".
        QCOMPARE(health.update({connecting}).size(), 1);
        const QList<TrayNotification> back = health.update({elsewhere});
        QCOMPARE(back.size(), 1);
        QCOMPARE(back[0].kind, TrayNotification::Kind::CameBack);
    }

    void aShareServedOnAStandInSaysSoThenThatItsAddressWorksAgain() {
        // An earlier relay session still holds the port students have: the share comes up on a stand-in meanwhile.
        // That is neither "reachable again" (students' address does not work yet) nor "moved" (it comes back).
        TrayHealth health;
        const ShareRow own = share("r1", Up);
        QVERIFY(health.update({own}).isEmpty());
        QCOMPARE(health.update({share("r1", Reconnecting)}).size(), 1); // went down
        ShareRow standIn = own;
        standIn.health.publicPort = 45001;
        standIn.health.reclaimingPort = own.health.publicPort;
        QList<TrayNotification> n = health.update({standIn});
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::StandIn);
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: up at relay.example.org:45001 meanwhile"));
        QVERIFY2(n[0].message.contains("relay.example.org:40002"), qPrintable(n[0].message));
        QVERIFY(!n[0].message.contains("no longer works"));

        ShareRow both = own;
        both.health.alsoPort = 45001;
        n = health.update({both});
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::Reclaimed);
        QCOMPARE(n[0].title, QStringLiteral("clab-r1-tcp-22: relay.example.org:40002 works again"));
        QVERIFY2(n[0].message.contains("relay.example.org:45001"), qPrintable(n[0].message));
        QVERIFY(health.update({both}).isEmpty()); // said once
    }

    void severalSharesOnStandInsAreOneNotification() {
        // A relay restart with fifty shares must not raise fifty notifications.
        QHash<QString, QString> down;
        QList<ShareRow> before = rows({Up, Up});
        QList<ShareRow> lost = rows({Reconnecting, Reconnecting});
        QCOMPARE(TrayHealth::notifications(before, lost, down).size(), 1);
        QList<ShareRow> standIns = before;
        for (ShareRow& r : standIns) {
            r.health.reclaimingPort = r.health.publicPort;
            r.health.publicPort = 45000;
        }
        const QList<TrayNotification> n = TrayHealth::notifications(lost, standIns, down);
        QCOMPARE(n.size(), 1);
        QCOMPARE(n[0].kind, TrayNotification::Kind::StandIn);
        QCOMPARE(n[0].shares, (QStringList{"clab-r1-tcp-22", "clab-r2-tcp-22"}));
        QCOMPARE(n[0].title, QStringLiteral("2 shares up at stand-in addresses meanwhile"));
    }

    void downAndBackInOneUpdate() {
        QHash<QString, QString> down{{"clab-r1-tcp-22", QString()}};
        const QList<TrayNotification> n =
            TrayHealth::notifications(rows({Connecting, Up}), rows({Up, Reconnecting}), down);
        QCOMPARE(n.size(), 2);
        QCOMPARE(n[0].kind, TrayNotification::Kind::WentDown);
        QCOMPARE(n[0].shares, QStringList{"clab-r2-tcp-22"});
        QCOMPARE(n[0].title, QStringLiteral("clab-r2-tcp-22: Reconnecting…"));
        QCOMPARE(n[1].kind, TrayNotification::Kind::CameBack);
        QCOMPARE(n[1].shares, QStringList{"clab-r1-tcp-22"});
    }
};

QTEST_GUILESS_MAIN(TestTrayHealth)
#include "tst_trayhealth.moc"
