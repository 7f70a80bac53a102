// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/CandidatePorts.h"
#include "topology/TopologyLoader.h"

#include <QTest>

using namespace labshare;
using labshare::share::CandidateOrigin;
using labshare::share::CandidatePort;

namespace {

QList<topology::PublishSpec> specs(const QStringList& entries) {
    QList<topology::PublishSpec> out;
    for (const QString& entry : entries) {
        const auto spec = topology::PublishSpec::parse(entry);
        if (!spec.ok())
            qFatal("bad entry in test table: %s", qPrintable(entry));
        out << *spec;
    }
    return out;
}

QString originCode(CandidateOrigin origin) {
    switch (origin) {
    case CandidateOrigin::Declared:
        return "declared";
    case CandidateOrigin::WellKnown:
        return "known";
    case CandidateOrigin::UserAdded:
        return "user";
    }
    return "?";
}

// "gNMI tls/57400 declared a@b.com,example.edu": one line per candidate, easy to read in a failure.
QStringList describe(const QList<CandidatePort>& candidates) {
    QStringList out;
    for (const CandidatePort& c : candidates) {
        QString line = c.label + ' ' + topology::publishTypeName(c.spec.type) + '/' + QString::number(c.spec.port) +
                       ' ' + originCode(c.origin);
        if (!c.spec.allowed.isEmpty())
            line += ' ' + c.spec.allowed.join(',');
        out << line;
    }
    return out;
}

} // namespace

class TestCandidatePorts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void offersPortsPerKindAndImage_data();
    void offersPortsPerKindAndImage();
    void readsDeclaredEntriesFromTheTopology();
    void labelsEntries_data();
    void labelsEntries();
    void namesOrigins();
};

void TestCandidatePorts::offersPortsPerKindAndImage_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("declared");
    QTest::addColumn<QStringList>("userAdded");
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    QTest::newRow("SR Linux") << "nokia_srlinux"
                              << "ghcr.io/nokia/srlinux:24.3.1" << none << none
                              << QStringList{"SSH tcp/22 known", "gNMI tls/57400 known", "NETCONF tcp/830 known",
                                             "JSON-RPC https/443 known", "Browser terminal term/22 known"};
    QTest::newRow("SR Linux short kind") << "srl"
                                         << "" << none << none
                                         << QStringList{"SSH tcp/22 known", "gNMI tls/57400 known",
                                                        "NETCONF tcp/830 known", "JSON-RPC https/443 known",
                                                        "Browser terminal term/22 known"};
    QTest::newRow("cEOS") << "arista_ceos"
                          << "ceos:4.32.0F" << none << none
                          << QStringList{"SSH tcp/22 known", "gNMI tls/6030 known", "eAPI https/443 known",
                                         "Browser terminal term/22 known"};
    QTest::newRow("SR OS") << "nokia_sros"
                           << "vrnetlab/nokia_sros:23.10.R1" << none << none
                           << QStringList{"SSH tcp/22 known", "gNMI tls/57400 known", "NETCONF tcp/830 known",
                                          "Browser terminal term/22 known"};
    QTest::newRow("SR-SIM") << "nokia_srsim"
                            << "nokia_srsim:25.3.R1" << none << none
                            << QStringList{"SSH tcp/22 known", "gNMI tls/57400 known", "NETCONF tcp/830 known",
                                           "Browser terminal term/22 known"};
    QTest::newRow("linux") << "linux"
                           << "ghcr.io/srl-labs/network-multitool" << none << none
                           << QStringList{"SSH tcp/22 known", "Browser terminal term/22 known"};
    QTest::newRow("grafana image") << "linux"
                                   << "grafana/grafana:10.4.2" << none << none << QStringList{"HTTP http/3000 known"};
    QTest::newRow("grafana-oss by digest behind a registry port")
        << "linux"
        << "localhost:5000/grafana/grafana-oss@sha256:0123abcd" << none << none << QStringList{"HTTP http/3000 known"};
    QTest::newRow("prometheus image") << "linux"
                                      << "prom/prometheus" << none << none << QStringList{"HTTP http/9090 known"};
    QTest::newRow("prometheus on quay") << "linux"
                                        << "quay.io/prometheus/prometheus:v2.51.0" << none << none
                                        << QStringList{"HTTP http/9090 known"};
    QTest::newRow("image named like grafana only in its path")
        << "linux"
        << "grafana/loki:2.9" << none << none << QStringList{"SSH tcp/22 known", "Browser terminal term/22 known"};
    QTest::newRow("unknown kind offers nothing of its own") << "juniper_crpd"
                                                            << "crpd:23.2R1" << none << none << QStringList();
    QTest::newRow("unknown kind keeps its declared entries")
        << "juniper_crpd"
        << "crpd:23.2R1" << QStringList{"tcp/22", "tcp/50051"} << none
        << QStringList{"SSH tcp/22 declared", "TCP tcp/50051 declared", "Browser terminal term/22 known"};
    QTest::newRow("bridge") << "bridge"
                            << "" << QStringList{"tcp/22"} << QStringList{"tcp/80"} << QStringList();
    QTest::newRow("ovs-bridge") << "ovs-bridge"
                                << "" << QStringList{"tcp/22"} << none << QStringList();
    QTest::newRow("host") << "host"
                          << "" << QStringList{"tcp/22"} << none << QStringList();
    QTest::newRow("declared entry wins and keeps its allowed list")
        << "nokia_srlinux"
        << "" << QStringList{"tls/57400/instructor@example.edu,example.edu"} << none
        << QStringList{"gNMI tls/57400 declared instructor@example.edu,example.edu", "SSH tcp/22 known",
                       "NETCONF tcp/830 known", "JSON-RPC https/443 known", "Browser terminal term/22 known"};
    QTest::newRow("declared entries come first, in file order")
        << "linux"
        << "" << QStringList{"http/8080", "tcp/22/example.edu"} << none
        << QStringList{"HTTP http/8080 declared", "SSH tcp/22 declared example.edu",
                       "Browser terminal term/22 known example.edu"};
    QTest::newRow("a repeated declared entry is offered once")
        << "linux"
        << "" << QStringList{"tcp/22/a@b.com", "tcp/22"} << none
        << QStringList{"SSH tcp/22 declared a@b.com", "Browser terminal term/22 known a@b.com"};
    QTest::newRow("same port, other type is another candidate")
        << "nokia_srlinux"
        << "" << none << QStringList{"tcp/57400"}
        << QStringList{"SSH tcp/22 known",         "gNMI tls/57400 known", "NETCONF tcp/830 known",
                       "JSON-RPC https/443 known", "TCP tcp/57400 user",   "Browser terminal term/22 known"};
    QTest::newRow("user entries last, duplicates dropped")
        << "linux"
        << "" << QStringList{"http/8080"} << QStringList{"tcp/22", "https/8443", "http/8080", "https/8443"}
        << QStringList{"HTTP http/8080 declared", "SSH tcp/22 known", "HTTPS https/8443 user",
                       "Browser terminal term/22 known"};
    QTest::newRow("user entry on a well-known port gets its label")
        << "arista_ceos"
        << "" << none << QStringList{"tcp/830"}
        << QStringList{"SSH tcp/22 known", "gNMI tls/6030 known", "eAPI https/443 known", "NETCONF tcp/830 user",
                       "Browser terminal term/22 known"};
}

void TestCandidatePorts::offersPortsPerKindAndImage() {
    QFETCH(QString, kind);
    QFETCH(QString, image);
    QFETCH(QStringList, declared);
    QFETCH(QStringList, userAdded);
    QFETCH(QStringList, expected);

    topology::Node node;
    node.name = "n1";
    node.kind = kind;
    node.image = image;
    node.publish = specs(declared);
    QCOMPARE(describe(share::candidatePorts(node, specs(userAdded))), expected);
}

void TestCandidatePorts::readsDeclaredEntriesFromTheTopology() {
    const QByteArray yaml = R"(name: classroom
topology:
  defaults:
    labels:
      labshare.publish: tcp/22
  kinds:
    nokia_srlinux:
      labels:
        labshare.publish: tls/57400/instructor@example.edu,example.edu
  nodes:
    leaf1:
      kind: nokia_srlinux
    client1:
      kind: linux
      image: grafana/grafana:10.4.2
    br:
      kind: bridge
)";
    const topology::Topology lab = topology::TopologyLoader::parse(yaml, "lab.clab.yml", QProcessEnvironment());
    QVERIFY(!lab.hasErrors());
    QVERIFY(lab.node("leaf1"));
    QCOMPARE(describe(share::candidatePorts(*lab.node("leaf1"))),
             (QStringList{"gNMI tls/57400 declared instructor@example.edu,example.edu", "SSH tcp/22 known",
                          "NETCONF tcp/830 known", "JSON-RPC https/443 known", "Browser terminal term/22 known"}));
    QCOMPARE(describe(share::candidatePorts(*lab.node("client1"))),
             (QStringList{"SSH tcp/22 declared", "HTTP http/3000 known", "Browser terminal term/22 known"}));
    QCOMPARE(describe(share::candidatePorts(*lab.node("br"))), QStringList());
}

void TestCandidatePorts::labelsEntries_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("label");

    QTest::newRow("ssh anywhere") << "cisco_xrd"
                                  << ""
                                  << "tcp/22"
                                  << "SSH";
    QTest::newRow("border0 ssh type") << "linux"
                                      << ""
                                      << "ssh/22"
                                      << "SSH";
    QTest::newRow("gNMI on cEOS") << "ceos"
                                  << ""
                                  << "tls/6030"
                                  << "gNMI";
    QTest::newRow("https 443 on SR Linux is JSON-RPC") << "nokia_srlinux"
                                                       << ""
                                                       << "https/443"
                                                       << "JSON-RPC";
    QTest::newRow("https 443 on cEOS is eAPI") << "arista_ceos"
                                               << ""
                                               << "https/443"
                                               << "eAPI";
    QTest::newRow("https 443 elsewhere") << "linux"
                                         << ""
                                         << "https/443"
                                         << "HTTPS";
    QTest::newRow("plain tls") << "linux"
                               << ""
                               << "tls/8443"
                               << "TLS";
}

void TestCandidatePorts::labelsEntries() {
    QFETCH(QString, kind);
    QFETCH(QString, image);
    QFETCH(QString, entry);
    QFETCH(QString, label);
    QCOMPARE(share::portLabel(kind, image, specs({entry}).constFirst()), label);
}

void TestCandidatePorts::namesOrigins() {
    QCOMPARE(share::candidateOriginName(CandidateOrigin::Declared), QString("declared in the lab"));
    QCOMPARE(share::candidateOriginName(CandidateOrigin::WellKnown), QString("well-known port"));
    QCOMPARE(share::candidateOriginName(CandidateOrigin::UserAdded), QString("added by you"));
}

QTEST_GUILESS_MAIN(TestCandidatePorts)
#include "tst_candidateports.moc"
