// SPDX-License-Identifier: GPL-3.0-or-later
// LanAddress::choose: a lan:// address this machine does not have is refused up front, naming it and
// the addresses the machine has; loopback is always fine. LanAddress::defaultAddress: lan:// alone listens on a
// private address, never a public one (that the window offers as publicAlternative()).
#include "tunnel/lan/LanAddress.h"

#include <QNetworkInterface>
#include <QStandardPaths>
#include <QTest>

using namespace labshare::tunnel;

namespace {

RelayProfile lan(const QString& url) {
    const labshare::Result<RelayProfile> profile = RelayProfile::fromUrl(url);
    return profile ? *profile : RelayProfile{};
}

// A classroom machine: one wired IPv4 address, one global and one link-local IPv6 address, loopback.
const QList<QHostAddress> kClassroomMachine{QHostAddress("127.0.0.1"), QHostAddress("::1"), QHostAddress("10.20.30.40"),
                                            QHostAddress("2001:db8:5::7"), QHostAddress("fe80::1%eth0")};

} // namespace

class TestLanAddress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void acceptsTheMachinesAddresses_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("address");
        QTest::newRow("its IPv4 address") << "lan://10.20.30.40"
                                          << "10.20.30.40";
        QTest::newRow("its IPv6 address") << "lan://[2001:db8:5::7]"
                                          << "2001:db8:5::7";
        QTest::newRow("IPv6 address written long") << "lan://[2001:db8:5:0:0:0:0:7]"
                                                   << "2001:db8:5::7";
        QTest::newRow("link-local, scope left out") << "lan://[fe80::1]"
                                                    << "fe80::1";
        QTest::newRow("127.0.0.1") << "lan://127.0.0.1"
                                   << "127.0.0.1";
        QTest::newRow("anywhere in 127.0.0.0/8") << "lan://127.0.0.41"
                                                 << "127.0.0.41";
        QTest::newRow("::1") << "lan://[::1]"
                             << "::1";
    }
    void acceptsTheMachinesAddresses() {
        QFETCH(QString, url);
        QFETCH(QString, address);
        const labshare::Result<QString> chosen = LanAddress::choose(lan(url), kClassroomMachine);
        QVERIFY2(chosen.ok(), qPrintable(chosen ? QString() : chosen.error().message));
        QCOMPARE(*chosen, address);
    }

    void refusesAnAddressTheMachineLacks_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("address");
        QTest::newRow("TEST-NET IPv4") << "lan://192.0.2.77"
                                       << "192.0.2.77";
        QTest::newRow("another IPv6") << "lan://[2001:db8:5::8]"
                                      << "2001:db8:5::8";
        QTest::newRow("the wildcard") << "lan://0.0.0.0"
                                      << "0.0.0.0";
    }
    void refusesAnAddressTheMachineLacks() {
        QFETCH(QString, url);
        QFETCH(QString, address);
        const labshare::Result<QString> chosen = LanAddress::choose(lan(url), kClassroomMachine);
        QVERIFY(!chosen.ok());
        QCOMPARE(chosen.error().code, labshare::ErrorCode::BadInput);
        const QString message = chosen.error().message;
        QVERIFY2(message.contains("no address " + address), qPrintable(message));
        // The addresses it has, usable ones first; not the link-local one, which lan:// cannot name.
        QVERIFY2(message.endsWith("its addresses are 10.20.30.40, 2001:db8:5::7, 127.0.0.1, ::1"), qPrintable(message));
    }

    void noAddressMeansTheDefault() {
        const labshare::Result<QString> chosen = LanAddress::choose(lan("lan://"), kClassroomMachine);
        QVERIFY(chosen.ok());
        QCOMPARE(*chosen, "10.20.30.40");
        const labshare::Result<QString> nothing = LanAddress::choose(lan("lan://"), {});
        QVERIFY(nothing.ok());
        QCOMPARE(*nothing, "127.0.0.1");
    }

    // The interface addresses (up, not loopback, in interface order) and what lan:// listens on.
    void theDefaultIsAPrivateAddress_data() {
        QTest::addColumn<QStringList>("interfaces");
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("publicAlternative");
        QTest::newRow("public first, then RFC 1918 10/8") << QStringList{"198.51.100.7", "10.1.2.3"} << "10.1.2.3"
                                                          << "";
        QTest::newRow("RFC 1918 172.16/12") << QStringList{"172.32.0.1", "172.31.255.9"} << "172.31.255.9"
                                            << "";
        QTest::newRow("RFC 1918 192.168/16") << QStringList{"192.169.0.1", "192.168.10.5"} << "192.168.10.5"
                                             << "";
        QTest::newRow("RFC 6598 100.64/10") << QStringList{"203.0.113.5", "100.127.0.9"} << "100.127.0.9"
                                            << "";
        QTest::newRow("not 100.128") << QStringList{"100.128.0.1", "fd12::5"} << "fd12::5"
                                     << "";
        QTest::newRow("IPv4 before IPv6 ULA") << QStringList{"fd00::2", "192.168.1.4"} << "192.168.1.4"
                                              << "";
        QTest::newRow("public IPv4, IPv6 ULA (this test machine's kind)")
            << QStringList{"192.0.2.2", "fd00::2", "fe80::1%eth0"} << "fd00::2"
            << "";
        QTest::newRow("ULA fc00::/7 lower half") << QStringList{"2001:db8::1", "fc01::7"} << "fc01::7"
                                                 << "";
        QTest::newRow("only public: loopback, the public one offered")
            << QStringList{"fe80::1%eth0", "2001:db8::9", "198.51.100.7"} << "127.0.0.1"
            << "198.51.100.7";
        QTest::newRow("only public IPv6") << QStringList{"2001:db8::9"} << "127.0.0.1"
                                          << "2001:db8::9";
        QTest::newRow("link-local only") << QStringList{"169.254.3.4", "fe80::1%eth0"} << "127.0.0.1"
                                         << "";
        QTest::newRow("no interface") << QStringList{} << "127.0.0.1"
                                      << "";
    }
    void theDefaultIsAPrivateAddress() {
        QFETCH(QStringList, interfaces);
        QFETCH(QString, chosen);
        QFETCH(QString, publicAlternative);
        QList<QHostAddress> addresses;
        for (const QString& a : std::as_const(interfaces))
            addresses.append(QHostAddress(a));
        QCOMPARE(LanAddress::defaultAddress(addresses), chosen);
        QCOMPARE(LanAddress::publicAlternative(addresses), publicAlternative);
        QVERIFY(LanAddress::isPrivate(QHostAddress(chosen)) || chosen == "127.0.0.1");
    }

    // The same rule against this machine's real interfaces.
    void onThisMachine() {
        const labshare::Result<QString> foreign = LanAddress::choose(lan("lan://192.0.2.77"));
        QVERIFY(!foreign.ok());
        QVERIFY2(foreign.error().message.contains("127.0.0.1"), qPrintable(foreign.error().message));
        const labshare::Result<QString> loopback = LanAddress::choose(lan("lan://127.0.0.1"));
        QVERIFY(loopback.ok());
        QCOMPARE(*loopback, "127.0.0.1");
        const QString own = LanAddress::defaultAddress();
        QVERIFY2(own == "127.0.0.1" || LanAddress::isPrivate(QHostAddress(own)), qPrintable(own));
        const labshare::Result<QString> byDefault = LanAddress::choose(lan("lan://" + own));
        QVERIFY2(byDefault.ok(), qPrintable(byDefault ? QString() : byDefault.error().message));
        QCOMPARE(*byDefault, own);
    }
};

QTEST_GUILESS_MAIN(TestLanAddress)
#include "tst_lanaddress.moc"
