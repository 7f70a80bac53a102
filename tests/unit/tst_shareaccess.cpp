// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareAccess.h"

#include <QTest>

using labshare::share::ShareAccess;
using labshare::topology::PublishSpec;

Q_DECLARE_METATYPE(ShareAccess::Kind)

class TestShareAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wordsWhoCanConnect_data() {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<ShareAccess::Kind>("kind");
        QTest::addColumn<QStringList>("labAsksFor");
        QTest::addColumn<QString>("text");
        QTest::newRow("no list") << "tcp/22" << ShareAccess::Kind::Open << QStringList() << "anyone";
        QTest::newRow("one person") << "tcp/22/alice@example.org" << ShareAccess::Kind::OpenDespiteList
                                    << QStringList{"alice@example.org"}
                                    << "anyone (the lab asks for alice@example.org)";
        QTest::newRow("a person and a domain, as written")
            << "tls/57400/alice@example.org,example.org" << ShareAccess::Kind::OpenDespiteList
            << QStringList{"alice@example.org", "example.org"}
            << "anyone (the lab asks for alice@example.org, example.org)";
    }

    void wordsWhoCanConnect() {
        QFETCH(QString, entry);
        QFETCH(ShareAccess::Kind, kind);
        QFETCH(QStringList, labAsksFor);
        QFETCH(QString, text);
        const auto spec = PublishSpec::parse(entry);
        QVERIFY(spec);
        const ShareAccess access = ShareAccess::of(spec.value());
        QCOMPARE(access.kind(), kind);
        QCOMPARE(access.labAsksFor(), labAsksFor);
        QCOMPARE(access.text(), text);
        // Until identity checks exist, nobody is kept out: machines are told so too.
        QCOMPARE(access.whoKey(), QStringLiteral("anyone"));
    }
};

QTEST_GUILESS_MAIN(TestShareAccess)
#include "tst_shareaccess.moc"
