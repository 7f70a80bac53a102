// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareSheet.h"

#include <QTest>

using namespace labshare::share;
using labshare::topology::PublishSpec;
using labshare::tunnel::ShareState;

namespace {

ShareRow row(const QString& node, const QString& kind, const QString& entry, quint16 port) {
    ShareRow r;
    r.node = node;
    r.kind = kind;
    auto spec = PublishSpec::parse(entry);
    if (!spec)
        qFatal("bad entry in test");
    r.spec = spec.value();
    r.name = QStringLiteral("clab-") + node + QLatin1Char('-') + QString::number(port);
    r.health.name = r.name;
    r.health.state = port ? ShareState::Up : ShareState::Connecting;
    r.health.publicHost = port ? QStringLiteral("relay.example.org") : QString();
    r.health.publicPort = port;
    r.url = shareUrl(r);
    return r;
}

} // namespace

class TestShareSheet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesMarkdown() {
        const ShareSheet sheet("classroom",
                               {row("leaf1", "nokia_srlinux", "tcp/22", 40123),
                                row("grafana", "linux", "http/3000/alice@example.org,example.com", 40125)});
        QCOMPARE(sheet.toMarkdown(), QStringLiteral("# classroom: lab access\n"
                                                    "\n"
                                                    "| Node | What | Address | Command or link | Who can connect |\n"
                                                    "|---|---|---|---|---|\n"
                                                    "| leaf1 | SSH | `relay.example.org:40123` | "
                                                    "`ssh -p 40123 admin@relay.example.org` | anyone |\n"
                                                    "| grafana | HTTP | `relay.example.org:40125` | "
                                                    "<http://relay.example.org:40125> | "
                                                    "anyone (the lab asks for alice@example.org, example.com) |\n"));
    }

    void aBrowserTerminalHandsOutItsWatchLinkButNeverTheInstructorsOwn() {
        ShareRow terminal = row("leaf1", "nokia_srlinux", "term/22", 40126);
        terminal.terminalKeys = {"STUDENTS", "INSTRUCTOR", "WATCHERS"};
        terminal.url = shareUrl(terminal);
        const QList<ShareSheet::Entry> entries = ShareSheet("lab", {terminal}).entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).link, QStringLiteral("http://relay.example.org:40126/t/STUDENTS"));
        QCOMPARE(entries.at(1).link, QStringLiteral("http://relay.example.org:40126/t/WATCHERS"));
        QCOMPARE(entries.at(1).what, QStringLiteral("Watch the instructor's terminal (read-only)"));
        QVERIFY(!ShareSheet("lab", {terminal}).toHtml().contains(QStringLiteral("INSTRUCTOR")));
        QVERIFY(!ShareSheet("lab", {terminal}).toMarkdown().contains(QStringLiteral("INSTRUCTOR")));
    }

    void sheetsForGnmiSayThePasswordIsNotThere() {
        const ShareSheet sheet("lab", {row("leaf1", "nokia_srlinux", "tls/57400", 40124)});
        QCOMPARE(
            sheet.toMarkdown(),
            QStringLiteral("# lab: lab access\n"
                           "\n"
                           "| Node | What | Address | Command or link | Who can connect |\n"
                           "|---|---|---|---|---|\n"
                           "| leaf1 | gNMI | `relay.example.org:40124` | "
                           "`gnmic -a relay.example.org:40124 -u admin -p <password> --skip-verify capabilities` | "
                           "anyone |\n"
                           "\n"
                           "Passwords are not written here: replace `<password>` with the password your "
                           "instructor gives you.\n"));
        QVERIFY(sheet.toHtml().contains("replace <code>&lt;password&gt;</code> with"));
        QVERIFY(!sheet.toHtml().contains("<password>"));
    }

    void escapesMarkdown() {
        const ShareSheet sheet("a|b", {row("r<1>&co_*x*", "linux", "tcp/22", 40126)});
        QCOMPARE(sheet.toMarkdown().section('\n', 0, 0), QStringLiteral("# a\\|b: lab access"));
        QCOMPARE(sheet.toMarkdown().section('\n', 4, 4),
                 QStringLiteral("| r\\<1\\>\\&co\\_\\*x\\* | SSH | `relay.example.org:40126` | "
                                "`ssh -p 40126 root@relay.example.org` | anyone |"));
    }

    void writesEscapedSelfContainedHtml() {
        const ShareSheet sheet("Lab <&> \"1\"", {row("r<1>&co", "linux", "tcp/22", 40126)});
        const QString html = sheet.toHtml();
        const QString head = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                             "<title>Lab &lt;&amp;&gt; &quot;1&quot;: lab access</title>\n<style>\n";
        QVERIFY2(html.startsWith(head), qPrintable(html));
        const QString body = html.mid(html.indexOf("</style>"));
        QCOMPARE(body, QStringLiteral("</style>\n</head>\n<body>\n"
                                      "<h1>Lab &lt;&amp;&gt; &quot;1&quot;: lab access</h1>\n"
                                      "<table>\n"
                                      "<thead><tr><th>Node</th><th>What</th><th>Address</th><th>Command or link</th>"
                                      "<th>Who can connect</th></tr></thead>\n"
                                      "<tbody>\n"
                                      "<tr><td>r&lt;1&gt;&amp;co</td><td>SSH</td>"
                                      "<td><code>relay.example.org:40126</code></td>"
                                      "<td><code>ssh -p 40126 root@relay.example.org</code></td>"
                                      "<td>anyone</td></tr>\n"
                                      "</tbody>\n"
                                      "</table>\n"
                                      "</body>\n"
                                      "</html>\n"));
        // Self-contained: nothing fetched from elsewhere; printable: a print style.
        QVERIFY(!html.contains("<link"));
        QVERIFY(!html.contains("<script"));
        QVERIFY(!html.contains("src="));
        QVERIFY(html.contains("@media print"));
    }

    void neverShowsTheLabsListAsIfItWereEnforced() {
        // LabShare cannot check who connects: a listed entry published anyway is open to anyone.
        const ShareSheet sheet("lab",
                               {row("spine1", "nokia_srlinux", "tls/57400/alice@example.org,example.org", 40124)});
        const QString html = sheet.toHtml();
        QVERIFY2(html.contains("<td>anyone (the lab asks for alice@example.org, example.org)</td></tr>"),
                 qPrintable(html));
        QVERIFY(sheet.toMarkdown().contains("| anyone (the lab asks for alice@example.org, example.org) |"));
    }

    void linksWebSharesInHtml() {
        const ShareSheet sheet("lab", {row("grafana", "linux", "http/3000", 40125)});
        QVERIFY(sheet.toHtml().contains(
            "<td><a href=\"http://relay.example.org:40125\"><code>http://relay.example.org:40125</code></a></td>"));
    }

    void leavesOutSharesWithoutAnAddress() {
        const ShareSheet sheet("lab", {row("spine", "linux", "tcp/22", 0), row("leaf", "linux", "tcp/22", 40001)});
        QCOMPARE(sheet.entries().size(), 1);
        QCOMPARE(sheet.entries().first().node, QStringLiteral("leaf"));
        QVERIFY(!sheet.toMarkdown().contains("spine"));
    }

    void saysWhenNothingIsShared() {
        const ShareSheet sheet("lab", {row("spine", "linux", "tcp/22", 0)});
        QCOMPARE(sheet.toMarkdown(), QStringLiteral("# lab: lab access\n\nNothing is shared yet.\n"));
        QVERIFY(sheet.toHtml().contains("<body>\n<h1>lab: lab access</h1>\n<p>Nothing is shared yet.</p>\n</body>"));
    }

    void usesTheLoginUserTheInstructorChose() {
        ShareSheet sheet("lab", {row("leaf1", "nokia_srlinux", "tcp/22", 40123)});
        sheet.setLoginUser("clab-leaf1-40123", "student");
        QCOMPARE(sheet.entries().first().command, QStringLiteral("ssh -p 40123 student@relay.example.org"));
    }

    void saysWhenItWasMadeOnlyWhenAsked() {
        ShareSheet sheet("lab", {row("leaf1", "nokia_srlinux", "tcp/22", 40123)});
        QVERIFY(!sheet.toMarkdown().contains("Generated"));
        sheet.setGeneratedAt(QDateTime(QDate(2025, 3, 4), QTime(9, 30)));
        QVERIFY(sheet.toMarkdown().endsWith("\nGenerated by LabShare on 2025-03-04 09:30.\n"));
        QVERIFY(sheet.toHtml().contains("<p><small>Generated by LabShare on 2025-03-04 09:30.</small></p>"));
    }

    void suggestsAFileName_data() {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("base");
        QTest::newRow("plain") << "classroom"
                               << "classroom-shares";
        QTest::newRow("spaces and slashes") << "my lab/2"
                                            << "my-lab-2-shares";
        QTest::newRow("leading dots") << "../etc"
                                      << "etc-shares";
        QTest::newRow("empty") << ""
                               << "lab-shares";
    }

    void suggestsAFileName() {
        QFETCH(QString, lab);
        QFETCH(QString, base);
        QCOMPARE(ShareSheet(lab).suggestedBaseName(), base);
    }
};

QTEST_GUILESS_MAIN(TestShareSheet)
#include "tst_sharesheet.moc"
