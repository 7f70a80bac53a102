// SPDX-License-Identifier: GPL-3.0-or-later
// LanAddress::choose: a lan:// address this machine does not have is refused up front, naming it and
// the addresses the machine has; loopback is always fine.
#include "tunnel/LanAddress.h"

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
        const labshare::Result<QString> chosen = LanAddress::choose(lan("lan://"), {});
        QVERIFY(chosen.ok());
        QCOMPARE(*chosen, LanAddress::defaultAddress());
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
        const labshare::Result<QString> byDefault = LanAddress::choose(lan("lan://" + own));
        QVERIFY2(byDefault.ok(), qPrintable(byDefault ? QString() : byDefault.error().message));
        QCOMPARE(*byDefault, own);
    }
};

QTEST_GUILESS_MAIN(TestLanAddress)
#include "tst_lanaddress.moc"
