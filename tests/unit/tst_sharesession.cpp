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
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-22"))->target, QStringLiteral("10.0.0.9"));
        QCOMPARE(session.row(QStringLiteral("clab-r1-tcp-8080"))->target, QStringLiteral("10.0.0.9"));
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
