// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareName.h"

#include <QTest>

using namespace labshare;

class TestShareName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTheClabPattern_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("name");
        QTest::newRow("tcp") << "r1"
                             << "tcp/22"
                             << "clab-r1-tcp-22";
        QTest::newRow("tls with allowed users") << "leaf1"
                                                << "tls/57400/a@b.com"
                                                << "clab-leaf1-tls-57400";
        QTest::newRow("ssh is tcp") << "ceos1"
                                    << "ssh/22"
                                    << "clab-ceos1-tcp-22";
        QTest::newRow("https") << "web"
                               << "https/8443"
                               << "clab-web-https-8443";
    }

    void followsTheClabPattern() {
        QFETCH(QString, node);
        QFETCH(QString, entry);
        QFETCH(QString, name);
        const auto spec = topology::PublishSpec::parse(entry);
        QVERIFY(spec.ok());
        QCOMPARE(share::shareName(node, *spec), name);
    }
};

QTEST_GUILESS_MAIN(TestShareName)
#include "tst_sharename.moc"
