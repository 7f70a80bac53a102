// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SharesModel.h"
#include "share/ShareDeadline.h"
#include "share/ShareName.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace labshare;
using labshare::share::ShareRow;
using labshare::tunnel::ShareState;
using labshare::ui::SharesModel;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

ShareRow makeRow(const QString& node, const QString& entry, quint16 publicPort) {
    const auto parsed = topology::PublishSpec::parse(entry);
    if (!parsed.ok())
        qFatal("bad entry in test: %s", qPrintable(entry));
    ShareRow r;
    r.spec = *parsed;
    r.name = share::shareName(node, r.spec);
    r.node = node;
    r.kind = "nokia_srlinux";
    r.target = "172.31.0.11";
    r.health.name = r.name;
    r.health.node = node;
    r.health.type = topology::publishTypeName(r.spec.type);
    r.health.nodePort = r.spec.port;
    r.health.state = ShareState::Up;
    r.health.publicHost = "relay.example.org";
    r.health.publicPort = publicPort;
    r.health.rttMs = 12;
    r.health.openConnections = 2;
    r.health.totalConnections = 15;
    r.health.bytesToNode = 1'200'000;
    r.health.bytesFromNode = 300'000;
    r.health.upSinceMs = kNow - (3600 + 2 * 60 + 5) * 1000;
    r.url = share::shareUrl(r);
    return r;
}

QList<ShareRow> threeShares() {
    return {makeRow("leaf1", "tcp/22", 41022), makeRow("leaf1", "tls/57400/instructor@example.edu", 41023),
            makeRow("grafana", "http/3000", 41024)};
}

// "row,col-row,col roles" per dataChanged.
QStringList describe(const QSignalSpy& spy) {
    QStringList out;
    for (const QList<QVariant>& args : spy) {
        const auto from = args.at(0).toModelIndex();
        const auto to = args.at(1).toModelIndex();
        QStringList roles;
        for (int role : args.at(2).value<QList<int>>())
            roles << QString::number(role);
        out << QString("%1,%2-%3,%4 ").arg(from.row()).arg(from.column()).arg(to.row()).arg(to.column()) +
                   roles.join('+');
    }
    return out;
}

QString cell(int row, int from, int to, std::initializer_list<int> roles) {
    QStringList out;
    for (int role : roles)
        out << QString::number(role);
    return QString("%1,%2-%1,%3 ").arg(row).arg(from).arg(to) + out.join('+');
}

} // namespace

class TestSharesModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsEveryFigure();
    void aGatedShareShowsWhoCameThroughTheGate();
    void showsStatesWithColouredDots_data();
    void showsStatesWithColouredDots();
    void formatsBytes_data();
    void formatsBytes();
    void formatsUptime_data();
    void formatsUptime();
    void servesRolesForActions();
    void healthUpdateChangesOnlyTheChangedCells();
    void unchangedFiguresSignalNothing();
    void lastErrorIsATooltipOnTheWholeRow();
    void sharesComingAndGoingAreRowInsertsAndRemovals();
    void updateRowTouchesOneShare();
    void refreshMovesUptimesOn();
    void endsShowTheClockTimeAndWhatIsLeft();

private:
    std::unique_ptr<SharesModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_now = kNow;
};

void TestSharesModel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c()); // "1.2 MB", whatever the machine's locale
}

void TestSharesModel::init() {
    m_now = kNow;
    m_model = std::make_unique<SharesModel>();
    m_model->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestSharesModel::cleanup() {
    m_tester.reset();
    m_model.reset();
}

void TestSharesModel::showsEveryFigure() {
    m_model->setRows(threeShares());
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(SharesModel::ColumnCount));
    QStringList row0;
    QStringList headers;
    for (int column = 0; column < SharesModel::ColumnCount; ++column) {
        row0 << m_model->index(0, column).data().toString();
        headers << m_model->headerData(column, Qt::Horizontal).toString();
    }
    QCOMPARE(headers, (QStringList{"Name", "Public address", "Type", "Who", "Signed in", "State", "RTT", "Connections",
                                   "Today", "Traffic", "Uptime", "Ends"}));
    QCOMPARE(row0, (QStringList{"clab-leaf1-tcp-22", "relay.example.org:41022", "tcp", "anyone", "—", "Up", "12 ms",
                                "2 / 15", "0", "↓1.2 MB ↑300 kB", "1h 02m", "—"}));
    // LabShare cannot check who connects: the lab's list is what it asks for, not who may connect.
    QCOMPARE(m_model->index(1, SharesModel::WhoColumn).data().toString(),
             QString("anyone (the lab asks for instructor@example.edu)"));
    QCOMPARE(m_model->index(2, SharesModel::AddressColumn).data().toString(),
             QString("http://relay.example.org:41024"));

    ShareRow waiting = makeRow("ceos1", "tcp/22", 0);
    waiting.health.publicHost.clear();
    waiting.health.state = ShareState::Connecting;
    waiting.health.rttMs = -1;
    waiting.health.upSinceMs = 0;
    m_model->updateRow(waiting);
    QCOMPARE(m_model->index(3, SharesModel::AddressColumn).data().toString(), QString("—"));
    QCOMPARE(m_model->index(3, SharesModel::StateColumn).data().toString(), QString("Connecting…"));
    QCOMPARE(m_model->index(3, SharesModel::RttColumn).data().toString(), QString("—"));
    QCOMPARE(m_model->index(3, SharesModel::UptimeColumn).data().toString(), QString("—"));
}

void TestSharesModel::aGatedShareShowsWhoCameThroughTheGate() {
    using labshare::gate::GateVerdict;
    ShareRow gated = makeRow("leaf1", "tls/57400/alice@example.org,example.edu", 41023);
    gated.gateFingerprint = "SHA256:pin";
    m_model->setRows({gated});
    const QModelIndex who = m_model->index(0, SharesModel::WhoColumn);
    const QModelIndex people = m_model->index(0, SharesModel::PeopleColumn);
    QCOMPARE(who.data().toString(), QString("only alice@example.org, example.edu (signed in)"));
    QCOMPARE(people.data().toString(), QString("—"));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const QString share = gated.name;
    gated.visitors.record({share, GateVerdict::Kind::Admitted, "alice@example.org", {}});
    gated.visitors.record({share, GateVerdict::Kind::Admitted, "kate@example.edu", {}});
    for (int i = 0; i < 3; ++i)
        gated.visitors.record({share, GateVerdict::Kind::Refused, "bob@example.test", {}});
    gated.visitors.record({share, GateVerdict::Kind::Refused, {}, "garbage instead of a hello"}); // not a person
    m_model->updateRow(gated);
    QCOMPARE(people.data().toString(),
             QString("alice@example.org, kate@example.edu connected · bob@example.test refused 3×"));
    QCOMPARE(describe(changed),
             QStringList{cell(0, SharesModel::PeopleColumn, SharesModel::PeopleColumn, {Qt::DisplayRole})});

    gated.visitors.record({share, GateVerdict::Kind::Ended, "kate@example.edu", {}});
    m_model->updateRow(gated);
    QCOMPARE(people.data().toString(), QString("alice@example.org connected · bob@example.test refused 3×"));
}

void TestSharesModel::showsStatesWithColouredDots_data() {
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QColor>("dot");
    // The tray icons are drawn in these same colours (tst_trayicon), the words are every view's (tst_sharestatus).
    const QColor green(0x2d, 0xa4, 0x4e), amber(0xd4, 0xa7, 0x2c), red(0xcf, 0x22, 0x2e), grey(0x8b, 0x94, 0x9e);
    QTest::newRow("up") << int(ShareState::Up) << "Up" << green;
    QTest::newRow("node not answering") << int(ShareState::Degraded) << "Node not answering" << amber;
    QTest::newRow("connecting") << int(ShareState::Connecting) << "Connecting…" << amber;
    QTest::newRow("reconnecting") << int(ShareState::Reconnecting) << "Reconnecting…" << amber;
    QTest::newRow("failed") << int(ShareState::Failed) << "Failed" << red;
    QTest::newRow("stopped") << int(ShareState::Stopped) << "Stopped" << grey;
    QTest::newRow("not handed to a relay yet") << int(ShareState::Idle) << "Waiting" << amber;
}

void TestSharesModel::showsStatesWithColouredDots() {
    QFETCH(int, state);
    QFETCH(QString, text);
    QFETCH(QColor, dot);
    ShareRow row = makeRow("leaf1", "tcp/22", 41022);
    row.health.state = static_cast<ShareState>(state);
    m_model->setRows({row});
    const QModelIndex stateCell = m_model->index(0, SharesModel::StateColumn);
    QCOMPARE(stateCell.data().toString(), text);
    QCOMPARE(stateCell.data(Qt::DecorationRole).value<QColor>(), dot);
    QCOMPARE(stateCell.data(SharesModel::StateRole).toInt(), state);
    QVERIFY(!m_model->index(0, SharesModel::NameColumn).data(Qt::DecorationRole).isValid());
}

void TestSharesModel::formatsBytes_data() {
    QTest::addColumn<quint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << quint64(0) << "0 B";
    QTest::newRow("bytes") << quint64(999) << "999 B";
    QTest::newRow("one kB") << quint64(1000) << "1.0 kB";
    QTest::newRow("300 kB") << quint64(300'000) << "300 kB";
    QTest::newRow("rounds up a unit") << quint64(999'600) << "1.0 MB";
    QTest::newRow("1.2 MB") << quint64(1'200'000) << "1.2 MB";
    QTest::newRow("12 MB") << quint64(12'300'000) << "12 MB";
    QTest::newRow("GB") << quint64(4'560'000'000) << "4.6 GB";
}

void TestSharesModel::formatsBytes() {
    QFETCH(quint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(SharesModel::bytesText(bytes), text);
}

void TestSharesModel::formatsUptime_data() {
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("clock skew") << qint64(-5000) << "0s";
    QTest::newRow("seconds") << qint64(42'000) << "42s";
    QTest::newRow("minutes") << qint64((5 * 60 + 7) * 1000) << "5m 07s";
    QTest::newRow("hours") << qint64((3600 + 2 * 60 + 59) * 1000) << "1h 02m";
    QTest::newRow("days") << qint64((2 * 86400 + 3 * 3600) * 1000) << "2d 03h";
}

void TestSharesModel::formatsUptime() {
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(SharesModel::uptimeText(ms), text);
}

void TestSharesModel::servesRolesForActions() {
    m_model->setRows(threeShares());
    QCOMPARE(m_model->rowFor("clab-leaf1-tls-57400"), 1);
    QCOMPARE(m_model->rowFor("clab-nope-tcp-1"), -1);
    const QModelIndex traffic = m_model->index(0, SharesModel::TrafficColumn);
    QCOMPARE(traffic.data(SharesModel::ShareNameRole).toString(), QString("clab-leaf1-tcp-22"));
    QCOMPARE(traffic.data(SharesModel::UrlRole).toString(), QString("ssh://admin@relay.example.org:41022"));
    const auto row = traffic.data(SharesModel::ShareRowRole).value<ShareRow>();
    QCOMPARE(row.name, QString("clab-leaf1-tcp-22"));
    QCOMPARE(row.health.publicPort, quint16(41022));
    QCOMPARE(m_model->rows().size(), 3);
}

void TestSharesModel::healthUpdateChangesOnlyTheChangedCells() {
    QList<ShareRow> rows = threeShares();
    m_model->setRows(rows);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    rows[1].health.bytesToNode = 2'400'000;
    m_model->setRows(rows);
    QCOMPARE(describe(changed),
             QStringList{cell(1, SharesModel::TrafficColumn, SharesModel::TrafficColumn, {Qt::DisplayRole})});
    QCOMPARE(m_model->index(1, SharesModel::TrafficColumn).data().toString(), QString("↓2.4 MB ↑300 kB"));

    // Figures that do not change what is shown (300 kB both times) signal nothing.
    changed.clear();
    rows[1].health.bytesFromNode = 300'400;
    m_model->setRows(rows);
    QCOMPARE(changed.count(), 0);

    // Two figures of one row: neighbouring RTT and connections cells in one signal, nothing else.
    rows[2].health.rttMs = 30;
    rows[2].health.openConnections = 3;
    rows[2].health.totalConnections = 16;
    m_model->setRows(rows);
    QCOMPARE(describe(changed),
             QStringList{cell(2, SharesModel::RttColumn, SharesModel::ConnectionsColumn, {Qt::DisplayRole})});

    // A state change: text and dot of the state cell, the state role everywhere, uptime gone.
    changed.clear();
    rows[0].health.state = ShareState::Reconnecting;
    m_model->setRows(rows);
    QCOMPARE(describe(changed),
             (QStringList{cell(0, SharesModel::NameColumn, SharesModel::PeopleColumn, {SharesModel::StateRole}),
                          cell(0, SharesModel::StateColumn, SharesModel::StateColumn,
                               {Qt::DisplayRole, Qt::DecorationRole, SharesModel::StateRole}),
                          cell(0, SharesModel::RttColumn, SharesModel::TrafficColumn, {SharesModel::StateRole}),
                          cell(0, SharesModel::UptimeColumn, SharesModel::UptimeColumn,
                               {Qt::DisplayRole, SharesModel::StateRole}),
                          cell(0, SharesModel::EndsColumn, SharesModel::EndsColumn, {SharesModel::StateRole})}));
    QCOMPARE(m_model->index(0, SharesModel::UptimeColumn).data().toString(), QString("—"));

    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestSharesModel::unchangedFiguresSignalNothing() {
    m_model->setRows(threeShares());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setRows(threeShares());
    m_model->updateRow(threeShares().at(1));
    m_model->refresh();
    QCOMPARE(changed.count(), 0);
}

void TestSharesModel::lastErrorIsATooltipOnTheWholeRow() {
    QList<ShareRow> rows = threeShares();
    m_model->setRows(rows);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    rows[1].health.lastError = "relay refused port 41023";
    m_model->setRows(rows);
    QCOMPARE(describe(changed), QStringList{cell(1, 0, SharesModel::ColumnCount - 1, {Qt::ToolTipRole})});
    for (int column = 0; column < SharesModel::ColumnCount; ++column) {
        QCOMPARE(m_model->index(1, column).data(Qt::ToolTipRole).toString(),
                 QString("Last error: relay refused port 41023"));
        QVERIFY(!m_model->index(0, column).data(Qt::ToolTipRole).isValid());
    }
}

void TestSharesModel::sharesComingAndGoingAreRowInsertsAndRemovals() {
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    QList<ShareRow> rows = threeShares();
    m_model->setRows(rows);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);

    rows << makeRow("ceos1", "tcp/22", 41025);
    m_model->setRows(rows);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 3);

    rows.removeAt(1);
    m_model->setRows(rows);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(m_model->rowFor("clab-ceos1-tcp-22"), 2);

    // Rows not next to each other: one removal each, bottom first, so the first is still at 0.
    rows.removeAt(2);
    rows.removeAt(0);
    m_model->setRows(rows);
    QCOMPARE(removed.count(), 3);
    QCOMPARE(removed.at(1).at(1).toInt(), 2);
    QCOMPARE(removed.at(2).at(1).toInt(), 0);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), QString("clab-grafana-http-3000"));

    m_model->setRows({});
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 0);
}

void TestSharesModel::updateRowTouchesOneShare() {
    m_model->setRows(threeShares());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    ShareRow row = threeShares().at(2);
    row.health.totalConnections = 99;
    m_model->updateRow(row);
    QCOMPARE(describe(changed),
             QStringList{cell(2, SharesModel::ConnectionsColumn, SharesModel::ConnectionsColumn, {Qt::DisplayRole})});
    QCOMPARE(m_model->index(2, SharesModel::ConnectionsColumn).data().toString(), QString("2 / 99"));
    changed.clear();
    row.health.refusedConnections = 536; // closed by LabShare's limits: one student over the caps
    m_model->updateRow(row);
    QCOMPARE(describe(changed),
             QStringList{cell(2, SharesModel::ConnectionsColumn, SharesModel::ConnectionsColumn, {Qt::DisplayRole})});
    QCOMPARE(m_model->index(2, SharesModel::ConnectionsColumn).data().toString(), QString("2 / 99, 536 refused"));

    m_model->updateRow(makeRow("sros1", "tcp/830", 41030));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    m_model->removeShare("clab-leaf1-tcp-22");
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    m_model->removeShare("clab-leaf1-tcp-22");
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
}

void TestSharesModel::refreshMovesUptimesOn() {
    QList<ShareRow> rows = threeShares();
    rows[1].health.state = ShareState::Failed;
    m_model->setRows(rows);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_now += 60'000;
    m_model->refresh();
    QStringList expected;
    for (int row : {0, 2})
        expected << cell(row, SharesModel::UptimeColumn, SharesModel::UptimeColumn, {Qt::DisplayRole});
    QCOMPARE(describe(changed), expected);
    QCOMPARE(m_model->index(0, SharesModel::UptimeColumn).data().toString(), QString("1h 03m"));
    QCOMPARE(m_model->index(1, SharesModel::UptimeColumn).data().toString(), QString("—"));

    changed.clear();
    m_now += 10'000; // still 1h 03m
    m_model->refresh();
    QCOMPARE(changed.count(), 0);
}

void TestSharesModel::endsShowTheClockTimeAndWhatIsLeft() {
    m_model->setRows(threeShares());
    QCOMPARE(m_model->index(0, SharesModel::EndsColumn).data().toString(), QString("—"));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(m_now + 90 * 60'000, Qt::UTC);
    m_model->setEnds({{threeShares().at(1).name, end}});
    QCOMPARE(describe(changed),
             QStringList{cell(1, SharesModel::EndsColumn, SharesModel::EndsColumn, {Qt::DisplayRole})});
    const QString clock = share::ShareDeadline::clockText(end);
    QCOMPARE(m_model->index(1, SharesModel::EndsColumn).data().toString(), clock + " (1 h 30 min left)");
    QCOMPARE(m_model->index(0, SharesModel::EndsColumn).data().toString(), QString("—"));

    changed.clear();
    m_now += 86 * 60'000; // the time left moves on with the clock
    m_model->refresh();
    QCOMPARE(m_model->index(1, SharesModel::EndsColumn).data().toString(), clock + " (4 min left)");
    m_model->setEnds({});
    QCOMPARE(m_model->index(1, SharesModel::EndsColumn).data().toString(), QString("—"));
}

QTEST_MAIN(TestSharesModel)
#include "tst_sharesmodel.moc"
