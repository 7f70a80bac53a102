// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate/TicketBook.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare::gate;

namespace {

const QDateTime kMorning(QDate(2026, 12, 3), QTime(8, 30), Qt::LocalTime);

} // namespace

class TestTicketBook : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aTicketNamesItsHolderUntilItEnds() {
        TicketBook book;
        const TicketBook::Issued issued = book.issue("Alice@Example.org", kMorning);
        QVERIFY(issued.ticket.view().startsWith("lst1."));
        QCOMPARE(issued.ticket.size(), 5 + 43); // 256 random bits, base64url
        QCOMPARE(book.holder(issued.ticket.view(), kMorning)->email, QString("alice@example.org"));
        QCOMPARE(book.holder(issued.ticket.view(), kMorning)->expires, issued.expires);
        // Until the end of the day, and at most 12 hours.
        QCOMPARE(issued.expires, std::min(QDateTime(QDate(2026, 12, 4), QTime(0, 0), Qt::LocalTime).toUTC(),
                                          kMorning.toUTC().addSecs(12 * 3600)));
        QVERIFY(book.holder(issued.ticket.view(), issued.expires.addSecs(-1)));
        QVERIFY(!book.holder(issued.ticket.view(), issued.expires));
        const TicketBook::Issued late = book.issue("owl@example.org", kMorning.addSecs(15 * 3600)); // 23:30
        QVERIFY(late.expires <= QDateTime(QDate(2026, 12, 4), QTime(0, 0), Qt::LocalTime).toUTC());
    }

    void forgedAndForeignTicketsAreUnknown() {
        TicketBook book;
        TicketBook other; // another installation
        const QByteArray ticket = book.issue("alice@example.org", kMorning).ticket.exposed();
        const QByteArray foreign = other.issue("alice@example.org", kMorning).ticket.exposed();
        QVERIFY(!book.holder(foreign, kMorning));
        QByteArray forged = ticket;
        forged[10] = forged.at(10) == 'A' ? 'B' : 'A';
        QVERIFY(!book.holder(forged, kMorning));
        QVERIFY(!book.holder(ticket.mid(5), kMorning));                             // without its prefix
        QVERIFY(!book.holder(QByteArray(ticket + QByteArray(200, 'x')), kMorning)); // oversized
        QVERIFY(!book.holder({}, kMorning));
        QVERIFY(book.issue("a@example.org", kMorning).ticket != book.issue("a@example.org", kMorning).ticket);
    }

    void revokedPerIdentityOrAll() {
        TicketBook book;
        const QByteArray alice = book.issue("alice@example.org", kMorning).ticket.exposed();
        const QByteArray alice2 = book.issue("alice@example.org", kMorning).ticket.exposed();
        const QByteArray bob = book.issue("bob@example.org", kMorning).ticket.exposed();
        book.revoke("ALICE@example.org");
        QVERIFY(!book.holder(alice, kMorning));
        QVERIFY(!book.holder(alice2, kMorning));
        QVERIFY(book.holder(bob, kMorning));
        book.revokeAll();
        QVERIFY(!book.holder(bob, kMorning));
        QCOMPARE(book.size(), 0);
    }

    void aRestartKeepsHashesOnly() {
        QTemporaryDir dir;
        const QString path = dir.filePath("gate/tickets.json");
        QByteArray ticket;
        {
            TicketBook book(path);
            ticket = book.issue("alice@example.org", kMorning).ticket.exposed();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(!stored.contains(ticket) && !stored.contains(ticket.mid(5)));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        file.close();

        TicketBook again(path);
        QVERIFY(again.load(kMorning));
        QVERIFY(again.holder(ticket, kMorning));
        QCOMPARE(again.holder(ticket, kMorning)->email, QString("alice@example.org"));
        QVERIFY(again.load(kMorning.addDays(2))); // expired ones are not read back
        QCOMPARE(again.size(), 0);
    }

    void aDamagedOrDoctoredFileAdmitsNobody() {
        QTemporaryDir dir;
        const QString path = dir.filePath("tickets.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{not json");
        file.close();
        TicketBook book(path);
        const auto loaded = book.load(kMorning);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains("students sign in again"), qPrintable(loaded.error().message));
        QCOMPARE(book.size(), 0);

        // An entry whose expiry was pushed past the cap is dropped.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(R"({"version":1,"tickets":[{"sha256":"%1","email":"eve@example.org",)"
                                  R"("issued":"2026-12-03T07:00:00Z","expires":"2027-12-03T07:00:00Z"}]})")
                       .arg(QString(64, QLatin1Char('a')))
                       .toUtf8());
        file.close();
        QVERIFY(book.load(kMorning));
        QCOMPARE(book.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTicketBook)
#include "tst_ticketbook.moc"
