// SPDX-License-Identifier: GPL-3.0-or-later
// A terminal share's URL: the key decides, the page and its socket share one URL, prompts are safe to show.
#include "terminal/PromptLine.h"
#include "terminal/TerminalKey.h"
#include "terminal/TerminalPage.h"

#include <QSet>
#include <QTest>

using namespace labshare::terminal;

class TestTerminalPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keysAreLongAndNew();
    void routes_data();
    void routes();
    void eachLinkHasItsRole();
    void resumeTokensAreTakenOnlyWellFormed();
    void pageNamesTheNodeEscaped();
    void promptLineEditsAndHidesPasswords();
    void promptLineDropsEscapeSequences();
    void printableDropsControls();
};

void TestTerminalPage::keysAreLongAndNew() {
    QSet<QByteArray> seen;
    for (int i = 0; i < 100; ++i) {
        const QByteArray key = newTerminalKey();
        QCOMPARE(key.size(), 43); // 256 bits in base64url
        QVERIFY(QByteArray::fromBase64(key, QByteArray::Base64UrlEncoding).size() * 8 >= 128);
        for (const char c : key)
            QVERIFY(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
        seen.insert(key);
    }
    QCOMPARE(seen.size(), 100);
    QVERIFY(sameTerminalKey("abc", "abc"));
    QVERIFY(!sameTerminalKey("abd", "abc"));
    QVERIFY(!sameTerminalKey("ab", "abc"));
    QVERIFY(!sameTerminalKey("", ""));
}

void TestTerminalPage::routes_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("upgrade");
    QTest::addColumn<int>("route");
    const QByteArray k = "KEY0123456789";
    QTest::newRow("page") << "/t/" + k << false << int(TerminalRoute::Page);
    QTest::newRow("page, slash") << "/t/" + k + "/" << false << int(TerminalRoute::Page);
    QTest::newRow("page, query") << "/t/" + k + "?x=1" << false << int(TerminalRoute::Page);
    QTest::newRow("socket on the page's URL") << "/t/" + k << true << int(TerminalRoute::Socket);
    QTest::newRow("script") << "/t/" + k + "/xterm.js" << false << int(TerminalRoute::Script);
    QTest::newRow("style") << "/t/" + k + "/xterm.css" << false << int(TerminalRoute::Style);
    QTest::newRow("other file") << "/t/" + k + "/../../etc/passwd" << false << int(TerminalRoute::NotFound);
    QTest::newRow("socket elsewhere") << "/t/" + k + "/xterm.js" << true << int(TerminalRoute::NotFound);
    QTest::newRow("root") << QByteArray("/") << false << int(TerminalRoute::Refused);
    QTest::newRow("no key") << QByteArray("/t/") << true << int(TerminalRoute::Refused);
    QTest::newRow("wrong key") << QByteArray("/t/KEY0123456788") << true << int(TerminalRoute::Refused);
    QTest::newRow("key prefix") << QByteArray("/t/KEY") << false << int(TerminalRoute::Refused);
    QTest::newRow("key in a fragment is no key")
        << QByteArray("/t/#KEY0123456789") << false << int(TerminalRoute::Refused);
    QTest::newRow("wrong key, right file") << QByteArray("/t/nope/xterm.js") << false << int(TerminalRoute::Refused);
}

void TestTerminalPage::routes() {
    QFETCH(QByteArray, target);
    QFETCH(bool, upgrade);
    QFETCH(int, route);
    const TerminalKeys keys{"KEY0123456789", "PRESENT012345", "WATCH01234567"};
    QCOMPARE(int(routeTerminalRequest(target, upgrade, keys).route), route);
}

void TestTerminalPage::eachLinkHasItsRole() {
    const TerminalKeys keys = TerminalKeys::fresh();
    QVERIFY(keys.student != keys.presenter && keys.presenter != keys.watcher && keys.student != keys.watcher);
    const auto roleOf = [&](const QByteArray& key) {
        return routeTerminalRequest("/t/" + key, true, keys);
    };
    QCOMPARE(roleOf(keys.student).role, TerminalRole::Student);
    QCOMPARE(roleOf(keys.presenter).role, TerminalRole::Presenter);
    QCOMPARE(roleOf(keys.watcher).role, TerminalRole::Watcher);
    QCOMPARE(roleOf(keys.watcher).key, keys.watcher);
    QCOMPARE(roleOf(keys.watcher).route, TerminalRoute::Socket);
    // A share without a watch link: an empty key matches nothing, the empty path included.
    const TerminalKeys studentsOnly{keys.student, {}, {}};
    QCOMPARE(routeTerminalRequest("/t/", true, studentsOnly).route, TerminalRoute::Refused);
    QCOMPARE(routeTerminalRequest("/t/" + keys.watcher, true, studentsOnly).route, TerminalRoute::Refused);
    // The watcher's page says so: it sends no keys.
    QVERIFY(TerminalPage::page("n1", keys.watcher, TerminalRole::Watcher).contains("data-watch=\"1\""));
    QVERIFY(!TerminalPage::page("n1", keys.student, TerminalRole::Student).contains("data-watch"));
}

void TestTerminalPage::resumeTokensAreTakenOnlyWellFormed() {
    const QByteArray token = newTerminalKey();
    QCOMPARE(resumeTokenOf("/t/KEY?resume=" + token), token);
    QCOMPARE(resumeTokenOf("/t/KEY?x=1&resume=" + token + "&y=2"), token);
    QCOMPARE(routeTerminalRequest("/t/KEY0123456789?resume=" + token, true, {"KEY0123456789", {}, {}}).route,
             TerminalRoute::Socket);
    const QByteArray base = "/t/KEY?resume=";
    const QList<QByteArray> malformed = {QByteArray("/t/KEY"),        base,
                                         base + token.left(42),       base + token + "x",
                                         base + token.left(42) + "%", base + token.left(42) + "/",
                                         "/t/KEY?xresume=" + token};
    for (const QByteArray& target : malformed)
        QVERIFY2(resumeTokenOf(target).isEmpty(), target.constData());
}

void TestTerminalPage::pageNamesTheNodeEscaped() {
    const QByteArray page = TerminalPage::page("<leaf1>", "KEYX", TerminalRole::Student);
    QVERIFY(page.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(page.contains("&lt;leaf1&gt;"));
    QVERIFY(!page.contains("<leaf1>"));
    QVERIFY(page.contains("src=\"/t/KEYX/xterm.js\""));
    QVERIFY(page.contains("Cache-Control: no-store"));
    QVERIFY(page.contains("Referrer-Policy: no-referrer")); // the key never leaves in a Referer
    const QByteArray refusal = TerminalPage::refusal();
    QVERIFY(refusal.startsWith("HTTP/1.1 403"));
    QVERIFY(!refusal.contains("<script"));
}

void TestTerminalPage::promptLineEditsAndHidesPasswords() {
    PromptLine visible(true);
    auto step = visible.feed("roox\x7ft");
    QCOMPARE(step.show, QByteArray("roox\b \bt"));
    QVERIFY(!step.answer);
    step = visible.feed("\r\nls\r");
    QCOMPARE(step.answer.value(), QByteArray("root"));
    QCOMPARE(step.rest, QByteArray("ls\r")); // the LF after CR swallowed, the rest kept for what follows

    PromptLine hidden(false);
    step = hidden.feed("s3cret\r");
    QCOMPARE(step.show, QByteArray("\r\n"));
    QCOMPARE(step.answer.value(), QByteArray("s3cret"));

    PromptLine utf8(true);
    step = utf8.feed("ü\x7f\r");
    QCOMPARE(step.answer.value(), QByteArray());

    PromptLine cancelled(true);
    QVERIFY(cancelled.feed("ab\x03").cancelled);

    PromptLine capped(false);
    step = capped.feed(QByteArray(5000, 'x') + '\r');
    QCOMPARE(step.answer->size(), PromptLine::kMaxBytes);
}

void TestTerminalPage::promptLineDropsEscapeSequences() {
    PromptLine line(true);
    const auto step = line.feed("a\x1b[Ab\x1bOPc\x01\r");
    QCOMPARE(step.answer.value(), QByteArray("abc"));
}

void TestTerminalPage::printableDropsControls() {
    QCOMPARE(PromptLine::printable("Password:\n"), QByteArray("Password:\r\n"));
    QCOMPARE(PromptLine::printable("a\x1b]0;pwned\x07z"), QByteArray("a]0;pwnedz"));
    QCOMPARE(PromptLine::printable("a\xc2\x9b"
                                   "31mz"),
             QByteArray("a31mz")); // C1 CSI
    QCOMPARE(PromptLine::printable("caf\xc3\xa9"), QByteArray("caf\xc3\xa9"));
}

QTEST_GUILESS_MAIN(TestTerminalPage)
#include "tst_terminalpage.moc"
