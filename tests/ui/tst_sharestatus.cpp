// SPDX-License-Identifier: GPL-3.0-or-later
// One health vocabulary (share::ShareStatus): for every state, every view of a share says the same
// words in the same colour, and none says "Up" unless the share is up.
#include "models/ShareStateStyle.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "presentation/PresentationCard.h"
#include "share/ShareName.h"
#include "share/ShareStatus.h"
#include "topology/TopologyLoader.h"
#include "tray/TrayHealth.h"
#include "tray/TrayIcon.h"

#include <QAction>
#include <QColor>
#include <QMenu>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace labshare;
using share::ShareRow;
using share::ShareStatus;
using tunnel::ShareState;

Q_DECLARE_METATYPE(ShareState)

namespace {

ShareRow shareIn(ShareState state, const QString& error) {
    ShareRow r;
    r.node = QStringLiteral("leaf1");
    r.kind = QStringLiteral("linux");
    r.spec.port = 22;
    r.name = share::shareName(r.node, r.spec);
    r.health.name = r.name;
    r.health.node = r.node;
    r.health.state = state;
    r.health.lastError = error;
    r.health.publicHost = QStringLiteral("relay.example.org");
    r.health.publicPort = 40022;
    if (state == ShareState::Degraded)
        r.health.target = tunnel::Reachability::Unreachable;
    r.url = share::shareUrl(r);
    return r;
}

topology::Topology lab() {
    return topology::TopologyLoader::parse("name: lab\ntopology:\n  nodes:\n    leaf1:\n      kind: linux\n"
                                           "      mgmt-ipv4: 172.31.0.11\n",
                                           QStringLiteral("lab.clab.yml"), QProcessEnvironment());
}

bool saysUp(const QString& text) {
    return text.contains(QRegularExpression(QStringLiteral("\\bUp\\b"), QRegularExpression::CaseInsensitiveOption));
}

} // namespace

class TestShareStatus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyViewSaysTheSame_data() {
        QTest::addColumn<ShareState>("state");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("waiting") << ShareState::Idle << "Waiting" << QString();
        QTest::newRow("connecting") << ShareState::Connecting << "Connecting…" << QString();
        QTest::newRow("up") << ShareState::Up << "Up" << QString();
        // The node refuses connections: the relay holds the port, students get nothing.
        QTest::newRow("node refuses") << ShareState::Degraded << "Node not answering"
                                      << "node leaf1 does not answer on 172.31.0.11 port 22: Connection refused";
        QTest::newRow("reconnecting") << ShareState::Reconnecting << "Reconnecting…"
                                      << "relay stopped answering";
        QTest::newRow("failed") << ShareState::Failed << "Failed"
                                << "host key changed";
    }

    void everyViewSaysTheSame() {
        QFETCH(ShareState, state);
        QFETCH(QString, words);
        QFETCH(QString, error);
        const ShareRow row = shareIn(state, error);
        QCOMPARE(ShareStatus::text(state), words);
        const QColor colour = ui::shareStateColor(state);
        QStringList said; // everything any view says about this share

        // The shares table.
        ui::SharesModel table;
        table.setRows({row});
        const QModelIndex cell = table.index(0, ui::SharesModel::StateColumn);
        QCOMPARE(cell.data().toString(), words);
        QCOMPARE(cell.data(Qt::DecorationRole).value<QColor>(), colour);
        said << cell.data().toString() << cell.data(Qt::ToolTipRole).toString();

        // The lab tree: the port's state, and its node's reachability beside it.
        ui::TopologyModel tree;
        tree.setTopology(lab());
        tree.setTicked({row.name});
        tree.setShareState(row.name, state);
        if (row.health.target != tunnel::Reachability::Unknown)
            tree.setReachability(row.node, row.health.target);
        const QModelIndex port = tree.portIndex(row.name, ui::TopologyModel::ReachabilityColumn);
        QVERIFY(port.isValid());
        QCOMPARE(port.data().toString(), words);
        QCOMPARE(port.data(Qt::DecorationRole).value<QColor>(), colour);
        const QString node = tree.nodeIndex(row.node, ui::TopologyModel::ReachabilityColumn).data().toString();
        if (state == ShareState::Up)
            QCOMPARE(node, QStringLiteral("reachable"));
        if (state == ShareState::Degraded)
            QCOMPARE(node, QStringLiteral("unreachable"));

        // The tray: menu entry, status line, tooltip, icon colour.
        ui::TrayIcon tray;
        tray.setNotificationsEnabled(false);
        tray.setRows({row});
        const QString entry = tray.shareAction(row.name)->text();
        QVERIFY2(entry.contains(QLatin1Char('(') + words), qPrintable(entry));
        const QString status = tray.menu()->findChild<QAction*>(QStringLiteral("statusAction"))->text();
        QCOMPARE(status, QStringLiteral("1 share: ") + words);
        QVERIFY2(tray.toolTip().startsWith(QStringLiteral("1 share: ") + words), qPrintable(tray.toolTip()));
        QCOMPARE(ui::toneColor(ui::TrayHealth::tone(tray.state())), colour);
        said << entry << status << tray.toolTip();

        // A notification: from Up to this state, or back to Up.
        QHash<QString, QString> down;
        QList<ui::TrayNotification> notes;
        if (state == ShareState::Up) {
            down.insert(row.name, QString());
            notes = ui::TrayHealth::notifications({shareIn(ShareState::Reconnecting, {})}, {row}, down);
        } else {
            notes = ui::TrayHealth::notifications({shareIn(ShareState::Up, {})}, {row}, down);
        }
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes[0].title, row.name + QStringLiteral(": ") + words);
        said << notes[0].title << notes[0].message;

        // The presentation view: the state when it is not up, in the same words.
        ui::PresentationCard card;
        card.setRow(row);
        QCOMPARE(card.statusText(), state == ShareState::Up ? QString() : words);
        said << card.title() << card.statusText() << card.detailText();

        if (state != ShareState::Up)
            for (const QString& text : std::as_const(said))
                QVERIFY2(!saysUp(text), qPrintable(QStringLiteral("says up: ") + text));
    }
};

QTEST_MAIN(TestShareStatus)
#include "tst_sharestatus.moc"
