// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/LabDiscovery.h"
#include "topology/TopologyLoader.h"

#include <QTest>

using namespace labshare::topology;

class TestLabDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsTopologyData();
    void reportsMalformedTopologyData();
    void readsEveryInspectShape_data();
    void readsEveryInspectShape();
    void keepsOnlyTheLabsContainers();
    void prefersTheBestSource();
    void findsTheLabDirectory();
};

void TestLabDiscovery::readsTopologyData() {
    const QByteArray json = R"({"name": "srl02", "type": "clab", "nodes": {
        "srl1": {"index": "0", "shortname": "srl1", "longname": "clab-srl02-srl1",
                 "mgmt-ipv4-address": "172.20.20.3", "mgmt-ipv4-prefix-length": 24,
                 "mgmt-ipv6-address": "3fff:172:20:20::3", "mgmt-ipv6-prefix-length": 64},
        "host1": {"longname": "clab-srl02-host1", "mgmt-ipv4-address": "", "mgmt-ipv6-address": ""}}})";
    QList<Problem> problems;
    const auto nodes = LabDiscovery::parseTopologyData(json, QStringLiteral("topology-data.json"), problems);
    QVERIFY(nodes);
    QVERIFY(problems.isEmpty());
    QCOMPARE(nodes->size(), 2);
    const RuntimeNode& srl1 = nodes->at(nodes->at(0).name == QLatin1String("srl1") ? 0 : 1);
    QCOMPARE(srl1.container, QStringLiteral("clab-srl02-srl1"));
    QCOMPARE(srl1.ipv4, QStringLiteral("172.20.20.3"));
    QCOMPARE(srl1.ipv6, QStringLiteral("3fff:172:20:20::3"));
}

void TestLabDiscovery::reportsMalformedTopologyData() {
    QList<Problem> problems;
    const auto nodes =
        LabDiscovery::parseTopologyData("{\n  \"nodes\": {\n    \"a\": }\n}", QStringLiteral("td.json"), problems);
    QVERIFY(!nodes);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).severity, Severity::Warning);
    QCOMPARE(problems.at(0).where.file, QStringLiteral("td.json"));
    QCOMPARE(problems.at(0).where.line, 3);
}

void TestLabDiscovery::readsEveryInspectShape_data() {
    QTest::addColumn<QByteArray>("json");
    const QByteArray entry = R"({"lab_name": "vlan", "name": "clab-vlan-client1", "container_id": "2c70173f3f41",
        "image": "ghcr.io/srl-labs/alpine", "kind": "linux", "state": "running",
        "ipv4_address": "172.20.20.4/24", "ipv6_address": "3fff:172:20:20::4/64"})";
    const QByteArray noAddress = R"({"lab_name": "vlan", "name": "clab-vlan-br", "kind": "linux",
        "ipv4_address": "N/A", "ipv6_address": "N/A"})";
    QTest::newRow("bare array (<= v0.30)") << "[" + entry + ", " + noAddress + "]";
    QTest::newRow("containers and mysocketio (v0.31-v0.38)")
        << R"({"containers": [)" + entry + ", " + noAddress + R"(], "mysocketio": [{"socket_id": "x"}]})";
    QTest::newRow("containers (v0.39-v0.67)") << R"({"containers": [)" + entry + ", " + noAddress + "]}";
    QTest::newRow("by lab (v0.68+)") << R"({"vlan": [)" + entry + ", " + noAddress + "]}";
}

void TestLabDiscovery::readsEveryInspectShape() {
    QFETCH(QByteArray, json);
    QList<Problem> problems;
    const auto nodes = LabDiscovery::parseInspect(json, QStringLiteral("vlan"), QStringLiteral("inspect"), problems);
    QVERIFY(nodes);
    QCOMPARE(nodes->size(), 2);
    QCOMPARE(nodes->at(0).container, QStringLiteral("clab-vlan-client1"));
    QCOMPARE(nodes->at(0).ipv4, QStringLiteral("172.20.20.4"));
    QCOMPARE(nodes->at(0).ipv6, QStringLiteral("3fff:172:20:20::4"));
    QCOMPARE(nodes->at(1).ipv4, QString());
    QCOMPARE(nodes->at(1).ipv6, QString());
}

void TestLabDiscovery::keepsOnlyTheLabsContainers() {
    QList<Problem> problems;
    const auto grouped = LabDiscovery::parseInspect(
        R"({"other": [{"lab_name": "other", "name": "clab-other-a", "ipv4_address": "10.0.0.1/24"}], "vlan": []})",
        QStringLiteral("vlan"), QStringLiteral("inspect"), problems);
    QVERIFY(grouped);
    QVERIFY(grouped->isEmpty());
    const auto flat = LabDiscovery::parseInspect(
        R"([{"lab_name": "other", "name": "clab-other-a", "ipv4_address": "10.0.0.1/24"},
            {"lab_name": "vlan", "name": "clab-vlan-a", "ipv4_address": "10.0.0.2/24"}])",
        QStringLiteral("vlan"), QStringLiteral("inspect"), problems);
    QVERIFY(flat);
    QCOMPARE(flat->size(), 1);
    QCOMPARE(flat->at(0).ipv4, QStringLiteral("10.0.0.2"));
    const auto empty = LabDiscovery::parseInspect("{}", QStringLiteral("vlan"), QStringLiteral("inspect"), problems);
    QVERIFY(empty && empty->isEmpty());
    QVERIFY(problems.isEmpty());
}

void TestLabDiscovery::prefersTheBestSource() {
    Topology t = TopologyLoader::parse("name: lab\ntopology:\n  nodes:\n"
                                       "    a: {kind: linux, mgmt-ipv4: 10.0.0.1}\n"
                                       "    b: {kind: linux, mgmt-ipv4: 10.0.0.2}\n"
                                       "    c: {kind: linux, mgmt-ipv4: 10.0.0.3}\n"
                                       "    d: {kind: linux}\n",
                                       QStringLiteral("lab.clab.yml"), QProcessEnvironment());
    const QList<RuntimeNode> data = {
        {QStringLiteral("a"), QStringLiteral("custom-a"), QStringLiteral("172.20.20.1"), {}},
        {QStringLiteral("b"), QStringLiteral("clab-lab-b"), {}, {}}};
    const QList<RuntimeNode> inspect = {{{}, QStringLiteral("clab-lab-b"), QStringLiteral("172.20.20.2"), {}},
                                        {{}, QStringLiteral("custom-a"), QStringLiteral("172.20.20.99"), {}}};
    LabDiscovery::applyAddresses(t, data, inspect);
    QCOMPARE(t.node(QStringLiteral("a"))->mgmtIpv4, QStringLiteral("172.20.20.1"));
    QCOMPARE(t.node(QStringLiteral("a"))->addressSource, AddressSource::TopologyData);
    QCOMPARE(t.node(QStringLiteral("a"))->container, QStringLiteral("custom-a"));
    QCOMPARE(t.node(QStringLiteral("b"))->mgmtIpv4, QStringLiteral("172.20.20.2"));
    QCOMPARE(t.node(QStringLiteral("b"))->addressSource, AddressSource::Inspect);
    QCOMPARE(t.node(QStringLiteral("c"))->mgmtIpv4, QStringLiteral("10.0.0.3"));
    QCOMPARE(t.node(QStringLiteral("c"))->addressSource, AddressSource::Static);
    QCOMPARE(t.node(QStringLiteral("d"))->mgmtIpv4, QString());
    QCOMPARE(t.node(QStringLiteral("d"))->addressSource, AddressSource::None);
}

void TestLabDiscovery::findsTheLabDirectory() {
    QProcessEnvironment env;
    QCOMPARE(LabDiscovery::labDirectory(QStringLiteral("/labs/x/lab.clab.yml"), QStringLiteral("srl02"), env),
             QStringLiteral("/labs/x/clab-srl02"));
    env.insert(QStringLiteral("CLAB_LABDIR_BASE"), QStringLiteral("/var/labs"));
    QCOMPARE(LabDiscovery::labDirectory(QStringLiteral("/labs/x/lab.clab.yml"), QStringLiteral("srl02"), env),
             QStringLiteral("/var/labs/clab-srl02"));
}

QTEST_GUILESS_MAIN(TestLabDiscovery)
#include "tst_labdiscovery.moc"
