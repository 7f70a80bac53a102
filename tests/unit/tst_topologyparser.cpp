// SPDX-License-Identifier: GPL-3.0-or-later
#include "EffectivePublish.h"
#include "topology/TopologyLoader.h"

#include <QTest>

using namespace labshare::topology;

namespace {

const QString kFile = QStringLiteral("lab.clab.yml");

Topology parse(const QByteArray& yaml, const QProcessEnvironment& env = QProcessEnvironment()) {
    return TopologyLoader::parse(yaml, kFile, env);
}

QStringList effective(const Topology& topology, const QString& node) {
    return labshare::testsupport::effectivePublish(topology, node, labshare::testsupport::WithOrigin::Yes);
}

QStringList problemTexts(const Topology& topology) {
    QStringList out;
    for (const Problem& p : topology.problems)
        out << p.toString();
    return out;
}

const Problem* findProblem(const Topology& topology, const QString& part) {
    for (const Problem& p : topology.problems)
        if (p.message.contains(part))
            return &p;
    return nullptr;
}

} // namespace

class TestTopologyParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void publishOverridesNeverMerges_data();
    void publishOverridesNeverMerges();
    void emptyListInherits();
    void kindComesFromGroupOrDefaults();
    void labelReplacesLegacyLists();
    void labelMergesAlongTheChain();
    void emptyLabelPublishesNothing();
    void inheritsImageAndNetworkMode();
    void namesContainersByPrefix_data();
    void namesContainersByPrefix();
    void acceptsLegacySpellings();
    void acceptsNullNodes();
    void expandsEnvironmentBeforeParsing();
    void reportsEachBadEntryWhereItIs_data();
    void reportsEachBadEntryWhereItIs();
    void badEntryNeverHidesTheRest();
    void reportsPositionsInTheFileAsWritten();
    void reportsYamlSyntaxErrors();
    void rejectsFilesThatAreNotTopologies_data();
    void rejectsFilesThatAreNotTopologies();
    void reportsUnknownLinkNodes();
    void readsExtendedLinks();
    void warnsAboutTheRetiredPublishKey();
    void warnsAboutDuplicateEntries();
    void ignoresPublishOnBridges();
    void explainsGoTemplates();
    void requiresAName();
    void refusesALabNameThatIsAPath_data();
    void refusesALabNameThatIsAPath();
    void hostileExpansionIsAProblemAtItsPlace();
    void boundsWhatAliasesStandFor();
    void aFileYamlCppReadsForeverIsReadInTime();
};

void TestTopologyParser::publishOverridesNeverMerges_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expected");

    const QByteArray head = "name: t\ntopology:\n";
    QTest::newRow("defaults only") << head + "  defaults: {kind: linux, publish: [tcp/22]}\n  nodes: {n: {}}\n"
                                   << QStringList{"tcp/22(defaults)"};
    QTest::newRow("kind beats defaults") << head + "  defaults: {publish: [tcp/22]}\n"
                                                   "  kinds: {linux: {publish: [http/80]}}\n"
                                                   "  nodes: {n: {kind: linux}}\n"
                                         << QStringList{"http/80(kind)"};
    QTest::newRow("group beats kind") << head + "  kinds: {linux: {publish: [http/80]}}\n"
                                                "  groups: {g: {publish: [tls/443, tcp/23]}}\n"
                                                "  nodes: {n: {kind: linux, group: g}}\n"
                                      << QStringList{"tls/443(group)", "tcp/23(group)"};
    QTest::newRow("node beats all") << head + "  defaults: {publish: [tcp/22]}\n"
                                              "  kinds: {linux: {publish: [http/80]}}\n"
                                              "  groups: {g: {publish: [tls/443]}}\n"
                                              "  nodes: {n: {kind: linux, group: g, publish: [https/8443]}}\n"
                                    << QStringList{"https/8443(node)"};
    QTest::newRow("kind key is the kind as written") << head + "  kinds: {nokia_srlinux: {publish: [http/80]}}\n"
                                                               "  nodes: {n: {kind: srl}}\n"
                                                     << QStringList();
    QTest::newRow("nothing anywhere") << head + "  nodes: {n: {kind: linux}}\n" << QStringList();
}

void TestTopologyParser::publishOverridesNeverMerges() {
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    const Topology t = parse(yaml);
    QVERIFY2(!t.hasErrors(), qPrintable(problemTexts(t).join(QLatin1Char('\n'))));
    QCOMPARE(effective(t, QStringLiteral("n")), expected);
}

void TestTopologyParser::emptyListInherits() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  groups: {g: {publish: [tcp/22]}}\n"
                             "  nodes:\n    n: {kind: linux, group: g, publish: []}\n");
    QCOMPARE(effective(t, QStringLiteral("n")), QStringList{"tcp/22(group)"});
}

void TestTopologyParser::kindComesFromGroupOrDefaults() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux}\n"
                             "  kinds:\n    linux: {publish: [http/80]}\n    nokia_srlinux: {publish: [tls/57400]}\n"
                             "  groups: {routers: {kind: nokia_srlinux}}\n"
                             "  nodes:\n    a: {}\n    b: {group: routers}\n");
    QCOMPARE(t.node(QStringLiteral("a"))->kind, QStringLiteral("linux"));
    QCOMPARE(effective(t, QStringLiteral("a")), QStringList{"http/80(kind)"});
    QCOMPARE(t.node(QStringLiteral("b"))->kind, QStringLiteral("nokia_srlinux"));
    QCOMPARE(t.node(QStringLiteral("b"))->group, QStringLiteral("routers"));
    QCOMPARE(effective(t, QStringLiteral("b")), QStringList{"tls/57400(kind)"});
}

void TestTopologyParser::labelReplacesLegacyLists() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux, publish: [tcp/22]}\n"
                             "  nodes:\n"
                             "    n:\n"
                             "      publish: [http/80]\n"
                             "      labels: {labshare.publish: \"tcp/2222  tls/57400/a@b.com,b.com\"}\n");
    QCOMPARE(effective(t, QStringLiteral("n")), (QStringList{"tcp/2222(label)", "tls/57400/a@b.com,b.com(label)"}));
    const PublishSpec& second = t.node(QStringLiteral("n"))->publish.at(1);
    QCOMPARE(second.where.line, 7);
    QCOMPARE(second.where.column, 45); // the entry itself, inside the quoted label value
}

void TestTopologyParser::labelMergesAlongTheChain() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux, labels: {labshare.publish: tcp/22, team: blue}}\n"
                             "  kinds: {linux: {labels: {team: red}}}\n"
                             "  groups: {web: {labels: {labshare.publish: http/80}}}\n"
                             "  nodes:\n"
                             "    a: {}\n"
                             "    b: {group: web}\n"
                             "    c: {group: web, publish: [tcp/23], labels: {labshare.publish: https/443}}\n");
    QCOMPARE(effective(t, QStringLiteral("a")), QStringList{"tcp/22(label)"});
    QCOMPARE(effective(t, QStringLiteral("b")), QStringList{"http/80(label)"});
    QCOMPARE(effective(t, QStringLiteral("c")), QStringList{"https/443(label)"});
    QCOMPARE(t.node(QStringLiteral("a"))->labels.value(QStringLiteral("team")), QStringLiteral("red"));
}

void TestTopologyParser::emptyLabelPublishesNothing() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux, labels: {labshare.publish: tcp/22}}\n"
                             "  nodes:\n    quiet: {labels: {labshare.publish: \"\"}}\n    loud: {}\n");
    QCOMPARE(effective(t, QStringLiteral("quiet")), QStringList());
    QCOMPARE(effective(t, QStringLiteral("loud")), QStringList{"tcp/22(label)"});
}

void TestTopologyParser::inheritsImageAndNetworkMode() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux, image: alpine:3}\n"
                             "  kinds: {linux: {image: debian:12}}\n"
                             "  groups: {g: {image: grafana/grafana, network-mode: host}}\n"
                             "  nodes:\n    a: {}\n    b: {group: g}\n    c: {group: g, image: nginx}\n"
                             "    d: {kind: nokia_srlinux}\n");
    QCOMPARE(t.node(QStringLiteral("a"))->image, QStringLiteral("debian:12"));
    QCOMPARE(t.node(QStringLiteral("b"))->image, QStringLiteral("grafana/grafana"));
    QCOMPARE(t.node(QStringLiteral("b"))->networkMode, QStringLiteral("host"));
    QCOMPARE(t.node(QStringLiteral("c"))->image, QStringLiteral("nginx"));
    QCOMPARE(t.node(QStringLiteral("d"))->image, QStringLiteral("alpine:3"));
}

void TestTopologyParser::namesContainersByPrefix_data() {
    QTest::addColumn<QByteArray>("prefixLine");
    QTest::addColumn<QString>("container");
    QTest::newRow("default") << QByteArray() << "clab-lab-r1";
    QTest::newRow("empty") << QByteArray("prefix: \"\"\n") << "r1";
    QTest::newRow("lab name") << QByteArray("prefix: __lab-name\n") << "lab-r1";
    QTest::newRow("custom") << QByteArray("prefix: trainer\n") << "trainer-lab-r1";
}

void TestTopologyParser::namesContainersByPrefix() {
    QFETCH(QByteArray, prefixLine);
    QFETCH(QString, container);
    const Topology t = parse("name: lab\n" + prefixLine + "topology:\n  nodes: {r1: {kind: linux}}\n");
    QCOMPARE(t.node(QStringLiteral("r1"))->container, container);
}

void TestTopologyParser::acceptsLegacySpellings() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  kinds: {srl: {image: srlinux:21, publish: [tls/57400]}}\n"
                             "  nodes:\n    r1: {kind: srl, mgmt_ipv4: 172.20.20.21, mgmt_ipv6: '2001:db8::21'}\n"
                             "    r2: {kind: vr-sros, mgmt-ipv4: 172.20.20.22}\n");
    const Node* r1 = t.node(QStringLiteral("r1"));
    QCOMPARE(r1->kind, QStringLiteral("nokia_srlinux"));
    QCOMPARE(r1->kindAsWritten, QStringLiteral("srl"));
    QCOMPARE(r1->image, QStringLiteral("srlinux:21"));
    QCOMPARE(r1->staticIpv4, QStringLiteral("172.20.20.21"));
    QCOMPARE(r1->staticIpv6, QStringLiteral("2001:db8::21"));
    QCOMPARE(effective(t, QStringLiteral("r1")), QStringList{"tls/57400(kind)"});
    QCOMPARE(t.node(QStringLiteral("r2"))->kind, QStringLiteral("nokia_sros"));
    QVERIFY(!t.hasErrors());
    QVERIFY(findProblem(t, QStringLiteral("'mgmt_ipv4' is the old spelling")));
}

void TestTopologyParser::acceptsNullNodes() {
    const Topology t = parse("name: t\ntopology:\n  defaults: {kind: linux}\n  nodes:\n    l1:\n    l2: {}\n");
    QVERIFY2(!t.hasErrors(), qPrintable(problemTexts(t).join(QLatin1Char('\n'))));
    QCOMPARE(t.nodes.size(), 2);
    QCOMPARE(t.nodes.at(0).name, QStringLiteral("l1"));
    QCOMPARE(t.nodes.at(0).kind, QStringLiteral("linux"));
}

void TestTopologyParser::expandsEnvironmentBeforeParsing() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("SRL_VERSION"), QStringLiteral("24.10"));
    const QByteArray yaml = "name: ${LAB:=env-lab}\ntopology:\n"
                            "  nodes:\n"
                            "    r1: {kind: linux, image: srl:${SRL_VERSION:=latest}, "
                            "publish: [\"tcp/22/${INSTRUCTOR:=teacher@example.edu}\"]}\n"
                            "    r2:\n      kind: linux\n      image: ${UNSET_IMAGE}\n";
    const Topology t = parse(yaml, env);
    QCOMPARE(t.name, QStringLiteral("env-lab"));
    QCOMPARE(t.node(QStringLiteral("r1"))->image, QStringLiteral("srl:24.10"));
    QCOMPARE(effective(t, QStringLiteral("r1")), QStringList{"tcp/22/teacher@example.edu(node)"});
    QCOMPARE(t.node(QStringLiteral("r2"))->image, QStringLiteral("${UNSET_IMAGE}"));
}

void TestTopologyParser::reportsEachBadEntryWhereItIs_data() {
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no port") << "tcp"
                             << "has no port";
    QTest::newRow("port 0") << "tcp/0"
                            << "out of range";
    QTest::newRow("udp") << "udp/53"
                         << "not supported";
    QTest::newRow("empty allowed") << "tcp/22/"
                                   << "names no allowed users";
    QTest::newRow("not a number") << "tcp/x"
                                  << "not a number";
    QTest::newRow("term port out of range") << "term/65536"
                                            << "out of range";
    QTest::newRow("term not a number") << "term/ssh"
                                       << "not a number";
}

void TestTopologyParser::reportsEachBadEntryWhereItIs() {
    QFETCH(QString, entry);
    QFETCH(QString, messagePart);
    const QByteArray yaml = "name: t\n"
                            "topology:\n"
                            "  nodes:\n"
                            "    r1:\n"
                            "      kind: linux\n"
                            "      publish:\n"
                            "        - tcp/22\n"
                            "        - " +
                            entry.toUtf8() + "\n";
    const Topology t = parse(yaml);
    QVERIFY(t.hasErrors());
    const Problem* p = findProblem(t, messagePart);
    QVERIFY2(p, qPrintable(problemTexts(t).join(QLatin1Char('\n'))));
    QCOMPARE(p->severity, Severity::Error);
    QCOMPARE(p->where.file, kFile);
    QCOMPARE(p->where.line, 8);
    QCOMPARE(p->where.column, 11);
    QCOMPARE(p->node, QStringLiteral("r1"));
    QVERIFY(p->message.contains(QLatin1Char('\'') + entry + QLatin1Char('\'')) || entry == QLatin1String("tcp/0"));
    QCOMPARE(effective(t, QStringLiteral("r1")), QStringList{"tcp/22(node)"});
}

void TestTopologyParser::badEntryNeverHidesTheRest() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  defaults: {kind: linux}\n"
                             "  nodes:\n"
                             "    a: {publish: [udp/53, tcp/22, tcp/0, http/80]}\n"
                             "    b: {publish: [tcp/x]}\n"
                             "    c: {publish: [https/443]}\n");
    QCOMPARE(t.nodes.size(), 3);
    QCOMPARE(effective(t, QStringLiteral("a")), (QStringList{"tcp/22(node)", "http/80(node)"}));
    QCOMPARE(effective(t, QStringLiteral("b")), QStringList());
    QCOMPARE(effective(t, QStringLiteral("c")), QStringList{"https/443(node)"});
    const auto errors = std::count_if(t.problems.cbegin(), t.problems.cend(),
                                      [](const Problem& p) { return p.severity == Severity::Error; });
    QCOMPARE(errors, 3);
}

void TestTopologyParser::reportsPositionsInTheFileAsWritten() {
    // The expansion makes line 5 longer; the column must still be the one the user sees.
    QProcessEnvironment env;
    env.insert(QStringLiteral("SOME_LONG_VARIABLE"), QStringLiteral("x"));
    env.insert(QStringLiteral("S"), QStringLiteral("a-very-long-expanded-value"));
    const Topology t = parse("name: t\ntopology:\n  nodes:\n"
                             "    r1:\n"
                             "      {kind: linux, image: \"${S}é\", publish: [tcp/22, tcp/0]}\n"
                             "    r2: {kind: linux, image: ${SOME_LONG_VARIABLE}, publish: [udp/1]}\n",
                             env);
    const Problem* port = findProblem(t, QStringLiteral("out of range"));
    QVERIFY(port);
    QCOMPARE(port->where.line, 5);
    QCOMPARE(port->where.column, 55);
    const Problem* udp = findProblem(t, QStringLiteral("udp"));
    QVERIFY(udp);
    QCOMPARE(udp->where.line, 6);
    QCOMPARE(udp->where.column, 63);
}

void TestTopologyParser::reportsYamlSyntaxErrors() {
    const Topology t = parse("name: t\ntopology:\n  nodes:\n    r1: {kind: linux\n    r2: {}\n");
    QVERIFY(t.hasErrors());
    QCOMPARE(t.problems.size(), 1);
    const Problem& p = t.problems.constFirst();
    QVERIFY2(p.message.startsWith(QStringLiteral("YAML syntax error")), qPrintable(p.message));
    QVERIFY(p.where.line >= 4);
    QVERIFY(p.where.column >= 1);
    QCOMPARE(t.name, QStringLiteral("lab")); // from the file name, so the window can still say which lab
}

void TestTopologyParser::rejectsFilesThatAreNotTopologies_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("plain text") << QByteArray("just some words\n") << "not a containerlab topology";
    QTest::newRow("a list") << QByteArray("- a\n- b\n") << "not a containerlab topology";
    QTest::newRow("compose file") << QByteArray("services:\n  web: {image: nginx}\n") << "no 'topology:' section";
    QTest::newRow("no nodes") << QByteArray("name: t\ntopology:\n  links: []\n") << "has no nodes";
    QTest::newRow("nodes a list") << QByteArray("name: t\ntopology:\n  nodes: [a, b]\n") << "has no nodes";
    QTest::newRow("empty file") << QByteArray() << "not a containerlab topology";
}

void TestTopologyParser::rejectsFilesThatAreNotTopologies() {
    QFETCH(QByteArray, text);
    QFETCH(QString, messagePart);
    const Topology t = parse(text);
    QVERIFY(t.hasErrors());
    const Problem* p = findProblem(t, messagePart);
    QVERIFY2(p, qPrintable(problemTexts(t).join(QLatin1Char('\n'))));
    QVERIFY(p->where.line >= 1);
}

void TestTopologyParser::reportsUnknownLinkNodes() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  nodes: {r1: {kind: linux}, r2: {kind: linux}}\n"
                             "  links:\n"
                             "    - endpoints: [\"r1:eth1\", \"r2:eth1\"]\n"
                             "    - endpoints: [\"r1:eth2\", \"r9:eth1\"]\n"
                             "    - endpoints: [\"r1:eth3\", \"host:veth0\"]\n"
                             "    - endpoints: [\"srsim:1/1/c1/1\", \"r2:e1\"]\n");
    const Problem* r9 = findProblem(t, QStringLiteral("'r9'"));
    QVERIFY(r9);
    QCOMPARE(r9->severity, Severity::Error);
    QCOMPARE(r9->where.line, 6);
    QCOMPARE(r9->where.column, 30); // the opening quote of "r9:eth1"
    const Problem* srsim = findProblem(t, QStringLiteral("'srsim'"));
    QVERIFY(srsim);
    QVERIFY(srsim->message.contains(QStringLiteral("srsim:1/1/c1/1")));
    QVERIFY(!findProblem(t, QStringLiteral("'host'")));
    QCOMPARE(t.links.size(), 4);
    QCOMPARE(t.links.at(2).type, QStringLiteral("host"));
    QCOMPARE(t.nodes.size(), 2);
}

void TestTopologyParser::readsExtendedLinks() {
    const Topology t = parse("name: t\ntopology:\n"
                             "  nodes: {r1: {kind: linux}, r2: {kind: linux}}\n"
                             "  links:\n"
                             "    - type: veth\n"
                             "      endpoints: [{node: r1, interface: e1}, {node: r2, interface: e1}]\n"
                             "    - type: mgmt-net\n"
                             "      endpoint: {node: r1, interface: e2}\n"
                             "      host-interface: r1-e2\n"
                             "    - type: dummy\n"
                             "      endpoint: {node: ghost, interface: e3}\n");
    QCOMPARE(t.links.size(), 3);
    QCOMPARE(t.links.at(0).endpoints.size(), 2);
    QCOMPARE(t.links.at(0).endpoints.at(1).node, QStringLiteral("r2"));
    QCOMPARE(t.links.at(1).type, QStringLiteral("mgmt-net"));
    const Problem* ghost = findProblem(t, QStringLiteral("'ghost'"));
    QVERIFY(ghost);
    QCOMPARE(ghost->where.line, 11);
    QCOMPARE(ghost->where.column, 24);
}

void TestTopologyParser::warnsAboutTheRetiredPublishKey() {
    const Topology t = parse("name: t\ntopology:\n  nodes:\n"
                             "    r1:\n      kind: linux\n      publish: [tcp/22, \"http/3000/a.edu, b.org\"]\n");
    QVERIFY(!t.hasErrors());
    const Problem* p = findProblem(t, QStringLiteral("retired 'publish' key"));
    QVERIFY(p);
    QCOMPARE(p->severity, Severity::Warning);
    QCOMPARE(p->where.line, 6);
    QCOMPARE(p->where.column, 7);
    QVERIFY2(p->message.contains(QStringLiteral("labels: {labshare.publish: \"tcp/22 http/3000/a.edu,b.org\"}")),
             qPrintable(p->message));
}

void TestTopologyParser::warnsAboutDuplicateEntries() {
    const Topology t = parse("name: t\ntopology:\n  nodes:\n    r1: {kind: linux, publish: [tcp/22, tcp/22/a.edu]}\n");
    QCOMPARE(effective(t, QStringLiteral("r1")), QStringList{"tcp/22(node)"});
    QVERIFY(findProblem(t, QStringLiteral("listed twice")));
}

void TestTopologyParser::ignoresPublishOnBridges() {
    const Topology t = parse("name: t\ntopology:\n  defaults: {publish: [tcp/22]}\n"
                             "  nodes:\n    br1: {kind: bridge}\n    br2: {kind: bridge, publish: [tcp/23]}\n"
                             "    pc: {kind: linux}\n");
    QCOMPARE(effective(t, QStringLiteral("br1")), QStringList());
    QCOMPARE(effective(t, QStringLiteral("br2")), QStringList());
    QCOMPARE(effective(t, QStringLiteral("pc")), QStringList{"tcp/22(defaults)"});
    QVERIFY(findProblem(t, QStringLiteral("'br2' is a bridge")));
    QVERIFY(!findProblem(t, QStringLiteral("'br1' is a bridge")));
}

void TestTopologyParser::explainsGoTemplates() {
    const Topology broken = parse("name: t\ntopology:\n  nodes:\n    r1: {kind: linux}\n"
                                  "{{- if .extra }}\n    r2: {kind: linux}\n{{- end }}\n");
    QVERIFY(broken.hasErrors());
    QCOMPARE(broken.problems.size(), 1);
    QVERIFY(broken.problems.constFirst().message.contains(QStringLiteral("Go template")));
    QCOMPARE(broken.problems.constFirst().where.line, 5);

    const Topology readable = parse("name: t\ntopology:\n  nodes:\n    r1: {kind: linux, image: \"{{ .img }}\"}\n");
    QVERIFY(!readable.hasErrors());
    QCOMPARE(readable.nodes.size(), 1);
    QVERIFY(findProblem(readable, QStringLiteral("Go template")));
}

void TestTopologyParser::requiresAName() {
    const Topology t = parse("topology:\n  nodes: {r1: {kind: linux}}\n");
    QVERIFY(findProblem(t, QStringLiteral("no 'name:'")));
    QCOMPARE(t.name, QStringLiteral("lab"));
    QCOMPARE(t.node(QStringLiteral("r1"))->container, QStringLiteral("clab-lab-r1"));
}

void TestTopologyParser::refusesALabNameThatIsAPath_data() {
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("used");
    QTest::newRow("parent") << QByteArray("../../etc") << QStringLiteral("lab");
    QTest::newRow("dots") << QByteArray("..") << QStringLiteral("lab");
    QTest::newRow("absolute") << QByteArray("/tmp/x") << QStringLiteral("lab");
    QTest::newRow("backslash") << QByteArray("\"a\\\\b\"") << QStringLiteral("lab");
    QTest::newRow("control") << QByteArray("\"a\\x1bb\"") << QStringLiteral("lab");
}

// containerlab makes the folder clab-<name> from it, where LabShare reads topology-data.json.
void TestTopologyParser::refusesALabNameThatIsAPath() {
    QFETCH(QByteArray, name);
    QFETCH(QString, used);
    const Topology t = parse("name: " + name + "\ntopology:\n  nodes: {r1: {kind: linux}}\n");
    const Problem* p = findProblem(t, QStringLiteral("not a plain name"));
    QVERIFY(p);
    QCOMPARE(p->where.line, 1);
    QCOMPARE(p->where.column, 7);
    QCOMPARE(t.name, used);
    QCOMPARE(t.node(QStringLiteral("r1"))->container, QStringLiteral("clab-lab-r1"));
}

void TestTopologyParser::hostileExpansionIsAProblemAtItsPlace() {
    QByteArray deep = "name: t\ntopology:\n  nodes:\n    r1:\n      kind: linux\n      image: ";
    for (int i = 0; i < 100000; ++i)
        deep += "${X:-";
    deep += 'z' + QByteArray(100000, '}') + '\n';
    const Topology t = parse(deep);
    const Problem* p = findProblem(t, QStringLiteral("nested more than 32 deep"));
    QVERIFY(p);
    QCOMPARE(p->where.line, 6);
    QCOMPARE(p->where.column, 14 + 32 * 5);
}

// Found by fuzz_topology: for this 2.5 KB file yaml-cpp 0.7's event parser reports one document after
// another without moving on, and the alias budget's pass went on reading them for good.
void TestTopologyParser::aFileYamlCppReadsForeverIsReadInTime() {
    QFile file(QStringLiteral(LABSHARE_TEST_DATA "/hostile/endless-yaml-documents.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Topology t = parse(file.readAll());
    QVERIFY(!t.problems.isEmpty());
}

void TestTopologyParser::boundsWhatAliasesStandFor() {
    // 2,000 labels aliased by 100 nodes: the map, its keys and values are 4,001 values; 400,000 from 40 KB.
    QByteArray yaml = "name: t\ntopology:\n  defaults:\n    labels: &many\n";
    for (int i = 0; i < 2000; ++i)
        yaml += "      k" + QByteArray::number(i) + ": v\n";
    yaml += "  nodes:\n";
    for (int i = 0; i < 100; ++i)
        yaml += "    n" + QByteArray::number(i) + ": {kind: linux, labels: *many}\n";
    const Topology t = parse(yaml);
    const Problem* p = findProblem(t, QStringLiteral("YAML aliases"));
    QVERIFY(p);
    QCOMPARE(p->where.line, 2005 + 25); // n24, the 25th alias, passes 100,000 values
    QVERIFY(t.nodes.isEmpty());

    // A lab that shares a block of settings among its nodes, as labs do, is read as usual.
    QByteArray shared = "name: t\ntopology:\n  nodes:\n";
    shared += "    n0: &node {kind: linux, image: alpine, labels: {a: b}, publish: [tcp/22]}\n";
    for (int i = 1; i < 1000; ++i)
        shared += "    n" + QByteArray::number(i) + ": *node\n";
    const Topology fine = parse(shared);
    QVERIFY(!fine.hasErrors());
    QCOMPARE(fine.nodes.size(), 1000);
}

QTEST_GUILESS_MAIN(TestTopologyParser)
#include "tst_topologyparser.moc"
