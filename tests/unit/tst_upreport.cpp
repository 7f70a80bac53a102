// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpReport.h"

#include <QJsonArray>
#include <QTest>

using labshare::app::UpReport;
using labshare::share::ShareRow;
using labshare::topology::PublishSpec;

namespace {

ShareRow row(const QString& entry) {
    ShareRow r;
    r.node = QStringLiteral("spine1");
    r.kind = QStringLiteral("nokia_srlinux");
    const auto spec = PublishSpec::parse(entry);
    if (!spec)
        qFatal("bad entry in test");
    r.spec = spec.value();
    r.name = QStringLiteral("clab-spine1-") + QString(entry).section(QLatin1Char('/'), 0, 1).replace('/', '-');
    return r;
}

} // namespace

class TestUpReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saysAListedEntryIsOpenToAnyone() {
        // LabShare cannot check who connects yet: `--json` must not read the list as enforced.
        const QJsonObject event = UpReport::shareEvent(row("tls/57400/alice@example.org,example.org"));
        QCOMPARE(event.value("who").toString(), QStringLiteral("anyone"));
        QCOMPARE(event.value("lab_asks_for").toArray(), (QJsonArray{"alice@example.org", "example.org"}));
        // The fields scripts already read are unchanged.
        QCOMPARE(event.value("allow").toArray(), (QJsonArray{"alice@example.org", "example.org"}));
        QCOMPARE(event.value("event").toString(), QStringLiteral("share"));
        QCOMPARE(event.value("port").toInt(), 57400);
    }

    void saysAnOpenEntryIsOpenToAnyone() {
        const QJsonObject event = UpReport::shareEvent(row("tcp/22"));
        QCOMPARE(event.value("who").toString(), QStringLiteral("anyone"));
        QVERIFY(event.value("lab_asks_for").isArray());
        QVERIFY(event.value("lab_asks_for").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUpReport)
#include "tst_upreport.moc"
