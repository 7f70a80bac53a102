// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareDeadline.h"

#include <QTest>

#include <algorithm>
#include <ctime>

using namespace labshare;
using labshare::share::ShareDeadline;

namespace {

// 2026-12-04 16:00 local time, in a zone with a DST change (the clock is given, never read).
QDateTime afternoon() {
    return QDateTime(QDate(2026, 12, 4), QTime(16, 0), Qt::LocalTime);
}

} // namespace

class TestShareDeadline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        qputenv("TZ", "Europe/Berlin");
        ::tzset();
    }

    void durationsEndThatLongAfterNow_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("minutes") << "90m" << qint64(90 * 60);
        QTest::newRow("hours and minutes") << "1h30m" << qint64(90 * 60);
        QTest::newRow("hours") << "2h" << qint64(7200);
        QTest::newRow("seconds") << "45s" << qint64(45);
        QTest::newRow("all three") << "1h2m3s" << qint64(3723);
        QTest::newRow("spaces around") << " 10m " << qint64(600);
    }
    void durationsEndThatLongAfterNow() {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const Result<ShareDeadline> deadline = ShareDeadline::after(text, afternoon());
        QVERIFY2(deadline, qPrintable(deadline ? QString() : deadline.error().message));
        QCOMPARE(afternoon().secsTo(deadline->end()), seconds);
    }

    void whatIsNotADurationIsRefusedSayingHowToWriteOne_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("no unit") << "90"
                                 << "write it as 90m";
        QTest::newRow("empty") << ""
                               << "write it as 90m";
        QTest::newRow("units out of order") << "30m1h"
                                            << "write it as 90m";
        QTest::newRow("a negative") << "-5m"
                                    << "write it as 90m";
        QTest::newRow("days") << "1d"
                              << "write it as 90m";
        QTest::newRow("zero") << "0m"
                              << "at once";
        QTest::newRow("a month") << "800h"
                                 << "longer than a week";
    }
    void whatIsNotADurationIsRefusedSayingHowToWriteOne() {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const Result<ShareDeadline> deadline = ShareDeadline::after(text, afternoon());
        QVERIFY(!deadline);
        QVERIFY2(deadline.error().message.contains(says), qPrintable(deadline.error().message));
    }

    void aClockTimeIsTodayOrElseTomorrow() {
        const Result<ShareDeadline> later = ShareDeadline::at("17:00", afternoon());
        QVERIFY(later);
        QCOMPARE(later->end(), QDateTime(QDate(2026, 12, 4), QTime(17, 0), Qt::LocalTime).toUTC());
        QCOMPARE(later->untilText(), QString("until 17:00"));
        const Result<ShareDeadline> past = ShareDeadline::at("9:05", afternoon());
        QVERIFY(past);
        QCOMPARE(past->end(), QDateTime(QDate(2026, 12, 5), QTime(9, 5), Qt::LocalTime).toUTC());
        const Result<ShareDeadline> now = ShareDeadline::at("16:00", afternoon()); // not later than now
        QVERIFY(now);
        QCOMPARE(now->end(), afternoon().addDays(1).toUTC());
        for (const char* bad : {"24:00", "17", "17:0", "5pm", "17:60", ""})
            QVERIFY2(!ShareDeadline::at(QString::fromLatin1(bad), afternoon()), bad);
    }

    void aClockTimeAcrossTheDstChangeIsTheLocalTime() {
        // 2027-03-28 02:00 does not exist in Berlin; 03:30 the night before is 25 h 30 min away... in local time
        // terms it is simply 03:30 the next day.
        const QDateTime evening(QDate(2027, 3, 27), QTime(22, 0), Qt::LocalTime);
        const Result<ShareDeadline> morning = ShareDeadline::at("3:30", evening);
        QVERIFY(morning);
        QCOMPARE(morning->end().toLocalTime().time(), QTime(3, 30));
        QCOMPARE(evening.secsTo(morning->end()), qint64(4.5 * 3600)); // one hour less than on other nights
    }

    void theWarningComesFiveMinutesBeforeTheEnd() {
        const ShareDeadline deadline = ShareDeadline::in(3600, afternoon());
        QCOMPARE(deadline.phase(afternoon()), ShareDeadline::Phase::Running);
        QCOMPARE(deadline.phase(afternoon().addSecs(3600 - 301)), ShareDeadline::Phase::Running);
        QCOMPARE(deadline.phase(afternoon().addSecs(3600 - 300)), ShareDeadline::Phase::Warning);
        QCOMPARE(deadline.phase(afternoon().addSecs(3599)), ShareDeadline::Phase::Warning);
        QCOMPARE(deadline.phase(afternoon().addSecs(3600)), ShareDeadline::Phase::Ended);
        QCOMPARE(deadline.phase(afternoon().addSecs(7200)), ShareDeadline::Phase::Ended); // woke up late
        QCOMPARE(ShareDeadline::in(60, afternoon()).phase(afternoon()), ShareDeadline::Phase::Warning);
    }

    void theClockIsLookedAtAgainSoonAndExactlyAtEachMoment() {
        const ShareDeadline deadline = ShareDeadline::in(3600, afternoon());
        QCOMPARE(deadline.nextCheckMs(afternoon()), ShareDeadline::kMaxCheckMs);
        QCOMPARE(deadline.nextCheckMs(afternoon().addSecs(3600 - 310)), qint64(10000)); // to the warning
        QCOMPARE(deadline.nextCheckMs(afternoon().addSecs(3600 - 12)), qint64(12000));  // to the end
        QCOMPARE(deadline.nextCheckMs(afternoon().addSecs(3600)), qint64(0));
        QCOMPARE(deadline.nextCheckMs(afternoon().addSecs(9000)), qint64(0));
    }

    void extendingMovesTheEndAndLeavesTheWarning() {
        const ShareDeadline deadline = ShareDeadline::in(120, afternoon());
        QCOMPARE(deadline.phase(afternoon()), ShareDeadline::Phase::Warning);
        const ShareDeadline extended = deadline.extendedBy(30 * 60);
        QCOMPARE(extended.phase(afternoon()), ShareDeadline::Phase::Running);
        QCOMPARE(afternoon().secsTo(extended.end()), qint64(120 + 1800));
    }

    void theTimeLeftReadsAsPeopleSayIt() {
        const ShareDeadline deadline = ShareDeadline::in(5400, afternoon());
        QCOMPARE(deadline.leftText(afternoon()), QString("1 h 30 min left"));
        QCOMPARE(deadline.leftText(afternoon().addSecs(1)), QString("1 h 30 min left")); // 89 min 59 s
        QCOMPARE(deadline.leftText(afternoon().addSecs(5400 - 3600)), QString("1 h 0 min left"));
        QCOMPARE(deadline.leftText(afternoon().addSecs(5400 - 210)), QString("4 min left"));
        QCOMPARE(deadline.leftText(afternoon().addSecs(5400 - 40)), QString("40 s left"));
        QCOMPARE(deadline.leftText(afternoon().addSecs(6000)), QString("0 s left"));
        QCOMPARE(ShareDeadline::leftText(210), QString("4 min left")); // the same words for a figure given apart
        QCOMPARE(ShareDeadline::clockText(deadline.end()), QString("17:30"));
    }

    void oneFieldTakesAClockTimeOrADuration() {
        const Result<ShareDeadline> clock = ShareDeadline::parse("17:15", afternoon());
        QVERIFY(clock);
        QCOMPARE(afternoon().secsTo(clock->end()), qint64(75 * 60));
        const Result<ShareDeadline> duration = ShareDeadline::parse("1h15m", afternoon());
        QVERIFY(duration);
        QCOMPARE(duration->end(), clock->end());
        const Result<ShareDeadline> bad = ShareDeadline::parse("soon", afternoon());
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains("write it as 90m"), qPrintable(bad.error().message));
        QVERIFY(!ShareDeadline::parse("25:00", afternoon()));
    }

    void theLengthRememberedIsRoundedAsPeopleSayIt() {
        const ShareDeadline deadline = ShareDeadline::in(90 * 60, afternoon());
        QCOMPARE(deadline.lengthFrom(afternoon()), qint64(90 * 60));
        QCOMPARE(deadline.lengthFrom(afternoon().addMSecs(40)), qint64(90 * 60)); // moments later: still 90m
        QCOMPARE(deadline.lengthFrom(afternoon().addSecs(25)), qint64(90 * 60));
        QCOMPARE(deadline.lengthFrom(afternoon().addSecs(35)), qint64(89 * 60));
        QCOMPARE(ShareDeadline::in(45, afternoon()).lengthFrom(afternoon().addMSecs(10)), qint64(45));
        QCOMPARE(deadline.lengthFrom(afternoon().addSecs(6000)), qint64(0));
    }

    void aDurationIsWrittenAsItIsReadBack_data() {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("minutes") << qint64(45 * 60) << "45m";
        QTest::newRow("hours and minutes") << qint64(90 * 60) << "1h30m";
        QTest::newRow("hours") << qint64(7200) << "2h";
        QTest::newRow("seconds") << qint64(45) << "45s";
        QTest::newRow("all three") << qint64(3723) << "1h2m3s";
        QTest::newRow("nothing is at least a second") << qint64(0) << "1s";
        QTest::newRow("more than a week is a week") << qint64(10 * 24 * 3600) << "168h";
    }
    void aDurationIsWrittenAsItIsReadBack() {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(ShareDeadline::durationText(seconds), text);
        const Result<ShareDeadline> back = ShareDeadline::after(text, afternoon());
        QVERIFY2(back, qPrintable(text));
        QCOMPARE(afternoon().secsTo(back->end()), std::clamp<qint64>(seconds, 1, ShareDeadline::kMaxSeconds));
    }
};

QTEST_MAIN(TestShareDeadline)
#include "tst_sharedeadline.moc"
