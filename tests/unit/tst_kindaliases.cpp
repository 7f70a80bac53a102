// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/KindAliases.h"

#include <QTest>

using namespace labshare::topology;

class TestKindAliases : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mapsShortNames_data() {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("srl") << "srl"
                             << "nokia_srlinux";
        QTest::newRow("ceos") << "ceos"
                              << "arista_ceos";
        QTest::newRow("vr-sros") << "vr-sros"
                                 << "nokia_sros";
        QTest::newRow("vr-nokia_sros") << "vr-nokia_sros"
                                       << "nokia_sros";
        QTest::newRow("crpd") << "crpd"
                              << "juniper_crpd";
        QTest::newRow("cvx") << "cvx"
                             << "cumulus_cvx";
        QTest::newRow("upper case") << "SRL"
                                    << "nokia_srlinux";
        QTest::newRow("long name unchanged") << "nokia_srlinux"
                                             << "nokia_srlinux";
        QTest::newRow("unknown kept") << "linux"
                                      << "linux";
    }

    void mapsShortNames() {
        QFETCH(QString, written);
        QFETCH(QString, canonical);
        QCOMPARE(canonicalKind(written), canonical);
    }

    void knowsContainerlessKinds() {
        QVERIFY(isContainerlessKind(QStringLiteral("bridge")));
        QVERIFY(isContainerlessKind(QStringLiteral("ovs-bridge")));
        QVERIFY(isContainerlessKind(QStringLiteral("host")));
        QVERIFY(!isContainerlessKind(QStringLiteral("linux")));
    }

    void knowsTheLoginUserOfAKind() {
        QCOMPARE(defaultLoginUser(canonicalKind(QStringLiteral("srl"))), QStringLiteral("admin"));
        QCOMPARE(defaultLoginUser(QStringLiteral("arista_ceos")), QStringLiteral("admin"));
        QCOMPARE(defaultLoginUser(QStringLiteral("linux")), QStringLiteral("root"));
        QCOMPARE(defaultLoginUser(QStringLiteral("cisco_xrd")), QString()); // not known: the user says
    }
};

QTEST_GUILESS_MAIN(TestKindAliases)
#include "tst_kindaliases.moc"
