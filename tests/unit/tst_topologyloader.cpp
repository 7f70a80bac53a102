// SPDX-License-Identifier: GPL-3.0-or-later
#include "EffectivePublish.h"
#include "topology/TopologyLoader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare::topology;

namespace {

const QString kData = QStringLiteral(LABSHARE_TEST_DATA "/topologies");

LoadOptions offline() {
    LoadOptions options;
    options.environment = QProcessEnvironment();
    options.inspect = [](const QString&) {
        return std::optional<QByteArray>();
    };
    return options;
}

QStringList effective(const Topology& topology, const QString& node) {
    return labshare::testsupport::effectivePublish(topology, node, labshare::testsupport::WithOrigin::No);
}

QString errorsOf(const Topology& t) {
    QStringList out;
    for (const Problem& p : t.problems)
        if (p.severity == Severity::Error)
            out << p.toString();
    return out.join(QLatin1Char('\n'));
}

void writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions = {}) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    if (permissions)
        f.setPermissions(permissions);
}

} // namespace

class TestTopologyLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void loadsEveryRealTopology_data();
    void loadsEveryRealTopology();
    void classroomListsMatchTheHeader();
    void groupsEdgeCaseListsMatchTheHeader();
    void legacyMysocketioListsMatchTheHeader();
    void findsAddressesInTopologyData();
    void asksContainerlabInspectWhenNotDeployedHere();
    void runsTheContainerlabProgramOnThePath();
    void failsOnlyWhenTheFileCannotBeRead();
    void refusesFilesOverTheCap();
    void readsTopologyDataOnlyFromTheLabsOwnFolder();
};

void TestTopologyLoader::loadsEveryRealTopology_data() {
    QTest::addColumn<QString>("path");
    QDirIterator it(kData, {QStringLiteral("*.yml"), QStringLiteral("*.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QTest::newRow(qPrintable(QDir(kData).relativeFilePath(path))) << path;
        ++count;
    }
    QVERIFY2(count >= 100, "tests/data/topologies holds the samples and containerlab's corpus");
}

void TestTopologyLoader::loadsEveryRealTopology() {
    QFETCH(QString, path);
    const labshare::Result<Topology> t = TopologyLoader::load(path, offline());
    QVERIFY(t.ok());
    QVERIFY(!t->nodes.isEmpty() || t->hasErrors());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const bool isTemplate = file.readAll().contains("{{");
    if (!t->hasErrors())
        return;
    // The only errors allowed in real files: Go templates LabShare cannot render, said plainly.
    QVERIFY2(isTemplate, qPrintable(errorsOf(*t)));
    QVERIFY2(errorsOf(*t).contains(QStringLiteral("Go template")), qPrintable(errorsOf(*t)));
}

void TestTopologyLoader::classroomListsMatchTheHeader() {
    const auto t =
        TopologyLoader::load(kData + QStringLiteral("/publish-classroom-defaults-kinds-nodes.clab.yml"), offline());
    QVERIFY(t.ok());
    QVERIFY2(!t->hasErrors(), qPrintable(errorsOf(*t)));
    QCOMPARE(effective(*t, QStringLiteral("leaf1")), QStringList{"tls/57400/instructor@example.edu,example.edu"});
    QCOMPARE(effective(*t, QStringLiteral("leaf2")), QStringList{"tls/57400/instructor@example.edu,example.edu"});
    QCOMPARE(effective(*t, QStringLiteral("spine1")),
             (QStringList{"tcp/22/instructor@example.edu", "https/443/example.edu"}));
    QCOMPARE(effective(*t, QStringLiteral("client1")), QStringList{"tcp/22"});
    QCOMPARE(effective(*t, QStringLiteral("grafana")), QStringList{"http/3000/example.edu,partner.example.com"});
    QCOMPARE(t->node(QStringLiteral("leaf1"))->publish.at(0).from, PublishOrigin::Kind);
    QCOMPARE(t->node(QStringLiteral("client1"))->publish.at(0).from, PublishOrigin::Defaults);
    QCOMPARE(t->node(QStringLiteral("leaf1"))->mgmtIpv4, QStringLiteral("172.31.0.11"));
    QCOMPARE(t->node(QStringLiteral("leaf1"))->image, QStringLiteral("ghcr.io/nokia/srlinux:latest"));
}

void TestTopologyLoader::groupsEdgeCaseListsMatchTheHeader() {
    const auto t = TopologyLoader::load(kData + QStringLiteral("/publish-groups-edge-cases.clab.yml"), offline());
    QVERIFY(t.ok());
    QVERIFY2(!t->hasErrors(), qPrintable(errorsOf(*t)));
    const QStringList students{"tcp/22/students.example.edu", "http/8080/students.example.edu"};
    QCOMPARE(effective(*t, QStringLiteral("jump")), QStringList{"http/80"});
    QCOMPARE(effective(*t, QStringLiteral("pc1")), students);
    QCOMPARE(effective(*t, QStringLiteral("pc2")), students);
    QCOMPARE(effective(*t, QStringLiteral("r1")), QStringList{"tcp/22/instructor@example.edu"});
    QCOMPARE(effective(*t, QStringLiteral("web")),
             QStringList{"https/8443/alice@example.com,bob@example.org,example.edu"});
    QCOMPARE(effective(*t, QStringLiteral("hostnet")), QStringList{"tcp/2222"});
    QCOMPARE(t->node(QStringLiteral("pc1"))->container, QStringLiteral("trainer-publish-edge-pc1"));
    QCOMPARE(t->node(QStringLiteral("hostnet"))->networkMode, QStringLiteral("host"));
    QCOMPARE(t->node(QStringLiteral("r1"))->kind, QStringLiteral("nokia_srlinux"));
}

void TestTopologyLoader::legacyMysocketioListsMatchTheHeader() {
    const auto t = TopologyLoader::load(kData + QStringLiteral("/publish-legacy-mysocketio.clab.yml"), offline());
    QVERIFY(t.ok());
    QVERIFY2(!t->hasErrors(), qPrintable(errorsOf(*t)));
    QCOMPARE(effective(*t, QStringLiteral("r1")),
             (QStringList{"tcp/22", "tls/57400/trainer@example.com,contractor@example.net"}));
    QCOMPARE(effective(*t, QStringLiteral("r2")), QStringList{"tls/57400/example.com"});
    QCOMPARE(effective(*t, QStringLiteral("ceos1")), QStringList{"tcp/22/example.com"});
    QCOMPARE(effective(*t, QStringLiteral("grafana")),
             QStringList{"http/3000/example.com,example.org,colleague@example.net"});
    QCOMPARE(effective(*t, QStringLiteral("mysocketio")), QStringList{"https/443"});
    QCOMPARE(t->node(QStringLiteral("ceos1"))->kind, QStringLiteral("arista_ceos"));
    QCOMPARE(t->node(QStringLiteral("ceos1"))->mgmtIpv4, QStringLiteral("172.20.20.22"));
}

void TestTopologyLoader::findsAddressesInTopologyData() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString topo = dir.filePath(QStringLiteral("lab.clab.yml"));
    writeFile(topo, "name: lab\ntopology:\n  nodes:\n    r1: {kind: linux, mgmt-ipv4: 10.9.9.9}\n"
                    "    r2: {kind: linux}\n");
    writeFile(dir.filePath(QStringLiteral("clab-lab/topology-data.json")),
              R"({"name": "lab", "nodes": {"r1": {"longname": "clab-lab-r1", "mgmt-ipv4-address": "172.20.20.2"},
                  "r2": {"longname": "clab-lab-r2", "mgmt-ipv4-address": "172.20.20.3"}}})");
    int asked = 0;
    LoadOptions options = offline();
    options.inspect = [&asked](const QString&) {
        ++asked;
        return std::optional<QByteArray>();
    };
    const auto t = TopologyLoader::load(topo, options);
    QVERIFY(t.ok());
    QCOMPARE(t->node(QStringLiteral("r1"))->mgmtIpv4, QStringLiteral("172.20.20.2"));
    QCOMPARE(t->node(QStringLiteral("r1"))->addressSource, AddressSource::TopologyData);
    QCOMPARE(t->node(QStringLiteral("r2"))->mgmtIpv4, QStringLiteral("172.20.20.3"));
    QCOMPARE(asked, 0); // the lab directory answered for every node
}

void TestTopologyLoader::asksContainerlabInspectWhenNotDeployedHere() {
    QTemporaryDir dir;
    const QString topo = dir.filePath(QStringLiteral("lab.clab.yml"));
    writeFile(topo,
              "name: lab\ntopology:\n  nodes:\n    r1: {kind: linux}\n    r2: {kind: linux, mgmt-ipv4: 10.1.1.2}\n");
    LoadOptions options = offline();
    QString askedFor;
    options.inspect = [&askedFor](const QString& file) {
        askedFor = file;
        return std::optional<QByteArray>(
            R"({"lab": [{"lab_name": "lab", "name": "clab-lab-r1", "ipv4_address": "172.20.20.5/24",
                         "ipv6_address": "N/A"}]})");
    };
    const auto t = TopologyLoader::load(topo, options);
    QVERIFY(t.ok());
    QCOMPARE(askedFor, topo);
    QCOMPARE(t->node(QStringLiteral("r1"))->mgmtIpv4, QStringLiteral("172.20.20.5"));
    QCOMPARE(t->node(QStringLiteral("r1"))->addressSource, AddressSource::Inspect);
    QCOMPARE(t->node(QStringLiteral("r2"))->addressSource, AddressSource::Static);
}

void TestTopologyLoader::runsTheContainerlabProgramOnThePath() {
    QTemporaryDir dir;
    const QString topo = dir.filePath(QStringLiteral("lab.clab.yml"));
    writeFile(topo, "name: lab\ntopology:\n  nodes:\n    r1: {kind: linux}\n");
    // A stand-in for containerlab that answers like v0.39-v0.67 and records its arguments.
    writeFile(dir.filePath(QStringLiteral("bin/containerlab")),
              "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\n"
              "echo '{\"containers\": [{\"lab_name\": \"lab\", \"name\": \"clab-lab-r1\", "
              "\"ipv4_address\": \"172.20.20.7/24\", \"ipv6_address\": \"3fff:172:20:20::7/64\"}]}'\n",
              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    LoadOptions options;
    options.environment = QProcessEnvironment();
    options.environment.insert(QStringLiteral("PATH"),
                               dir.filePath(QStringLiteral("bin")) + QStringLiteral(":/bin:/usr/bin"));
    const auto t = TopologyLoader::load(topo, options);
    QVERIFY(t.ok());
    QCOMPARE(t->node(QStringLiteral("r1"))->mgmtIpv4, QStringLiteral("172.20.20.7"));
    QCOMPARE(t->node(QStringLiteral("r1"))->mgmtIpv6, QStringLiteral("3fff:172:20:20::7"));
    QFile args(dir.filePath(QStringLiteral("bin/args")));
    QVERIFY(args.open(QIODevice::ReadOnly));
    QCOMPARE(args.readAll().trimmed(), ("inspect -t " + topo + " --format json").toUtf8());

    // A containerlab that fails leaves the static (here: no) address and no error.
    writeFile(dir.filePath(QStringLiteral("bin/containerlab")), "#!/bin/sh\necho 'permission denied' >&2\nexit 1\n",
              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const auto failed = TopologyLoader::load(topo, options);
    QVERIFY(failed.ok());
    QCOMPARE(failed->node(QStringLiteral("r1"))->addressSource, AddressSource::None);
    QVERIFY(!failed->hasErrors());
}

void TestTopologyLoader::failsOnlyWhenTheFileCannotBeRead() {
    const auto missing = TopologyLoader::load(QStringLiteral("/nonexistent/lab.clab.yml"), offline());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, labshare::ErrorCode::FileUnreadable);
    QVERIFY(missing.error().message.contains(QStringLiteral("/nonexistent/lab.clab.yml")));
}

void TestTopologyLoader::refusesFilesOverTheCap() {
    QTemporaryDir dir;
    const QString topo = dir.filePath(QStringLiteral("lab.clab.yml"));
    const QByteArray lab = "name: lab\ntopology:\n  nodes:\n    r1: {kind: linux}\n";
    writeFile(topo, lab + '#' + QByteArray(TopologyLoader::kMaxFileSize, '#'));
    const auto refused = TopologyLoader::load(topo, offline());
    QVERIFY(refused.ok());
    QVERIFY(refused->nodes.isEmpty());
    QCOMPARE(refused->problems.size(), 1);
    QCOMPARE(refused->problems[0].toString(),
             topo + QStringLiteral(":1:1: error: the file is larger than 16 MiB; LabShare does not read it"));

    // topology-data.json too: the lab loads, its addresses do not come from that file.
    writeFile(topo, lab);
    writeFile(dir.filePath(QStringLiteral("clab-lab/topology-data.json")),
              R"({"nodes": {"r1": {"mgmt-ipv4-address": "172.20.20.2"}}})" +
                  QByteArray(TopologyLoader::kMaxFileSize, ' '));
    const auto loaded = TopologyLoader::load(topo, offline());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->nodes.size(), 1);
    QVERIFY(loaded->node(QStringLiteral("r1"))->mgmtIpv4.isEmpty());
    QVERIFY(
        errorsOf(*loaded).contains(QStringLiteral("topology-data.json:1:1: error: the file is larger than 16 MiB")));
}

// A lab named "../x" would have LabShare read x/topology-data.json outside the lab's folder.
void TestTopologyLoader::readsTopologyDataOnlyFromTheLabsOwnFolder() {
    QTemporaryDir dir;
    const QString topo = dir.filePath(QStringLiteral("labs/lab.clab.yml"));
    writeFile(topo, "name: ../elsewhere\ntopology:\n  nodes:\n    r1: {kind: linux}\n");
    writeFile(dir.filePath(QStringLiteral("labs/clab-../elsewhere/topology-data.json")),
              R"({"nodes": {"r1": {"mgmt-ipv4-address": "127.0.0.1"}}})");
    writeFile(dir.filePath(QStringLiteral("elsewhere/topology-data.json")),
              R"({"nodes": {"r1": {"mgmt-ipv4-address": "127.0.0.1"}}})");
    const auto t = TopologyLoader::load(topo, offline());
    QVERIFY(t.ok());
    QVERIFY(errorsOf(*t).contains(QStringLiteral("not a plain name")));
    QVERIFY(t->node(QStringLiteral("r1"))->mgmtIpv4.isEmpty());
}

QTEST_GUILESS_MAIN(TestTopologyLoader)
#include "tst_topologyloader.moc"
