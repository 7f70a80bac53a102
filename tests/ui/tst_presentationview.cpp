// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation/PresentationCard.h"
#include "presentation/PresentationView.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare::ui;
using labshare::share::ShareRow;
using labshare::topology::PublishSpec;
using labshare::tunnel::ShareState;

namespace {

ShareRow share(const QString& node, const QString& kind, const QString& entry, quint16 port,
               ShareState state = ShareState::Up, const QString& error = {}) {
    ShareRow r;
    r.node = node;
    r.kind = kind;
    auto spec = PublishSpec::parse(entry);
    if (!spec)
        qFatal("bad entry in test");
    r.spec = spec.value();
    r.name = QStringLiteral("clab-%1-%2").arg(node, QString(entry).replace('/', '-'));
    r.health.name = r.name;
    r.health.state = state;
    r.health.lastError = error;
    if (port) {
        r.health.publicHost = QStringLiteral("relay.example.org");
        r.health.publicPort = port;
    }
    r.url = labshare::share::shareUrl(r);
    return r;
}

// A classroom lab: routers, a web UI meant for the instructor, hosts; one node not answering, one share
// reconnecting, one still waiting.
QList<ShareRow> classroom(int count) {
    const QList<ShareRow> all{
        share("leaf1", "nokia_srlinux", "tcp/22", 40123),
        share("leaf2", "nokia_srlinux", "tcp/22", 40124, ShareState::Degraded,
              "node leaf2 does not answer on 172.20.20.12 port 22: Connection refused"),
        share("spine1", "nokia_srlinux", "tls/57400", 40125),
        share("grafana", "linux", "http/3000/instructor@example.edu", 40126),
        share("ceos1", "arista_ceos", "tcp/22", 40127, ShareState::Reconnecting, "relay stopped answering"),
        share("client1", "linux", "tcp/22", 40128),
        share("client2", "linux", "tcp/22", 0, ShareState::Connecting),
        share("leaf3", "nokia_srlinux", "tcp/22", 40129),
        share("leaf4", "nokia_srlinux", "tcp/22", 40130),
        share("spine2", "nokia_srlinux", "tcp/22", 40131),
        share("client3", "linux", "tcp/22", 40132),
        share("client4", "linux", "tcp/22", 40133),
    };
    return all.mid(0, count);
}

PresentationCard* cardOf(const PresentationView& view, const QString& node) {
    for (PresentationCard* card : view.cards())
        if (card->title().startsWith(node + QStringLiteral(" · ")))
            return card;
    qFatal("no card for %s", qPrintable(node));
}

QStringList titles(const PresentationView& view) {
    QStringList out;
    for (const PresentationCard* card : view.cards())
        out << card->title();
    return out;
}

QString zbar() {
    return QStandardPaths::findExecutable("zbarimg");
}

} // namespace

class TestPresentationView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsOneCardPerShare() {
        PresentationView view;
        view.resize(1280, 800);
        view.setRows(classroom(4));
        const QList<PresentationCard*> cards = view.cards();
        QCOMPARE(cards.size(), 4);
        QCOMPARE(view.findChildren<PresentationCard*>("presentationCard").size(), 4);
        const PresentationCard* leaf1 = cardOf(view, "leaf1");
        QCOMPARE(leaf1->title(), QStringLiteral("leaf1 · SSH"));
        QCOMPARE(leaf1->mainText(), QStringLiteral("ssh -p 40123 admin@relay.example.org"));
        QCOMPARE(leaf1->qrPayload(), QStringLiteral("ssh://admin@relay.example.org:40123"));
        QVERIFY(!leaf1->qrCode().isNull());
        QVERIFY(leaf1->statusText().isEmpty()); // up: nothing to warn about
        const PresentationCard* spine1 = cardOf(view, "spine1");
        QCOMPARE(spine1->title(), QStringLiteral("spine1 · gNMI"));
        QCOMPARE(spine1->mainText(), QStringLiteral("relay.example.org:40125"));
        QCOMPARE(spine1->detailText(), QStringLiteral("user admin · TLS, --skip-verify"));
        const PresentationCard* grafana = cardOf(view, "grafana");
        QCOMPARE(grafana->mainText(), QStringLiteral("http://relay.example.org:40126"));
        QCOMPARE(grafana->qrPayload(), QStringLiteral("http://relay.example.org:40126"));
    }

    void showsStateAndWaitingShares() {
        PresentationView view;
        view.setRows(classroom(7));
        const PresentationCard* ceos1 = cardOf(view, "ceos1");
        QCOMPARE(ceos1->statusText(), QStringLiteral("Reconnecting…")); // the words of every other view
        QCOMPARE(ceos1->detailText(), QStringLiteral("relay stopped answering"));
        const PresentationCard* waiting = cardOf(view, "client2");
        QCOMPARE(waiting->mainText(), QStringLiteral("waiting for a public address…"));
        QCOMPARE(waiting->statusText(), QStringLiteral("Connecting…"));
        QVERIFY(waiting->qrPayload().isEmpty());
        QVERIFY(waiting->qrCode().isNull());
    }

    void saysAListedEntryIsOpenToAnyone() {
        // LabShare cannot check who connects: never the lab's list as if it were enforced.
        PresentationView view;
        view.setRows({share("spine1", "nokia_srlinux", "tls/57400/alice@example.org,example.org", 40125)});
        QCOMPARE(view.cards()[0]->detailText(),
                 QStringLiteral("user admin · TLS, --skip-verify · anyone (the lab asks for alice@example.org, "
                                "example.org)"));
    }

    void sortsCardsByNodeThenTypeAndPort() {
        PresentationView view;
        view.resize(1366, 768);
        view.setRows(
            {share("leaf10", "nokia_srlinux", "tcp/22", 40001), share("spine1", "nokia_srlinux", "tcp/22", 40002),
             share("leaf2", "nokia_srlinux", "tls/57400", 40003), share("leaf2", "nokia_srlinux", "tcp/830", 40004),
             share("leaf2", "nokia_srlinux", "tcp/22", 40005), share("client1", "linux", "tcp/22", 40006)});
        QCOMPARE(titles(view), (QStringList{"client1 · SSH", "leaf2 · SSH", "leaf2 · NETCONF", "leaf2 · gNMI",
                                            "leaf10 · SSH", "spine1 · SSH"}));
        // In reading order on the slide, too.
        const QList<PresentationCard*> cards = view.cards();
        for (int i = 1; i < cards.size(); ++i) {
            const QRect a = cards[i - 1]->geometry(), b = cards[i]->geometry();
            QVERIFY(a.top() < b.top() || (a.top() == b.top() && a.left() < b.left()));
        }
    }

    void cardsShareOneSizeAndTypeScale_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("count");
        for (const QSize screen : {QSize(1366, 768), QSize(1920, 1080)})
            for (int n : {1, 5, 7, 12})
                QTest::addRow("%dx%d, %d", screen.width(), screen.height(), n) << screen << n;
    }

    void cardsShareOneSizeAndTypeScale() {
        QFETCH(QSize, screen);
        QFETCH(int, count);
        PresentationView view;
        view.resize(screen);
        view.setRows(classroom(count));
        const QList<PresentationCard*> cards = view.cards();
        const PresentationCard::TypeScale first = cards[0]->typeScale();
        for (const PresentationCard* card : cards) {
            QCOMPARE(card->size(), cards[0]->size());
            const PresentationCard::TypeScale scale = card->typeScale();
            QCOMPARE(scale.title, first.title);
            if (card->hasCode())
                QCOMPARE(scale.code, cardOf(view, "leaf1")->typeScale().code);
            // A problem is as large as a card's title: readable from the back of the room.
            if (!card->statusText().isEmpty()) {
                QVERIFY2(scale.status >= scale.title * 0.8, qPrintable(QString::number(scale.status)));
                QVERIFY2(scale.status >= 16, qPrintable(QString::number(scale.status)));
            }
        }
    }

    void usesTheChosenLoginUser() {
        PresentationView view;
        view.setRows(classroom(1));
        view.setLoginUser("clab-leaf1-tcp-22", "student");
        QCOMPARE(view.cards()[0]->mainText(), QStringLiteral("ssh -p 40123 student@relay.example.org"));
        QCOMPARE(view.cards()[0]->qrPayload(), QStringLiteral("ssh://student@relay.example.org:40123"));
    }

    void updatesInPlace() {
        PresentationView view;
        view.resize(1280, 800);
        QList<ShareRow> rows = classroom(3);
        view.setRows(rows);
        const QList<PresentationCard*> before = view.cards();
        const QRect geometry = before[1]->geometry();
        rows[1].health.state = ShareState::Reconnecting;
        rows[1].health.lastError = "relay stopped answering";
        view.setRows(rows);
        QCOMPARE(view.cards(), before);
        QCOMPARE(before[1]->geometry(), geometry);
        QCOMPARE(before[1]->statusText(), QStringLiteral("Reconnecting…"));
        QCOMPARE(before[1]->detailText(), QStringLiteral("relay stopped answering"));

        rows.removeAt(0);
        view.setRows(rows);
        QCOMPARE(view.cards().size(), 2);
        QCOMPARE(view.cards()[0], before[1]);
        QCOMPARE(view.findChildren<PresentationCard*>().size(), 2); // the removed card is gone

        rows[0].health.state = ShareState::Stopped;
        view.setRows(rows);
        QCOMPARE(view.cards().size(), 1);
    }

    void escapeCloses() {
        PresentationView view;
        view.setRows(classroom(2));
        QSignalSpy closed(&view, &PresentationView::closed);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::keyClick(&view, Qt::Key_A);
        QVERIFY(view.isVisible());
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.isVisible());
        QCOMPARE(closed.size(), 1);
    }

    void choosesColumns_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("columns");
        QTest::newRow("1") << 1 << QSize(1920, 1080) << 1;
        QTest::newRow("2 on 1920x1080") << 2 << QSize(1920, 1080) << 1;
        QTest::newRow("4 on 1920x1080") << 4 << QSize(1920, 1080) << 2;
        QTest::newRow("6 on 1280x800") << 6 << QSize(1280, 800) << 2;
        QTest::newRow("12 on 1920x1080") << 12 << QSize(1920, 1080) << 3;
        QTest::newRow("12 on 1280x800") << 12 << QSize(1280, 800) << 3;
    }

    void choosesColumns() {
        QFETCH(int, count);
        QFETCH(QSize, screen);
        QFETCH(int, columns);
        QCOMPARE(PresentationView::columnsFor(count, QSizeF(screen), 20), columns);
    }

    void fitsTheScreen_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("count");
        for (const QSize screen : {QSize(1280, 800), QSize(1920, 1080)})
            for (int n = 1; n <= 12; ++n)
                QTest::addRow("%dx%d, %d", screen.width(), screen.height(), n) << screen << n;
    }

    void fitsTheScreen() {
        QFETCH(QSize, screen);
        QFETCH(int, count);
        PresentationView view;
        view.resize(screen);
        view.setRows(classroom(count));
        const QList<PresentationCard*> cards = view.cards();
        QCOMPARE(cards.size(), count);
        for (int i = 0; i < count; ++i) {
            const QRect g = cards[i]->geometry();
            QVERIFY2(view.rect().contains(g), qPrintable(QString::number(i)));
            // Large enough to read from the back of a room, even with twelve shares on 1280x800.
            QVERIFY2(g.height() >= 150 && g.width() >= 300,
                     qPrintable(QString("card %1 is %2x%3").arg(i).arg(g.width()).arg(g.height())));
            for (int j = i + 1; j < count; ++j)
                QVERIFY(!g.intersects(cards[j]->geometry()));
        }
    }

    void projectedCodesScan_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("count");
        for (const QSize screen : {QSize(1366, 768), QSize(1920, 1080)})
            for (int n : {1, 5, 12})
                QTest::addRow("%d on %dx%d", n, screen.width(), screen.height()) << screen << n;
    }

    void projectedCodesScan() {
        // Grabs the view as the projector shows it and reads every code back with zbarimg.
        // LABSHARE_SCREENSHOT_DIR keeps the pictures (for people to look at).
        QFETCH(QSize, screen);
        QFETCH(int, count);
        PresentationView view;
        view.setTitle("classroom");
        view.resize(screen);
        view.setRows(classroom(count));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage shot = view.grab().toImage();
        QCOMPARE(shot.size(), screen);
        const QString keep = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR");
        if (!keep.isEmpty() && QDir().mkpath(keep))
            QVERIFY(shot.save(QDir(keep).filePath(
                QString("presentation-%1-%2x%3.png").arg(count).arg(screen.width()).arg(screen.height()))));
        if (zbar().isEmpty())
            QSKIP("zbarimg not installed (apt-get install zbar-tools)");
        QTemporaryDir dir;
        for (const PresentationCard* card : view.cards()) {
            if (card->qrPayload().isEmpty())
                continue;
            const QString file = dir.filePath(card->shareName() + ".png");
            QVERIFY(shot.copy(card->geometry()).save(file));
            QProcess scan;
            scan.start(zbar(), {"--quiet", "--raw", file});
            QVERIFY(scan.waitForFinished(20000));
            QCOMPARE(QString::fromUtf8(scan.readAllStandardOutput()).trimmed(), card->qrPayload());
        }
    }
};

QTEST_MAIN(TestPresentationView)
#include "tst_presentationview.moc"
