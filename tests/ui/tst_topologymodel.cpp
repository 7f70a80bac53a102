// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TopologyModel.h"
#include "share/ShareName.h"
#include "topology/TopologyLoader.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTest>
#include <QTreeView>

#include <memory>
#include <optional>

using namespace labshare;
using labshare::ui::TopologyModel;

namespace {

const QByteArray kLab = R"(name: lab
topology:
  nodes:
    leaf1:
      kind: nokia_srlinux
      mgmt-ipv4: 172.31.0.11
      labels:
        labshare.publish: tls/57400/instructor@example.edu,example.edu
    ceos1:
      kind: ceos
      image: ceos:4.32.0F
      mgmt-ipv4: 172.31.0.12
    sros1:
      kind: nokia_sros
      mgmt-ipv4: 172.31.0.13
    client1:
      kind: linux
      image: ghcr.io/srl-labs/network-multitool
    grafana:
      kind: linux
      image: grafana/grafana:10.4.2
      mgmt-ipv4: 172.31.0.20
    br1:
      kind: bridge
)";

topology::Topology lab(const QByteArray& yaml = kLab, const QString& file = "lab.clab.yml") {
    topology::Topology t = topology::TopologyLoader::parse(yaml, file, QProcessEnvironment());
    if (t.hasErrors())
        qFatal("test topology has errors");
    // Not deployed here and no containerlab: the static addresses are all there is.
    topology::LoadOptions offline;
    offline.environment = QProcessEnvironment();
    offline.inspect = [](const QString&) {
        return std::optional<QByteArray>();
    };
    topology::TopologyLoader::discoverAddresses(t, offline);
    return t;
}

topology::PublishSpec spec(const QString& entry) {
    const auto parsed = topology::PublishSpec::parse(entry);
    if (!parsed.ok())
        qFatal("bad entry in test: %s", qPrintable(entry));
    return *parsed;
}

QStringList childLabels(const QAbstractItemModel& model, const QModelIndex& parent) {
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out << model.index(row, TopologyModel::NameColumn, parent).data().toString();
    return out;
}

// One line per dataChanged: "row,col-row,col roles" (ports are "node/row").
QStringList describe(const QSignalSpy& spy) {
    QStringList out;
    for (const QList<QVariant>& args : spy) {
        const auto from = args.at(0).toModelIndex();
        const auto to = args.at(1).toModelIndex();
        const auto where = [](const QModelIndex& i) -> QString {
            const QString row = i.parent().isValid() ? i.parent().data().toString() + '/' + QString::number(i.row())
                                                     : QString::number(i.row());
            return row + ',' + QString::number(i.column());
        };
        QStringList roles;
        for (int role : args.at(2).value<QList<int>>())
            roles << QString::number(role);
        out << where(from) + '-' + where(to) + ' ' + roles.join('+');
    }
    return out;
}

QString roles(std::initializer_list<int> list) {
    QStringList out;
    for (int role : list)
        out << QString::number(role);
    return out.join('+');
}

} // namespace

class TestTopologyModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void listsNodesInFileOrder();
    void showsNodeColumns();
    void saysWhenANodeHasNoAddress();
    void showsCandidatesPerKind_data();
    void showsCandidatesPerKind();
    void portRowsAreCheckableAndSayWhoMayUseThem();
    void suggestedPortsLookDifferentFromDeclaredOnes();
    void tickingRequestsAShareWithoutPublishing();
    void untickingRequestsTheShareToStop();
    void clickingTheCheckBoxInATreeViewRequestsAShare();
    void setTickedChangesOnlyTheAffectedCheckCells();
    void showsTheStateOfATickedPort();
    void aNodeIsNeverUnreachableBesideAnUpShare();
    void aSharedListedPortSaysWhoCanReallyConnect();
    void userPortsAreInsertedAndRemovedAsRows();
    void typedAddressReplacesTheMissingOne();
    void reloadKeepsWhatTheUserDid();
    void anotherLabStartsAfresh();
    void knowsItsFile();

private:
    std::unique_ptr<TopologyModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTopologyModel::init() {
    m_model = std::make_unique<TopologyModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setTopology(lab());
}

void TestTopologyModel::cleanup() {
    m_tester.reset();
    m_model.reset();
}

void TestTopologyModel::listsNodesInFileOrder() {
    QCOMPARE(childLabels(*m_model, {}), (QStringList{"leaf1", "ceos1", "sros1", "client1", "grafana", "br1"}));
    QCOMPARE(m_model->columnCount(), int(TopologyModel::ColumnCount));
    QCOMPARE(m_model->headerData(TopologyModel::AddressColumn, Qt::Horizontal).toString(),
             QString("Management address"));
}

void TestTopologyModel::showsNodeColumns() {
    const QModelIndex leaf = m_model->nodeIndex("leaf1");
    QVERIFY(leaf.isValid());
    const auto cell = [&](int column) {
        return leaf.siblingAtColumn(column);
    };
    QCOMPARE(cell(TopologyModel::KindColumn).data().toString(), QString("nokia_srlinux"));
    QCOMPARE(m_model->nodeIndex("ceos1", TopologyModel::KindColumn).data().toString(), QString("arista_ceos"));
    QCOMPARE(m_model->nodeIndex("ceos1", TopologyModel::ImageColumn).data().toString(), QString("ceos:4.32.0F"));
    QCOMPARE(cell(TopologyModel::AddressColumn).data().toString(), QString("172.31.0.11 (static)"));
    QCOMPARE(cell(TopologyModel::ReachabilityColumn).data().toString(), QString());
    QCOMPARE(leaf.data(Qt::ToolTipRole).toString(), QString("Container: clab-lab-leaf1"));
    QCOMPARE(leaf.data(TopologyModel::NodeNameRole).toString(), QString("leaf1"));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setReachability("leaf1", tunnel::Reachability::Unreachable);
    QCOMPARE(cell(TopologyModel::ReachabilityColumn).data().toString(), QString("unreachable"));
    QCOMPARE(describe(changed), QStringList{"0,4-0,4 " + roles({Qt::DisplayRole})});
}

void TestTopologyModel::saysWhenANodeHasNoAddress() {
    const QModelIndex client = m_model->nodeIndex("client1", TopologyModel::AddressColumn);
    QCOMPARE(client.data().toString(), QString("— no address: deploy the lab or type one"));
    QVERIFY(client.data(Qt::ToolTipRole).toString().contains("Deploy the lab"));
    QVERIFY(client.flags() & Qt::ItemIsEditable);

    const QModelIndex bridge = m_model->nodeIndex("br1", TopologyModel::AddressColumn);
    QCOMPARE(bridge.data().toString(), QString("— bridge: nothing to publish"));
    QVERIFY(!(bridge.flags() & Qt::ItemIsEditable));
}

void TestTopologyModel::showsCandidatesPerKind_data() {
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("ports");
    QTest::newRow("SR Linux, declared gNMI first") << "leaf1"
                                                   << QStringList{"gNMI tls/57400", "SSH tcp/22", "NETCONF tcp/830",
                                                                  "JSON-RPC https/443", "Browser terminal term/22"};
    QTest::newRow("cEOS") << "ceos1"
                          << QStringList{"SSH tcp/22", "gNMI tls/6030", "eAPI https/443", "Browser terminal term/22"};
    QTest::newRow("SR OS") << "sros1"
                           << QStringList{"SSH tcp/22", "gNMI tls/57400", "NETCONF tcp/830",
                                          "Browser terminal term/22"};
    QTest::newRow("linux") << "client1" << QStringList{"SSH tcp/22", "Browser terminal term/22"};
    QTest::newRow("grafana") << "grafana" << QStringList{"HTTP http/3000"};
    QTest::newRow("bridge") << "br1" << QStringList();
}

void TestTopologyModel::showsCandidatesPerKind() {
    QFETCH(QString, node);
    QFETCH(QStringList, ports);
    QCOMPARE(childLabels(*m_model, m_model->nodeIndex(node)), ports);
}

void TestTopologyModel::portRowsAreCheckableAndSayWhoMayUseThem() {
    const QModelIndex gnmi = m_model->portIndex("clab-leaf1-tls-57400");
    const QModelIndex ssh = m_model->portIndex("clab-leaf1-tcp-22");
    QVERIFY(gnmi.isValid());
    QCOMPARE(gnmi.parent(), m_model->nodeIndex("leaf1"));
    QVERIFY(gnmi.flags() & Qt::ItemIsUserCheckable);
    QVERIFY(!(gnmi.siblingAtColumn(TopologyModel::WhoColumn).flags() & Qt::ItemIsUserCheckable));
    QCOMPARE(gnmi.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(gnmi.siblingAtColumn(TopologyModel::WhoColumn).data().toString(),
             QString("instructor@example.edu, example.edu"));
    QCOMPARE(ssh.siblingAtColumn(TopologyModel::WhoColumn).data().toString(), QString("anyone"));
    QCOMPARE(gnmi.data(TopologyModel::ShareNameRole).toString(), QString("clab-leaf1-tls-57400"));
    QCOMPARE(gnmi.data(TopologyModel::NodeNameRole).toString(), QString("leaf1"));
    QCOMPARE(gnmi.data(TopologyModel::OriginRole).toInt(), int(share::CandidateOrigin::Declared));
    QCOMPARE(ssh.data(TopologyModel::OriginRole).toInt(), int(share::CandidateOrigin::WellKnown));
    const auto specValue = gnmi.data(TopologyModel::PublishSpecRole).value<topology::PublishSpec>();
    QCOMPARE(specValue.port, quint16(57400));
    QCOMPARE(specValue.allowed, (QStringList{"instructor@example.edu", "example.edu"}));
}

void TestTopologyModel::suggestedPortsLookDifferentFromDeclaredOnes() {
    const QModelIndex declared = m_model->portIndex("clab-leaf1-tls-57400");
    const QModelIndex suggested = m_model->portIndex("clab-leaf1-tcp-22");
    QVERIFY(declared.isValid() && suggested.isValid());
    QVERIFY(!declared.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!declared.data(Qt::ForegroundRole).isValid()); // the view's normal text colour
    QVERIFY(suggested.data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(suggested.data(Qt::ForegroundRole).value<QBrush>().color(),
             QPalette().color(QPalette::Disabled, QPalette::Text));
    QVERIFY2(suggested.data(Qt::ToolTipRole).toString().contains("suggested for nokia_srlinux"),
             qPrintable(suggested.data(Qt::ToolTipRole).toString()));
    QVERIFY(!declared.data(Qt::ToolTipRole).toString().contains("suggested"));
    // Only the name cell is styled; a port the user added is theirs, not a suggestion.
    QVERIFY(!suggested.siblingAtColumn(TopologyModel::WhoColumn).data(Qt::FontRole).isValid());
    m_model->setUserPorts("client1", {spec("tcp/5201")});
    const QModelIndex added = m_model->portIndex("clab-client1-tcp-5201");
    QVERIFY(added.isValid());
    QVERIFY(!added.data(Qt::FontRole).value<QFont>().italic());
}

void TestTopologyModel::tickingRequestsAShareWithoutPublishing() {
    QSignalSpy publish(m_model.get(), &TopologyModel::publishRequested);
    QSignalSpy unpublish(m_model.get(), &TopologyModel::unpublishRequested);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    const QModelIndex gnmi = m_model->portIndex("clab-leaf1-tls-57400");
    QVERIFY(m_model->setData(gnmi, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(publish.count(), 1);
    QCOMPARE(publish.at(0).at(0).toString(), QString("leaf1"));
    const auto requested = publish.at(0).at(1).value<topology::PublishSpec>();
    QCOMPARE(requested.type, topology::PublishType::Tls);
    QCOMPARE(requested.port, quint16(57400));
    QCOMPARE(requested.allowed, (QStringList{"instructor@example.edu", "example.edu"}));
    QCOMPARE(share::shareName("leaf1", requested), QString("clab-leaf1-tls-57400"));
    QCOMPARE(unpublish.count(), 0);
    // The model does not tick by itself: the session's answer comes back through setTicked.
    QCOMPARE(gnmi.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(changed.count(), 0);

    const QModelIndex ceosGnmi = m_model->portIndex("clab-ceos1-tls-6030");
    QVERIFY(m_model->setData(ceosGnmi, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(publish.count(), 2);
    QCOMPARE(publish.at(1).at(0).toString(), QString("ceos1"));
    QCOMPARE(publish.at(1).at(1).value<topology::PublishSpec>().port, quint16(6030));

    // Other roles and columns never request anything.
    QVERIFY(!m_model->setData(gnmi.siblingAtColumn(TopologyModel::WhoColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!m_model->setData(gnmi, "x", Qt::EditRole));
    QCOMPARE(publish.count(), 2);
}

void TestTopologyModel::untickingRequestsTheShareToStop() {
    QSignalSpy publish(m_model.get(), &TopologyModel::publishRequested);
    QSignalSpy unpublish(m_model.get(), &TopologyModel::unpublishRequested);
    m_model->setTicked({"clab-leaf1-tcp-22"});
    const QModelIndex ssh = m_model->portIndex("clab-leaf1-tcp-22");
    QCOMPARE(ssh.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    QVERIFY(!m_model->setData(ssh, Qt::Checked, Qt::CheckStateRole)); // already ticked: nothing to ask
    QVERIFY(m_model->setData(ssh, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(unpublish.count(), 1);
    QCOMPARE(unpublish.at(0).at(0).toString(), QString("clab-leaf1-tcp-22"));
    QCOMPARE(publish.count(), 0);
    QCOMPARE(ssh.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
}

void TestTopologyModel::clickingTheCheckBoxInATreeViewRequestsAShare() {
    QTreeView view;
    view.setModel(m_model.get());
    view.resize(900, 600);
    view.expandAll();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy publish(m_model.get(), &TopologyModel::publishRequested);

    const QModelIndex ssh = m_model->portIndex("clab-ceos1-tcp-22");
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = view.visualRect(ssh);
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = view.style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, &view);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, box.center());
    QCOMPARE(publish.count(), 1);
    QCOMPARE(publish.at(0).at(0).toString(), QString("ceos1"));
    QCOMPARE(publish.at(0).at(1).value<topology::PublishSpec>().port, quint16(22));
}

void TestTopologyModel::setTickedChangesOnlyTheAffectedCheckCells() {
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const QString check = roles({Qt::CheckStateRole});

    m_model->setTicked({"clab-leaf1-tcp-22", "clab-grafana-http-3000"});
    QStringList got = describe(changed);
    got.sort();
    QCOMPARE(got, (QStringList{"grafana/0,0-grafana/0,0 " + check, "leaf1/1,0-leaf1/1,0 " + check}));
    QCOMPARE(m_model->portIndex("clab-grafana-http-3000").data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    changed.clear();
    m_model->setTicked({"clab-grafana-http-3000", "clab-sros1-tcp-830"});
    got = describe(changed);
    got.sort();
    QCOMPARE(got, (QStringList{"leaf1/1,0-leaf1/1,0 " + check, "sros1/2,0-sros1/2,0 " + check}));
    QCOMPARE(m_model->portIndex("clab-leaf1-tcp-22").data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

    changed.clear();
    m_model->setTicked({"clab-grafana-http-3000", "clab-sros1-tcp-830"});
    QCOMPARE(changed.count(), 0);
    // A share of a port the lab no longer offers is remembered but has no cell to change.
    m_model->setTicked({"clab-grafana-http-3000", "clab-sros1-tcp-830", "clab-gone-tcp-22"});
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
}

void TestTopologyModel::showsTheStateOfATickedPort() {
    m_model->setTicked({"clab-ceos1-tcp-22"});
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const QModelIndex state = m_model->portIndex("clab-ceos1-tcp-22", TopologyModel::ReachabilityColumn);
    const QModelIndex node = m_model->nodeIndex("ceos1", TopologyModel::ReachabilityColumn);

    m_model->setShareState("clab-ceos1-tcp-22", tunnel::ShareState::Up);
    QCOMPARE(state.data().toString(), QString("Up"));
    QCOMPARE(state.data(Qt::DecorationRole).value<QColor>(), QColor(0x2d, 0xa4, 0x4e));
    // A port that is Up answers: its node says so too.
    QCOMPARE(node.data().toString(), QString("reachable"));
    QCOMPARE(describe(changed), (QStringList{"ceos1/0,4-ceos1/0,4 " + roles({Qt::DisplayRole, Qt::DecorationRole}),
                                             "1,4-1,4 " + roles({Qt::DisplayRole})}));

    changed.clear();
    m_model->setShareState("clab-ceos1-tcp-22", tunnel::ShareState::Up);
    QCOMPARE(changed.count(), 0);
    m_model->setShareState("clab-ceos1-tcp-22", tunnel::ShareState::Stopped);
    QCOMPARE(state.data().toString(), QString());
    QVERIFY(!state.data(Qt::DecorationRole).isValid());
    QCOMPARE(node.data().toString(), QString());
    QCOMPARE(changed.count(), 2);
    m_model->setShareState("clab-ceos1-tcp-22", tunnel::ShareState::Stopped); // still nothing to show
    QCOMPARE(changed.count(), 2);
    m_model->setShareState("clab-ceos1-tcp-22", tunnel::ShareState::Idle); // ticked, not handed to a relay yet
    QCOMPARE(state.data().toString(), QString("Waiting"));
    QCOMPARE(changed.count(), 3);
}

void TestTopologyModel::aNodeIsNeverUnreachableBesideAnUpShare() {
    // leaf1's SSH answers, its gNMI port refuses: the last report said "unreachable" (from gNMI).
    m_model->setTicked({"clab-leaf1-tcp-22", "clab-leaf1-tls-57400"});
    const QModelIndex node = m_model->nodeIndex("leaf1", TopologyModel::ReachabilityColumn);
    m_model->setShareState("clab-leaf1-tcp-22", tunnel::ShareState::Up);
    m_model->setShareState("clab-leaf1-tls-57400", tunnel::ShareState::Degraded);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setReachability("leaf1", tunnel::Reachability::Unreachable);
    QCOMPARE(node.data().toString(), QString("not answering on tls/57400"));
    QCOMPARE(changed.count(), 0); // the ports had said it already
    QCOMPARE(m_model->portIndex("clab-leaf1-tls-57400", TopologyModel::ReachabilityColumn).data().toString(),
             QString("Node not answering"));

    m_model->setShareState("clab-leaf1-tcp-22", tunnel::ShareState::Degraded);
    QCOMPARE(node.data().toString(), QString("unreachable"));
    QCOMPARE(describe(changed), (QStringList{"leaf1/1,4-leaf1/1,4 " + roles({Qt::DisplayRole, Qt::DecorationRole}),
                                             "0,4-0,4 " + roles({Qt::DisplayRole})}));

    // Stale: the node did not answer once, now a port of it is Up again.
    m_model->setShareState("clab-leaf1-tls-57400", tunnel::ShareState::Stopped);
    m_model->setShareState("clab-leaf1-tcp-22", tunnel::ShareState::Up);
    QCOMPARE(node.data().toString(), QString("reachable"));
}

void TestTopologyModel::aSharedListedPortSaysWhoCanReallyConnect() {
    // LabShare cannot check who connects: once shared, the lab's list must not read as enforced.
    const QModelIndex who = m_model->portIndex("clab-leaf1-tls-57400", TopologyModel::WhoColumn);
    QCOMPARE(who.data().toString(), QString("instructor@example.edu, example.edu"));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setTicked({"clab-leaf1-tls-57400"});
    QCOMPARE(who.data().toString(), QString("anyone (the lab asks for instructor@example.edu, example.edu)"));
    QVERIFY(who.data(Qt::ToolTipRole).toString().contains("anyone with the address"));
    QVERIFY(describe(changed).contains("leaf1/0,5-leaf1/0,5 " +
                                       roles({Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole})));
    QVERIFY(who.data(Qt::DecorationRole).isNull()); // no lock: nothing checks who connects
    m_model->setTicked({});
    QCOMPARE(who.data().toString(), QString("instructor@example.edu, example.edu"));

    // Through the gate, the list is what it says, and the lock shows it.
    changed.clear();
    m_model->setTicked({"clab-leaf1-tls-57400"}, {"clab-leaf1-tls-57400"});
    QCOMPARE(who.data().toString(), QString("only instructor@example.edu, example.edu (signed in)"));
    QVERIFY(who.data(Qt::ToolTipRole).toString().contains("LabShare's gate"));
    QVERIFY(!who.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(describe(changed).contains("leaf1/0,5-leaf1/0,5 " +
                                       roles({Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole})));
}

void TestTopologyModel::userPortsAreInsertedAndRemovedAsRows() {
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const QModelIndex client = m_model->nodeIndex("client1");

    m_model->setUserPorts("client1", {spec("http/8080"), spec("tcp/22"), spec("tcp/5201")});
    QCOMPARE(childLabels(*m_model, client),
             (QStringList{"SSH tcp/22", "HTTP http/8080", "TCP tcp/5201", "Browser terminal term/22"}));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).toModelIndex(), client);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(m_model->portIndex("clab-client1-tcp-5201").data(TopologyModel::OriginRole).toInt(),
             int(share::CandidateOrigin::UserAdded));

    m_model->setUserPorts("client1", {spec("tcp/5201")});
    QCOMPARE(childLabels(*m_model, client), (QStringList{"SSH tcp/22", "TCP tcp/5201", "Browser terminal term/22"}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);

    m_model->setUserPorts("client1", {});
    QCOMPARE(childLabels(*m_model, client), (QStringList{"SSH tcp/22", "Browser terminal term/22"}));
    QVERIFY(m_model->userPorts("client1").isEmpty());
    QCOMPARE(removed.count(), 2);
    QCOMPARE(reset.count(), 0);
}

void TestTopologyModel::typedAddressReplacesTheMissingOne() {
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy typed(m_model.get(), &TopologyModel::addressOverrideChanged);
    const QModelIndex address = m_model->nodeIndex("client1", TopologyModel::AddressColumn);

    QVERIFY(m_model->setData(address, " 10.0.0.5 ", Qt::EditRole));
    QCOMPARE(address.data().toString(), QString("10.0.0.5 (typed by you)"));
    QCOMPARE(address.data(Qt::EditRole).toString(), QString("10.0.0.5"));
    QCOMPARE(typed.count(), 1);
    QCOMPARE(typed.at(0).at(0).toString(), QString("client1"));
    QCOMPARE(typed.at(0).at(1).toString(), QString("10.0.0.5"));
    QCOMPARE(describe(changed), QStringList{"3,3-3,3 " + roles({Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole})});

    QVERIFY(!m_model->setData(address, "10.0.0.5", Qt::EditRole)); // unchanged
    QCOMPARE(typed.count(), 1);

    m_model->setAddressOverride("client1", QString());
    QCOMPARE(address.data().toString(), QString("— no address: deploy the lab or type one"));
    QCOMPARE(m_model->addressOverride("client1"), QString());
    QCOMPARE(typed.count(), 1); // only typing in the cell is reported

    // Typing a node's own lab address back clears the override.
    const QModelIndex leaf = m_model->nodeIndex("leaf1", TopologyModel::AddressColumn);
    QVERIFY(m_model->setData(leaf, "192.0.2.1", Qt::EditRole));
    QVERIFY(m_model->setData(leaf, "172.31.0.11", Qt::EditRole));
    QCOMPARE(leaf.data().toString(), QString("172.31.0.11 (static)"));
    QCOMPARE(typed.at(2).at(1).toString(), QString());
}

void TestTopologyModel::reloadKeepsWhatTheUserDid() {
    m_model->setUserPorts("client1", {spec("tcp/5201")});
    m_model->setAddressOverride("client1", "10.0.0.5");
    m_model->setTicked({"clab-client1-tcp-5201"});
    m_model->setShareState("clab-client1-tcp-5201", tunnel::ShareState::Up);

    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setTopology(lab());
    QCOMPARE(reset.count(), 1);
    const QModelIndex port = m_model->portIndex("clab-client1-tcp-5201");
    QVERIFY(port.isValid());
    QCOMPARE(port.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(port.siblingAtColumn(TopologyModel::ReachabilityColumn).data().toString(), QString("Up"));
    QCOMPARE(m_model->nodeIndex("client1", TopologyModel::AddressColumn).data().toString(),
             QString("10.0.0.5 (typed by you)"));
}

void TestTopologyModel::anotherLabStartsAfresh() {
    m_model->setUserPorts("client1", {spec("tcp/5201")});
    m_model->setTicked({"clab-client1-tcp-22"});
    m_model->setTopology(lab(kLab, "other.clab.yml"));
    QVERIFY(!m_model->portIndex("clab-client1-tcp-5201").isValid());
    QCOMPARE(m_model->ticked(), QSet<QString>());
    QCOMPARE(m_model->portIndex("clab-client1-tcp-22").data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void TestTopologyModel::knowsItsFile() {
    QCOMPARE(m_model->file(), QString("lab.clab.yml"));
    m_model->setTopology(lab(kLab, "/labs/other.clab.yml"));
    QCOMPARE(m_model->file(), QString("/labs/other.clab.yml"));
}

QTEST_MAIN(TestTopologyModel)
#include "tst_topologymodel.moc"
