// SPDX-License-Identifier: GPL-3.0-or-later
// The one host-name rule (core/common/HostName) that relay URLs and relay banners both use.
#include "common/HostName.h"

#include <QTest>

class TestHostName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decides_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isHost");
        QTest::newRow("plain") << "relay.example.org" << true;
        QTest::newRow("one label") << "localhost" << true;
        QTest::newRow("sish subdomain") << "my_lab-1.tuns.sh" << true;
        QTest::newRow("digits") << "203-0-113-40.a.free.pinggy.link" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("leading dot") << ".example.org" << false;
        QTest::newRow("trailing dash") << "example-" << false;
        QTest::newRow("space") << "relay example.org" << false;
        QTest::newRow("escape") << "relay\x1b[2J.example.org" << false;
        QTest::newRow("unicode") << QStringLiteral("r\u00e9lay.example.org") << false;
        QTest::newRow("colon") << "relay.example.org:22" << false;
        QTest::newRow("too long") << QString(254, QLatin1Char('a')) << false;
        QTest::newRow("longest") << QString(253, QLatin1Char('a')) << true;
    }
    void decides() {
        QFETCH(QString, text);
        QFETCH(bool, isHost);
        QCOMPARE(labshare::isHostName(text), isHost);
    }
};

QTEST_GUILESS_MAIN(TestHostName)
#include "tst_hostname.moc"
