// SPDX-License-Identifier: GPL-3.0-or-later
#include "tray/TrayIcon.h"

#include "models/ShareStateStyle.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace labshare::ui;
using labshare::share::ShareRow;
using labshare::tunnel::ShareState;

namespace {

ShareRow share(const QString& node, ShareState state, const QString& error = {}) {
    ShareRow r;
    r.node = node;
    r.name = QStringLiteral("clab-") + node + QStringLiteral("-tcp-22");
    r.kind = QStringLiteral("nokia_srlinux");
    r.spec.port = 22;
    r.health.name = r.name;
    r.health.state = state;
    r.health.lastError = error;
    if (state == ShareState::Up) {
        r.health.publicHost = QStringLiteral("relay.example.org");
        r.health.publicPort = 40100 + quint16(node.back().digitValue());
    }
    return r;
}

QStringList texts(const QMenu* menu) {
    QStringList out;
    for (const QAction* a : menu->actions())
        if (a->isVisible())
            out << (a->isSeparator() ? QStringLiteral("---") : a->text());
    return out;
}

} // namespace

class TestTrayIcon : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // offscreen has no system tray: everything below must work without one.
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    }

    void iconsComeFromTheResources() {
        for (const char* name : {"tray-idle", "tray-up", "tray-degraded", "tray-failed", "labshare", "kind-router",
                                 "kind-linux", "kind-web", "kind-bridge"})
            QVERIFY2(QFile::exists(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))), name);
        // Rendering an SVG icon needs Qt's SVG icon engine (Debian: libqt6svg6).
        QList<qint64> keys;
        for (TrayState s : {TrayState::Idle, TrayState::AllUp, TrayState::SomeDegraded, TrayState::Failed}) {
            const QImage image = TrayIcon::iconFor(s).pixmap(22, 22).toImage();
            QVERIFY(!image.isNull());
            const QRgb centre = image.pixel(4, 11); // the disc, left of the glyph
            QVERIFY(qAlpha(centre) > 200);
            keys << qint64(centre);
            // Drawn in the colour the shares table gives the same tone.
            const QColor expected = toneColor(TrayHealth::tone(s));
            QVERIFY2(std::abs(qRed(centre) - expected.red()) <= 2 && std::abs(qGreen(centre) - expected.green()) <= 2 &&
                         std::abs(qBlue(centre) - expected.blue()) <= 2,
                     qPrintable(QColor(centre).name() + " is not " + expected.name()));
        }
        QCOMPARE(QSet<qint64>(keys.cbegin(), keys.cend()).size(), 4); // a different colour per state
    }

    void startsIdleAndInert() {
        TrayIcon tray;
        tray.show(); // no tray to show in: nothing happens, nothing crashes
        QVERIFY(!tray.systemTrayIcon()->isVisible());
        QCOMPARE(tray.state(), TrayState::Idle);
        QVERIFY(!tray.icon().isNull());
        QCOMPARE(texts(tray.menu()),
                 (QStringList{"Nothing shared", "---", "Stop all shares", "Show window", "---", "Quit LabShare"}));
        QVERIFY(!tray.menu()->findChild<QAction*>("stopAllAction")->isEnabled());
        QCOMPARE(tray.systemTrayIcon()->contextMenu(), tray.menu());
    }

    void listsEveryShareChecked() {
        TrayIcon tray;
        tray.setRows(
            {share("leaf1", ShareState::Up), share("leaf2", ShareState::Reconnecting, "relay stopped answering")});
        QCOMPARE(texts(tray.menu()),
                 (QStringList{"2 shares: 1 Reconnecting… · 1 Up", "leaf1 · SSH  (Up, relay.example.org:40101)",
                              "leaf2 · SSH  (Reconnecting…)", "---", "Stop all shares", "Show window", "---",
                              "Quit LabShare"}));
        const QList<QAction*> shares = tray.menu()->findChildren<QAction*>("shareAction");
        QCOMPARE(shares.size(), 2);
        for (const QAction* a : shares) {
            QVERIFY(a->isCheckable());
            QVERIFY(a->isChecked());
        }
        QCOMPARE(tray.state(), TrayState::SomeDegraded);
        QCOMPARE(tray.icon().pixmap(22, 22).toImage(),
                 TrayIcon::iconFor(TrayState::SomeDegraded).pixmap(22, 22).toImage());
        QVERIFY(tray.systemTrayIcon()->toolTip().startsWith("LabShare\n2 shares: 1 Reconnecting… · 1 Up\n"));
        QVERIFY(tray.menu()->findChild<QAction*>("stopAllAction")->isEnabled());
        QVERIFY(tray.shareAction("clab-leaf2-tcp-22")->toolTip().contains("relay stopped answering"));
    }

    void keepsTheMenuWhileOnlyHealthChanges() {
        TrayIcon tray;
        tray.setRows({share("leaf1", ShareState::Connecting), share("leaf2", ShareState::Connecting)});
        QAction* first = tray.shareAction("clab-leaf1-tcp-22");
        QVERIFY(first);
        tray.setRows({share("leaf1", ShareState::Up), share("leaf2", ShareState::Up)});
        QCOMPARE(tray.shareAction("clab-leaf1-tcp-22"), first); // an open menu is not torn down every tick
        QCOMPARE(first->text(), QStringLiteral("leaf1 · SSH  (Up, relay.example.org:40101)"));
        QCOMPARE(tray.state(), TrayState::AllUp);
        tray.setRows({share("leaf2", ShareState::Up)});
        QCOMPARE(tray.shareAction("clab-leaf1-tcp-22"), nullptr);
        QCOMPARE(tray.menu()->findChildren<QAction*>("shareAction").size(), 1);
        tray.setRows({});
        QCOMPARE(tray.state(), TrayState::Idle);
        QCOMPARE(tray.menu()->findChildren<QAction*>("shareAction").size(), 0);
    }

    void actionsAskForWhatTheySay() {
        TrayIcon tray;
        tray.setRows({share("leaf1", ShareState::Up)});
        QSignalSpy toggled(&tray, &TrayIcon::toggleRequested);
        QSignalSpy stopAll(&tray, &TrayIcon::stopAllRequested);
        QSignalSpy showHide(&tray, &TrayIcon::showHideRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);

        tray.shareAction("clab-leaf1-tcp-22")->trigger(); // unticks it
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled[0][0].toString(), QStringLiteral("clab-leaf1-tcp-22"));
        QCOMPARE(toggled[0][1].toBool(), false);
        tray.menu()->findChild<QAction*>("stopAllAction")->trigger();
        QCOMPARE(stopAll.size(), 1);
        tray.menu()->findChild<QAction*>("showHideAction")->trigger();
        QCOMPARE(showHide.size(), 1);
        tray.menu()->findChild<QAction*>("quitAction")->trigger();
        QCOMPARE(quit.size(), 1);

        // A click on the icon shows or hides the window; a context click only opens the menu.
        Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Trigger);
        QCOMPARE(showHide.size(), 2);
        Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Context);
        QCOMPARE(showHide.size(), 2);

        // A health tick re-checks a share that is still published, without asking again.
        tray.setRows({share("leaf1", ShareState::Up)});
        QVERIFY(tray.shareAction("clab-leaf1-tcp-22")->isChecked());
        QCOMPARE(toggled.size(), 1);
    }

    void saysWhenSharesEndAndOffersToExtendWhileTheyAreEnding() {
        TrayIcon tray;
        QSignalSpy extend(&tray, &TrayIcon::extendRequested);
        tray.setRows({share("leaf1", ShareState::Up)});
        tray.setEnding("Every share stops at 17:00 (1 h 25 min left)", false);
        QCOMPARE(tray.systemTrayIcon()->toolTip(),
                 QString("LabShare\n1 share: Up\nEvery share stops at 17:00 (1 h 25 min left)"));
        QVERIFY(!texts(tray.menu()).contains("Extend 30 min"));
        tray.setEnding("Every share stops at 17:00 (4 min left)", true);
        QCOMPARE(texts(tray.menu()).at(1), QString("Extend 30 min")); // right under the status line
        tray.menu()->findChild<QAction*>("extendAction")->trigger();
        QCOMPARE(extend.size(), 1);
        tray.setRows({share("leaf1", ShareState::Up)}); // a health tick keeps the line
        QVERIFY(tray.systemTrayIcon()->toolTip().endsWith("(4 min left)"));
        tray.setEnding({}, false);
        QCOMPARE(tray.systemTrayIcon()->toolTip(), QString("LabShare\n1 share: Up"));
        QVERIFY(!texts(tray.menu()).contains("Extend 30 min"));
    }

    void saysShowOrHide() {
        TrayIcon tray;
        QAction* action = tray.menu()->findChild<QAction*>("showHideAction");
        tray.setWindowVisible(true);
        QCOMPARE(action->text(), QStringLiteral("Hide window"));
        tray.setWindowVisible(false);
        QCOMPARE(action->text(), QStringLiteral("Show window"));
    }

    void notifiesWhenASharesGoesDownAndComesBack() {
        TrayIcon tray;
        QSignalSpy raised(&tray, &TrayIcon::notificationRaised);
        tray.setRows({share("leaf1", ShareState::Up)});
        QCOMPARE(raised.size(), 0);
        tray.setRows({share("leaf1", ShareState::Reconnecting, "relay stopped answering")});
        QCOMPARE(raised.size(), 1);
        QCOMPARE(raised[0][0].toString(), QStringLiteral("clab-leaf1-tcp-22: Reconnecting…"));
        QCOMPARE(raised[0][1].toString(), QStringLiteral("relay stopped answering"));
        QCOMPARE(tray.state(), TrayState::SomeDegraded); // amber, as the table's dot: LabShare is retrying
        tray.setRows({share("leaf1", ShareState::Up)});
        QCOMPARE(raised.size(), 2);
        QCOMPARE(raised[1][0].toString(), QStringLiteral("clab-leaf1-tcp-22: Up"));

        tray.setNotificationsEnabled(false);
        tray.setRows({share("leaf1", ShareState::Reconnecting)});
        QCOMPARE(raised.size(), 2);
    }

    void escapesAmpersandsInMenuTexts() {
        TrayIcon tray;
        tray.setRows({share("a&b1", ShareState::Connecting)});
        QCOMPARE(tray.shareAction("clab-a&b1-tcp-22")->text(), QStringLiteral("a&&b1 · SSH  (Connecting…)"));
    }
};

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
