// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ConnectionLog.h"

#include <QTest>

using namespace labshare::share;
using labshare::tunnel::ConnectionEnd;
using labshare::tunnel::ConnectionRecord;

class TestConnectionLog : public QObject {
    Q_OBJECT

    // Local times, so the day boundary is the one the window shows.
    static qint64 at(int day, int hour, int minute = 0) {
        return QDateTime(QDate(2026, 3, day), QTime(hour, minute)).toMSecsSinceEpoch();
    }
    static ConnectionRecord record(const QString& share, const QString& address, const QString& identity,
                                   qint64 startedMs, ConnectionEnd end = ConnectionEnd::Student) {
        ConnectionRecord r;
        r.id = ConnectionRecord::nextId();
        r.share = share;
        r.peerAddress = address;
        r.peerPort = 40000;
        r.identity = identity;
        r.startedMs = startedMs;
        r.endedMs = end == ConnectionEnd::Open ? 0 : startedMs + 1000;
        r.end = end;
        return r;
    }

private Q_SLOTS:
    void anEndingConnectionFindsItsOpenEntry() {
        ConnectionLog log;
        ConnectionRecord first = record("a", "10.0.0.1", {}, at(2, 9), ConnectionEnd::Open);
        ConnectionRecord second = record("a", "10.0.0.2", {}, at(2, 9), ConnectionEnd::Open);
        QCOMPARE(log.rowOf(first), -1);
        log.append(first);
        log.append(second);
        first.end = ConnectionEnd::Node;
        first.endedMs = at(2, 10);
        QCOMPARE(log.rowOf(first), 0);
        log.replace(0, first);
        QCOMPARE(log.at(0).end, ConnectionEnd::Node);
        QCOMPARE(log.rowOf(second), 1);
        ConnectionRecord unknown = record("a", "10.0.0.3", {}, at(2, 9));
        unknown.id = 0; // read from a file: never matches
        QCOMPARE(log.rowOf(unknown), -1);
    }

    void keepsAtMostItsCapacity() {
        ConnectionLog log(3);
        for (int i = 0; i < 5; ++i)
            log.append(record("a", QStringLiteral("10.0.0.%1").arg(i), {}, at(2, 9)));
        QCOMPARE(log.excess(), 2);
        log.dropOldest(log.excess());
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).peerAddress, QStringLiteral("10.0.0.2"));
        QCOMPARE(log.excess(), 0);
        log.clear();
        QCOMPARE(log.size(), 0);
    }

    void countsDistinctStudentsToday() {
        ConnectionLog log;
        log.append(record("a", "10.0.0.1", {}, at(1, 23, 59)));             // yesterday
        log.append(record("a", "10.0.0.1", {}, at(2, 0, 0)));               // today
        log.append(record("a", "10.0.0.1", {}, at(2, 13)));                 // same address again
        log.append(record("a", "10.0.0.2", "bob@example.test", at(2, 9)));  // named: counts as bob
        log.append(record("a", "10.0.0.3", "bob@example.test", at(2, 10))); // bob from elsewhere
        log.append(record("a", "10.0.0.4", "eve@example.test", at(2, 11), ConnectionEnd::Refused));
        log.append(record("b", "10.0.0.9", {}, at(2, 9), ConnectionEnd::Open)); // another share
        log.append(record("a", "10.0.0.3", {}, at(2, 9, 30))); // bob's sign-in page, before he signed in
        QCOMPARE(log.studentsOn("a", QDateTime::fromMSecsSinceEpoch(at(2, 18))), 2);
        QCOMPARE(log.studentsOn("a", QDateTime::fromMSecsSinceEpoch(at(1, 23, 59))), 1);
        QCOMPARE(log.studentsOn("b", QDateTime::fromMSecsSinceEpoch(at(2, 18))), 1);
        QCOMPARE(log.studentsOn("c", QDateTime::fromMSecsSinceEpoch(at(2, 18))), 0);
        QCOMPARE(log.studentsOn("a", QDateTime::fromMSecsSinceEpoch(at(3, 0))), 0);
    }

    void exportsCsv() {
        ConnectionRecord plain = record("clab-r1-tcp-22", "127.0.0.7", {}, 0, ConnectionEnd::Node);
        plain.startedMs = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
        plain.endedMs = plain.startedMs + 1500;
        plain.bytesToNode = 12;
        plain.bytesFromNode = 3400;
        ConnectionRecord odd = plain;
        odd.identity = QStringLiteral("=HYPERLINK(\"x\"), \"o\"");
        odd.peerAddress = QStringLiteral("2001:db8::7");
        odd.end = ConnectionEnd::Refused;
        const QString csv = ConnectionLog::csv({plain, odd});
        const QStringList lines = csv.split(QStringLiteral("\r\n"));
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0),
                 QStringLiteral("share,peer,identity,started,duration_ms,bytes_to_node,bytes_from_node,ended_by"));
        QCOMPARE(lines.at(1),
                 QStringLiteral("clab-r1-tcp-22,127.0.0.7:40000,,2026-03-02T09:00:00.000Z,1500,12,3400,node"));
        QCOMPARE(lines.at(2), QStringLiteral("clab-r1-tcp-22,[2001:db8::7]:40000,\"'=HYPERLINK(\"\"x\"\"), "
                                             "\"\"o\"\"\",2026-03-02T09:00:00.000Z,1500,12,3400,refused"));
        QCOMPARE(lines.at(3), QString());
    }
};

QTEST_GUILESS_MAIN(TestConnectionLog)
#include "tst_connectionlog.moc"
