// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareSession.h"
#include "topology/LabDiscovery.h"
#include "topology/TopologyLoader.h"

#include <QSignalSpy>
#include <QTest>

using namespace labshare;

namespace {

topology::Topology lab(const QByteArray& r1Address) {
    topology::Topology t = topology::TopologyLoader::parse("name: lab\ntopology:\n  nodes:\n"
                                                           "    r1: {kind: nokia_srlinux, mgmt-ipv4: " +
                                                               r1Address +
                                                               ", labels: {labshare.publish: \"tcp/22 "
                                                               "tls/57400/a@b.edu\"}}\n"
                                                               "    r2: {kind: linux}\n",
                                                           QStringLiteral("lab.clab.yml"), QProcessEnvironment());
    topology::LabDiscovery::applyAddresses(t, std::nullopt, std::nullopt);
    return t;
}

topology::PublishSpec spec(const char* text) {
    return *topology::PublishSpec::parse(QString::fromLatin1(text));
}

} // namespace

class TestShareSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ticksAndUnticks() {
        share::ShareSession session(lab("10.0.0.1"));
        QSignalSpy ticked(&session, &share::ShareSession::tickedChanged);
        const Result<QString> name = session.publish(QStringLiteral("r1"), spec("tcp/22"));
        QVERIFY(name.ok());
        QCOMPARE(*name, QStringLiteral("clab-r1-tcp-22"));
        QVERIFY(session.isTicked(*name));
        QCOMPARE(session.row(*name)->target, QStringLiteral("10.0.0.1"));
        QCOMPARE(ticked.count(), 1);
        session.unpublish(*name);
        QVERIFY(!session.isTicked(*name));
        QCOMPARE(ticked.count(), 2);
    }

    void refusesANodeWithoutAddress() {
        share::ShareSession session(lab("10.0.0.1"));
        const Result<QString> name = session.publish(QStringLiteral("r2"), spec("tcp/22"));
        QVERIFY(!name.ok());
        QVERIFY(name.error().message.contains(QStringLiteral("no management address")));
        session.setTargetOverride(QStringLiteral("r2"), QStringLiteral("192.0.2.7"));
        QVERIFY(session.publish(QStringLiteral("r2"), spec("tcp/22")).ok());
        QCOMPARE(session.row(QStringLiteral("clab-r2-tcp-22"))->target, QStringLiteral("192.0.2.7"));
    }

    void reloadKeepsWhatIsTicked() {
        share::ShareSession session(lab("10.0.0.1"));
        QVERIFY(session.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        QVERIFY(session.publish(QStringLiteral("r1"), spec("tcp/8080")).ok()); // added by the user
        session.setTopology(lab("10.0.0.9"));                                  // the lab was redeployed
        QCOMPARE(session.tickedNames(), (QStringList{"clab-r1-tcp-22", "clab-r1-tcp-8080"}));
        // Students' addresses keep reaching where they did until the user says otherwise.
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-22"))->target, QStringLiteral("10.0.0.1"));
        const QList<share::ShareSession::MovedTarget> moved = session.takeMovedTargets();
        QCOMPARE(moved.size(), 2);
        QCOMPARE(moved[0].row.name, QStringLiteral("clab-r1-tcp-22"));
        QCOMPARE(moved[0].row.target, QStringLiteral("10.0.0.1"));
        QCOMPARE(moved[0].target, QStringLiteral("10.0.0.9"));
        QVERIFY(session.takeMovedTargets().isEmpty());
        for (const auto& m : moved)
            QVERIFY(session.publish(m.row.node, m.row.spec).ok());
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-22"))->target, QStringLiteral("10.0.0.9"));
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-8080"))->target, QStringLiteral("10.0.0.9"));
        session.setTopology(lab("10.0.0.9")); // the same addresses: nothing to ask
        QVERIFY(session.takeMovedTargets().isEmpty());
    }

    void labTargetsOnThisComputerNeedConsent_data() {
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<QString>("why");
        QTest::newRow("loopback") << QByteArray("127.0.0.1") << QStringLiteral("loopback");
        QTest::newRow("loopback range") << QByteArray("127.9.9.9") << QStringLiteral("loopback");
        QTest::newRow("ipv6 loopback") << QByteArray("\"::1\"") << QStringLiteral("loopback");
        QTest::newRow("mapped loopback") << QByteArray("\"::ffff:127.0.0.1\"") << QStringLiteral("loopback");
        QTest::newRow("link-local") << QByteArray("169.254.1.1") << QStringLiteral("link-local");
        QTest::newRow("any") << QByteArray("0.0.0.0") << QStringLiteral("meaning this computer");
        QTest::newRow("own") << QByteArray("198.51.100.4") << QStringLiteral("own address");
        QTest::newRow("host name") << QByteArray("intranet.example") << QStringLiteral("host name");
    }

    void labTargetsOnThisComputerNeedConsent() {
        QFETCH(QByteArray, address);
        QFETCH(QString, why);
        share::ShareSession session(lab(address));
        session.setOwnAddresses({QHostAddress(QStringLiteral("198.51.100.4"))});
        const Result<QString> refused = session.publish(QStringLiteral("r1"), spec("tcp/22"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::LocalTarget);
        QVERIFY2(refused.error().message.contains(why), qPrintable(refused.error().message));
        const QList<share::LocalTarget> local = session.localTargets();
        QCOMPARE(local.size(), 1);
        QCOMPARE(local[0].node, QStringLiteral("r1"));
        session.allowLocalTargets(local);
        QVERIFY(session.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        QVERIFY(session.localTargets().isEmpty());
    }

    void consentIsForThatAddressOnly() {
        share::ShareSession session(lab("127.0.0.1"));
        session.allowLocalTargets(session.localTargets());
        QVERIFY(session.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        // A reload that points the node at another local service is held, and needs consent again.
        session.setTopology(lab("127.0.0.2"));
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-22"))->target, QStringLiteral("127.0.0.1"));
        const QList<share::ShareSession::MovedTarget> moved = session.takeMovedTargets();
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved[0].target, QStringLiteral("127.0.0.2"));
        QCOMPARE(session.publish(QStringLiteral("r1"), spec("tcp/22")).error().code, ErrorCode::LocalTarget);
    }

    void whatTheUserTypedOrAllowedNeedsNoConsent() {
        share::ShareSession typed(lab("127.0.0.1"));
        typed.setTargetOverride(QStringLiteral("r1"), QStringLiteral("127.0.0.1"));
        QVERIFY(typed.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        share::ShareSession everything(lab("127.0.0.1"));
        everything.allowAllLocalTargets();
        QVERIFY(everything.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        QVERIFY(everything.localTargets().isEmpty());
    }

    void aNodeOnTheHostNetworkNeedsConsent() {
        share::ShareSession session(
            topology::TopologyLoader::parse("name: lab\ntopology:\n  nodes: {h: {kind: linux, network-mode: host}}\n",
                                            QStringLiteral("lab.clab.yml"), QProcessEnvironment()));
        const Result<QString> refused = session.publish(QStringLiteral("h"), spec("tcp/22"));
        QCOMPARE(refused.error().code, ErrorCode::LocalTarget);
        QVERIFY(refused.error().message.contains(QStringLiteral("network-mode: host")));
    }

    void reloadKeepsSharesOfVanishedNodes() {
        // A node renamed in the file while shared: its share keeps forwarding, named as an orphan,
        // until the user stops it; nothing stops behind the user's back.
        share::ShareSession session(lab("10.0.0.1"));
        session.setTargetOverride(QStringLiteral("r2"), QStringLiteral("192.0.2.7"));
        QVERIFY(session.publish(QStringLiteral("r2"), spec("tcp/22")).ok());
        QVERIFY(session.publish(QStringLiteral("r1"), spec("tcp/22")).ok());
        QSignalSpy ticked(&session, &share::ShareSession::tickedChanged);
        session.setTopology(topology::TopologyLoader::parse("name: lab\ntopology:\n  nodes: {r1: {kind: linux}}\n",
                                                            QStringLiteral("lab.clab.yml"), QProcessEnvironment()));
        QVERIFY(session.isTicked(QStringLiteral("clab-r2-tcp-22")));
        QCOMPARE(session.row(QStringLiteral("clab-r2-tcp-22"))->target, QStringLiteral("192.0.2.7"));
        QCOMPARE(session.orphans(), QStringList{QStringLiteral("clab-r2-tcp-22")});
        QCOMPARE(ticked.count(), 0);
        session.unpublish(QStringLiteral("clab-r2-tcp-22"));
        QVERIFY(session.orphans().isEmpty());
    }

    void missingAddressNamesTheNodeNotAFlag() {
        share::ShareSession session(
            topology::TopologyLoader::parse("name: lab\ntopology:\n  nodes: {r9: {kind: linux}}\n",
                                            QStringLiteral("lab.clab.yml"), QProcessEnvironment()));
        const Result<QString> published = session.publish(QStringLiteral("r9"), spec("tcp/22"));
        QVERIFY(!published);
        QCOMPARE(published.error().code, ErrorCode::NoAddress);
        QVERIFY(published.error().message.contains(QLatin1String("r9")));
        QVERIFY(!published.error().message.contains(QLatin1String("--target"))); // each front end says how
    }

    void urlsFollowTheShareType() {
        share::ShareRow row;
        row.kind = QStringLiteral("nokia_srlinux");
        row.health.publicHost = QStringLiteral("relay.example.org");
        row.health.publicPort = 40123;
        row.spec = spec("tcp/22");
        QCOMPARE(share::shareUrl(row), QStringLiteral("ssh://admin@relay.example.org:40123"));
        row.spec = spec("https/443");
        QCOMPARE(share::shareUrl(row), QStringLiteral("https://relay.example.org:40123"));
        row.spec = spec("tls/57400");
        QCOMPARE(share::shareUrl(row), QString());
        row.health.url = QStringLiteral("https://abc.tuns.sh");
        QCOMPARE(share::shareUrl(row), QStringLiteral("https://abc.tuns.sh")); // what the relay said wins
    }
};

QTEST_GUILESS_MAIN(TestShareSession)
#include "tst_sharesession.moc"
