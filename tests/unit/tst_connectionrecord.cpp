// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QJsonDocument>
#include <QTest>

using namespace labshare::tunnel;

class TestConnectionRecord : public QObject {
    Q_OBJECT

    static ConnectionRecord closed() {
        ConnectionRecord r;
        r.id = 7;
        r.share = QStringLiteral("clab-r1-tcp-22");
        r.peerAddress = QStringLiteral("127.0.0.7");
        r.peerPort = 40001;
        r.identity = QStringLiteral("alice@example.org");
        r.startedMs = QDateTime(QDate(2026, 3, 2), QTime(9, 15, 0, 250), Qt::UTC).toMSecsSinceEpoch();
        r.endedMs = r.startedMs + 61500;
        r.bytesToNode = 1234;
        r.bytesFromNode = 5678901234ULL;
        r.end = ConnectionEnd::Student;
        return r;
    }

private Q_SLOTS:
    void writesTheDocumentedFields() {
        const QJsonObject o = closed().toJson();
        QCOMPARE(o.keys(), (QStringList{"bytes_from_node", "bytes_to_node", "duration_ms", "ended_by", "identity",
                                        "peer", "share", "started"}));
        QCOMPARE(o.value("share").toString(), QStringLiteral("clab-r1-tcp-22"));
        QCOMPARE(o.value("peer").toString(), QStringLiteral("127.0.0.7:40001"));
        QCOMPARE(o.value("started").toString(), QStringLiteral("2026-03-02T09:15:00.250Z"));
        QCOMPARE(o.value("duration_ms").toInteger(), 61500);
        QCOMPARE(o.value("bytes_to_node").toInteger(), 1234);
        QCOMPARE(o.value("bytes_from_node").toInteger(), 5678901234LL);
        QCOMPARE(o.value("ended_by").toString(), QStringLiteral("student"));
    }

    void readsBackWhatItWrote_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("peer");
        QTest::newRow("v4") << "192.0.2.7" << 51234 << "192.0.2.7:51234";
        QTest::newRow("v6") << "2001:db8::7" << 51234 << "[2001:db8::7]:51234";
        QTest::newRow("no port") << "192.0.2.7" << 0 << "192.0.2.7";
        QTest::newRow("v6 no port") << "2001:db8::7" << 0 << "2001:db8::7";
        QTest::newRow("nothing") << "" << 0 << "";
    }
    void readsBackWhatItWrote() {
        QFETCH(QString, address);
        QFETCH(int, port);
        QFETCH(QString, peer);
        ConnectionRecord r = closed();
        r.peerAddress = address;
        r.peerPort = quint16(port);
        QCOMPARE(r.peer(), peer);
        const QByteArray line = QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
        const std::optional<ConnectionRecord> back = ConnectionRecord::fromJson(QJsonDocument::fromJson(line).object());
        QVERIFY(back);
        r.id = 0; // process-local, not written
        QCOMPARE(*back, r);
    }

    void refusesWhatIsNotARecord() {
        QVERIFY(!ConnectionRecord::fromJson({}));
        QJsonObject o = closed().toJson();
        o.insert("ended_by", "gone fishing");
        QVERIFY(!ConnectionRecord::fromJson(o));
    }

    void endNamesAreStable() {
        const QStringList names{"open",   "student", "node",    "refused",    "unreachable",
                                "silent", "gate",    "stopped", "relay-lost", "expired"};
        for (const QString& n : names) {
            const std::optional<ConnectionEnd> e = connectionEndFromName(n);
            QVERIFY2(e, qPrintable(n));
            QCOMPARE(connectionEndName(*e), n);
            ConnectionRecord r;
            r.end = *e;
            QVERIFY(!r.endText().isEmpty());
        }
    }

    void durationRunsWhileOpen() {
        ConnectionRecord r = closed();
        r.end = ConnectionEnd::Open;
        r.endedMs = 0;
        QCOMPARE(r.durationMs(r.startedMs + 5000), 5000);
        QCOMPARE(r.toJson().value("duration_ms").toInteger(), 0);
        QCOMPARE(closed().durationMs(0), 61500);
    }

    void idsAreUnique() {
        const quint64 a = ConnectionRecord::nextId();
        QVERIFY(ConnectionRecord::nextId() > a);
    }
};

QTEST_GUILESS_MAIN(TestConnectionRecord)
#include "tst_connectionrecord.moc"
