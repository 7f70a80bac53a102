// SPDX-License-Identifier: GPL-3.0-or-later
// DeadlineWatch on a clock the test moves: the lab's deadline and shares' own, the warning once per
// deadline, extending what is ending, and what ends when.
#include "share/DeadlineWatch.h"

#include <QSignalSpy>
#include <QTest>

using namespace labshare;
using labshare::share::DeadlineWatch;
using labshare::share::ShareDeadline;

class TestDeadlineWatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_now = QDateTime(QDate(2026, 12, 4), QTime(15, 0), Qt::UTC);
        m_watch = std::make_unique<DeadlineWatch>([this] { return m_now; });
        m_watch->setShares({"a", "b", "c"});
    }

    void theLabsDeadlineWarnsOnceThenEndsEveryShareWithoutItsOwn() {
        QSignalSpy warnings(m_watch.get(), &DeadlineWatch::warning);
        QSignalSpy ends(m_watch.get(), &DeadlineWatch::ended);
        m_watch->setLabDeadline(ShareDeadline::in(3600, m_now));
        m_watch->setShareDeadline("c", ShareDeadline::in(7200, m_now));
        QCOMPARE(m_watch->deadlineFor("a")->end(), m_now.addSecs(3600));
        QCOMPARE(m_watch->deadlineFor("c")->end(), m_now.addSecs(7200)); // its own wins
        QCOMPARE(m_watch->ends().size(), 3);
        QVERIFY(!m_watch->endingAt().isValid());

        move(3600 - 300);
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.at(0).at(0).toStringList(), QStringList({"a", "b"}));
        QCOMPARE(m_watch->endingAt(), m_now.addSecs(300));
        move(100);
        QCOMPARE(warnings.size(), 1); // once
        QCOMPARE(ends.size(), 0);

        move(200);
        QCOMPARE(ends.size(), 1);
        QCOMPARE(ends.at(0).at(0).toStringList(), QStringList({"a", "b"}));
        QVERIFY(!m_watch->labDeadline());
        QVERIFY(m_watch->deadlineFor("c")); // still has its own
        move(3300);
        QCOMPARE(warnings.size(), 2); // "c" warns too, five minutes before its own end
        QCOMPARE(warnings.at(1).at(0).toStringList(), QStringList({"c"}));
        move(300);
        QCOMPARE(ends.size(), 2);
        QCOMPARE(ends.at(1).at(0).toStringList(), QStringList({"c"}));
        QVERIFY(m_watch->ends().isEmpty());
    }

    void aLaptopThatSleptPastTheEndEndsAtOnceWithoutAWarning() {
        QSignalSpy warnings(m_watch.get(), &DeadlineWatch::warning);
        QSignalSpy ends(m_watch.get(), &DeadlineWatch::ended);
        m_watch->setLabDeadline(ShareDeadline::in(3600, m_now));
        move(5 * 3600);
        QCOMPARE(warnings.size(), 0);
        QCOMPARE(ends.size(), 1);
        QCOMPARE(ends.at(0).at(1).toDateTime(), m_now.addSecs(-4 * 3600));
    }

    void extendingMovesOnlyWhatIsEndingAndItWarnsAgainLater() {
        QSignalSpy warnings(m_watch.get(), &DeadlineWatch::warning);
        QSignalSpy ends(m_watch.get(), &DeadlineWatch::ended);
        m_watch->setLabDeadline(ShareDeadline::in(240, m_now)); // shorter than the warning: at once
        m_watch->setShareDeadline("c", ShareDeadline::in(7200, m_now));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(m_watch->extendEnding(30 * 60));
        QCOMPARE(m_watch->labDeadline()->end(), m_now.addSecs(240 + 1800));
        QCOMPARE(m_watch->ownDeadline("c")->end(), m_now.addSecs(7200)); // it was not ending
        QVERIFY(!m_watch->endingAt().isValid());
        QVERIFY(!m_watch->extendEnding(30 * 60)); // nothing is ending now
        move(240 + 1800 - 300);
        QCOMPARE(warnings.size(), 2);
        move(300);
        QCOMPARE(ends.size(), 1);
    }

    void aShareNoLongerPublishedForgetsItsDeadlineAndTheLabsEndsWhatIsPublishedThen() {
        QSignalSpy ends(m_watch.get(), &DeadlineWatch::ended);
        m_watch->setLabDeadline(ShareDeadline::in(3600, m_now));
        m_watch->setShareDeadline("b", ShareDeadline::in(600, m_now));
        m_watch->setShares({"a", "d"}); // b and c stopped, d published since
        QVERIFY(!m_watch->ownDeadline("b"));
        QVERIFY(!m_watch->deadlineFor("c"));
        move(600);
        QCOMPARE(ends.size(), 0);
        move(3000);
        QCOMPARE(ends.size(), 1);
        QCOMPARE(ends.at(0).at(0).toStringList(), QStringList({"a", "d"}));
    }

    void clearingAShareDeadlineHandsItBackToTheLabs() {
        m_watch->setLabDeadline(ShareDeadline::in(3600, m_now));
        m_watch->setShareDeadline("a", ShareDeadline::in(600, m_now));
        m_watch->setShareDeadline("a", std::nullopt);
        QCOMPARE(m_watch->deadlineFor("a")->end(), m_now.addSecs(3600));
        m_watch->clear();
        QVERIFY(m_watch->ends().isEmpty());
    }

    void theTimerLooksAtTheClockWhenADeadlineIsDue() {
        // The real wall clock: a two-second deadline warns at once and ends without anyone calling check().
        DeadlineWatch watch;
        watch.setShares({"a"});
        QSignalSpy warnings(&watch, &DeadlineWatch::warning);
        QSignalSpy ends(&watch, &DeadlineWatch::ended);
        watch.setLabDeadline(ShareDeadline::in(2, watch.now()));
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(ends.size(), 0);
        QVERIFY(ends.wait(10000));
        QCOMPARE(ends.at(0).at(0).toStringList(), QStringList({"a"}));
    }

    void theTextsSayWhatStopsNext() {
        QCOMPARE(m_watch->endingText(), QString());
        QCOMPARE(m_watch->untilText(), QString());
        m_watch->setLabDeadline(ShareDeadline::in(5400, m_now));
        const QString labEnd = ShareDeadline::clockText(m_now.addSecs(5400));
        QCOMPARE(m_watch->endingText(), "Every share stops at " + labEnd + " (1 h 30 min left)");
        QCOMPARE(m_watch->untilText(), "until " + labEnd);
        m_watch->setShareDeadline("b", ShareDeadline::in(1200, m_now));
        m_watch->setShareDeadline("c", ShareDeadline::in(1200, m_now));
        const QString early = ShareDeadline::clockText(m_now.addSecs(1200));
        QCOMPARE(m_watch->endingText(), "2 shares stop at " + early + " (20 min left)");
        QCOMPARE(m_watch->untilText(), "until " + labEnd); // the last end
        m_watch->setLabDeadline(std::nullopt);
        QCOMPARE(m_watch->untilText(), QString()); // "a" runs on
        m_watch->setShares({"b"});
        QCOMPARE(m_watch->endingText(), "The share stops at " + early + " (20 min left)");
        QCOMPARE(m_watch->untilText(), "until " + early);
    }

private:
    void move(qint64 seconds) {
        m_now = m_now.addSecs(seconds);
        m_watch->check();
    }

    QDateTime m_now;
    std::unique_ptr<DeadlineWatch> m_watch;
};

QTEST_MAIN(TestDeadlineWatch)
#include "tst_deadlinewatch.moc"
