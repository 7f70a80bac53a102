// SPDX-License-Identifier: GPL-3.0-or-later
// UpReport, what `labshare up` prints: into a pipe the table again below the last one (unchanged), on a
// terminal the table redrawn in place with other output above it, with --json one object per line.
#include "TerminalScreen.h"
#include "UpReport.h"
#include "tunnel/bookkeeping/ConnectionRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using labshare::app::LiveBlock;
using labshare::app::UpReport;
using labshare::share::ShareRow;
using labshare::tunnel::ShareState;

namespace {

ShareRow row(const QString& name, ShareState state, quint16 port = 0) {
    ShareRow r;
    r.name = name;
    r.node = name.section('-', 1, 1);
    r.health.state = state;
    if (port) {
        r.health.publicHost = "192.0.2.2";
        r.health.publicPort = port;
        r.url = QStringLiteral("ssh://admin@192.0.2.2:%1").arg(port);
    }
    return r;
}

ShareRow entry(const QString& text) {
    ShareRow r;
    r.node = QStringLiteral("spine1");
    r.kind = QStringLiteral("nokia_srlinux");
    r.spec = labshare::topology::PublishSpec::parse(text).value();
    r.name = QStringLiteral("clab-spine1-") + QString(text).section(QLatin1Char('/'), 0, 1).replace('/', '-');
    return r;
}

// Everything written to a temporary FILE*.
class Capture {
public:
    Capture()
        : m_file(std::tmpfile()) {}
    ~Capture() { std::fclose(m_file); }
    std::FILE* file() const { return m_file; }
    QByteArray bytes() const {
        std::fflush(m_file);
        const long size = std::ftell(m_file);
        QByteArray out(size, '\0');
        std::rewind(m_file);
        const size_t got = std::fread(out.data(), 1, static_cast<size_t>(size), m_file);
        out.truncate(static_cast<qsizetype>(got));
        std::fseek(m_file, 0, SEEK_END);
        return out;
    }

private:
    std::FILE* m_file;
};

const QList<ShareRow> kConnecting{row("clab-r1-tcp-22", ShareState::Connecting),
                                  row("clab-r2-tcp-22", ShareState::Connecting)};
const QList<ShareRow> kOneUp{row("clab-r1-tcp-22", ShareState::Up, 40001),
                             row("clab-r2-tcp-22", ShareState::Connecting)};
const QList<ShareRow> kBothUp{row("clab-r1-tcp-22", ShareState::Up, 40001),
                              row("clab-r2-tcp-22", ShareState::Up, 40002)};

} // namespace

class TestUpReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The form piped output has always had: a blank line, then the whole table, on every change.
    void pipedOutputKeepsTheLineForm() {
        Capture out;
        {
            UpReport report(UpReport::Form::Lines, out.file());
            report.shareChanged(kConnecting.at(0), kConnecting);
            report.shareChanged(kConnecting.at(1), kConnecting); // the same table: not printed again
            report.shareChanged(kOneUp.at(0), kOneUp);
        }
        const QByteArray expected = "\n"
                                    "SHARE           STATE       PUBLIC  OPEN / ERROR\n"
                                    "clab-r1-tcp-22  connecting  -\n"
                                    "clab-r2-tcp-22  connecting  -\n"
                                    "\n"
                                    "SHARE           STATE       PUBLIC           OPEN / ERROR\n"
                                    "clab-r1-tcp-22  up          192.0.2.2:40001  ssh://admin@192.0.2.2:40001\n"
                                    "clab-r2-tcp-22  connecting  -\n";
        QCOMPARE(out.bytes(), expected);
    }

    void terminalRedrawsTheTableInPlace() {
        Capture out;
        {
            UpReport report(UpReport::Form::Terminal, out.file());
            report.shareChanged(kConnecting.at(0), kConnecting);
            report.shareChanged(kOneUp.at(0), kOneUp);
            report.shareChanged(kBothUp.at(1), kBothUp);
        }
        const QByteArray bytes = out.bytes();
        // Each table (a blank line and three rows) is taken away before the next one is drawn.
        QCOMPARE(bytes.count("\r\x1b[4A\x1b[J"), 2);
        const QStringList screen = renderTerminal(bytes, 0);
        QCOMPARE(screen, (QStringList{"", "SHARE           STATE  PUBLIC           OPEN / ERROR",
                                      "clab-r1-tcp-22  up     192.0.2.2:40001  ssh://admin@192.0.2.2:40001",
                                      "clab-r2-tcp-22  up     192.0.2.2:40002  ssh://admin@192.0.2.2:40002"}));
    }

    // Problems and log lines printed while the table is live go above it; the table stays last, once.
    void otherOutputGoesAboveTheTable() {
        Capture out;
        {
            UpReport report(UpReport::Form::Terminal, out.file());
            report.shareChanged(kConnecting.at(0), kConnecting);
            LiveBlock::write(out.file(), "labshare: first problem\n");
            report.shareChanged(kOneUp.at(0), kOneUp);
            LiveBlock::write(out.file(), "labshare: second problem\n");
        }
        const QStringList screen = renderTerminal(out.bytes(), 0);
        QCOMPARE(screen, (QStringList{"labshare: first problem", "labshare: second problem", "",
                                      "SHARE           STATE       PUBLIC           OPEN / ERROR",
                                      "clab-r1-tcp-22  up          192.0.2.2:40001  ssh://admin@192.0.2.2:40001",
                                      "clab-r2-tcp-22  connecting  -"}));
    }

    // A prompt holds the table off the screen; changes meanwhile show when the hold ends.
    void aHoldKeepsTheTableAway() {
        Capture out;
        UpReport report(UpReport::Form::Terminal, out.file());
        report.shareChanged(kConnecting.at(0), kConnecting);
        {
            const LiveBlock::Hold hold;
            QVERIFY(renderTerminal(out.bytes(), 0).isEmpty());
            report.shareChanged(kOneUp.at(0), kOneUp);
            QVERIFY(renderTerminal(out.bytes(), 0).isEmpty());
        }
        QVERIFY(renderTerminal(out.bytes(), 0).join('\n').contains("clab-r1-tcp-22  up"));
    }

    void rowsCountWrappedLines_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("rows");
        QTest::newRow("no wrapping") << "\nab\ncd\n" << 0 << 3;
        QTest::newRow("fits") << "abcd\n" << 4 << 1;
        QTest::newRow("one too long") << "abcde\n" << 4 << 2;
        QTest::newRow("blank lines") << "\n\nabcdefghi\n" << 4 << 5;
        QTest::newRow("nothing") << "" << 80 << 0;
    }
    void rowsCountWrappedLines() {
        QFETCH(QString, text);
        QFETCH(int, columns);
        QFETCH(int, rows);
        QCOMPARE(LiveBlock::rows(text, columns), rows);
    }

    void jsonIsOneObjectPerLine() {
        Capture out;
        {
            UpReport report(UpReport::Form::Json, out.file());
            report.shareChanged(kOneUp.at(0), kOneUp);
        }
        const QList<QByteArray> lines = out.bytes().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).isEmpty());
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object(), UpReport::shareEvent(kOneUp.at(0)));
    }

    void aConnectionIsAnEventWhenItEnds() {
        labshare::tunnel::ConnectionRecord r;
        r.id = 1;
        r.share = QStringLiteral("clab-r1-tcp-22");
        r.peerAddress = QStringLiteral("192.0.2.7");
        r.peerPort = 51234;
        r.startedMs = QDateTime(QDate(2026, 12, 4), QTime(9, 15), Qt::UTC).toMSecsSinceEpoch();
        Capture out;
        {
            UpReport report(UpReport::Form::Json, out.file());
            report.connections({r}); // open: no event yet
            r.end = labshare::tunnel::ConnectionEnd::Node;
            r.endedMs = r.startedMs + 61500;
            r.bytesToNode = 2912;
            r.bytesFromNode = 48113;
            report.connections({r});
        }
        const QList<QByteArray> lines = out.bytes().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QByteArray(R"({"bytes_from_node":48113,"bytes_to_node":2912,"duration_ms":61500,)"
                                         R"("ended_by":"node","event":"connection","identity":"",)"
                                         R"("peer":"192.0.2.7:51234","share":"clab-r1-tcp-22",)"
                                         R"("started":"2026-12-04T09:15:00.000Z"})"));
        Capture lines2;
        {
            UpReport report(UpReport::Form::Lines, lines2.file());
            report.connections({r}); // the table's counts say it; no line per connection
        }
        QVERIFY(lines2.bytes().isEmpty());
    }

    void formFollowsTheOutput() {
        Capture out;
        QCOMPARE(UpReport::formFor(true, out.file()), UpReport::Form::Json);
        QCOMPARE(UpReport::formFor(false, out.file()), UpReport::Form::Lines); // a file is no terminal
    }

    void saysAListedEntryIsOpenToAnyone() {
        // LabShare cannot check who connects yet: `--json` must not read the list as enforced.
        const QJsonObject event = UpReport::shareEvent(entry("tls/57400/alice@example.org,example.org"));
        QCOMPARE(event.value("who").toString(), QStringLiteral("anyone"));
        QCOMPARE(event.value("lab_asks_for").toArray(), (QJsonArray{"alice@example.org", "example.org"}));
        // The fields scripts already read are unchanged.
        QCOMPARE(event.value("allow").toArray(), (QJsonArray{"alice@example.org", "example.org"}));
        QCOMPARE(event.value("event").toString(), QStringLiteral("share"));
        QCOMPARE(event.value("port").toInt(), 57400);
    }

    void saysAnOpenEntryIsOpenToAnyone() {
        const QJsonObject event = UpReport::shareEvent(entry("tcp/22"));
        QCOMPARE(event.value("who").toString(), QStringLiteral("anyone"));
        QVERIFY(event.value("lab_asks_for").isArray());
        QVERIFY(event.value("lab_asks_for").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUpReport)
#include "tst_upreport.moc"
