// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/BannerParser.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace labshare::tunnel;

namespace {

const QString kBanners = QStringLiteral(LABSHARE_TEST_DATA "/banners");

// "kind|host|port|url" per address: QCOMPARE on string lists prints a readable difference.
QStringList describe(const QList<PublicAddress>& addresses) {
    QStringList out;
    for (const PublicAddress& a : addresses)
        out << QString("%1|%2|%3|%4").arg(a.kind, a.host, QString::number(a.port), a.url);
    return out;
}

QByteArray readFixture(const QString& name) {
    QFile file(kBanners + "/" + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QList<PublicAddress> feedWhole(RelayFlavor flavor, const QByteArray& bytes) {
    BannerParser parser(flavor);
    QList<PublicAddress> found = parser.feed(bytes);
    found += parser.finish();
    return found;
}

QList<PublicAddress> feedByteByByte(RelayFlavor flavor, const QByteArray& bytes) {
    BannerParser parser(flavor);
    QList<PublicAddress> found;
    for (qsizetype i = 0; i < bytes.size(); ++i)
        found += parser.feed(bytes.mid(i, 1));
    found += parser.finish();
    return found;
}

QList<PublicAddress> feedInChunks(RelayFlavor flavor, const QByteArray& bytes, quint32 seed) {
    QRandomGenerator random(seed);
    BannerParser parser(flavor);
    QList<PublicAddress> found;
    for (qsizetype i = 0; i < bytes.size();) {
        const qsizetype size = random.bounded(1, 40);
        found += parser.feed(bytes.mid(i, size));
        i += size;
    }
    found += parser.finish();
    return found;
}

// One good line in each flavour's format.
QByteArray cleanBanner(RelayFlavor flavor) {
    switch (flavor) {
    case RelayFlavor::Sish:
        return "TCP: after.example.org:40999\r\n";
    case RelayFlavor::LocalhostRun:
        return "{\"event\":\"tcpip-forward\",\"address\":\"after.lhr.life\"}\n";
    case RelayFlavor::Serveo:
        return "Forwarding TCP connections from after.example.org:40999\r\n";
    case RelayFlavor::Pinggy:
    case RelayFlavor::Lan:
    case RelayFlavor::OpenSsh:
        break;
    }
    return "tcp://after.example.org:40999\r\n";
}

const QList<RelayFlavor> kAllFlavors = {RelayFlavor::Lan,          RelayFlavor::OpenSsh, RelayFlavor::Sish,
                                        RelayFlavor::LocalhostRun, RelayFlavor::Serveo,  RelayFlavor::Pinggy};

} // namespace

class TestBannerParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesRecordedBanners_data();
    void parsesRecordedBanners();
    void parsesLines_data();
    void parsesLines();
    void skipsBadPorts_data();
    void skipsBadPorts();
    void returnsAddressesWhenTheirLineCompletes();
    void finishParsesAnUnterminatedLastLine();
    void dropsOverlongLines();
    void aRelayInventingUrlsIsNotBelievedWithoutEnd();
    void stripsAnsi_data();
    void stripsAnsi();
    void survivesRandomGarbage();
    void execCommandPerFlavor_data();
    void execCommandPerFlavor();
    void effectivePortFallsBackToTheScheme_data();
    void effectivePortFallsBackToTheScheme();
};

void TestBannerParser::parsesRecordedBanners_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<RelayFlavor>("flavor");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("sish http+https, tcp, alias")
        << "sish-http-tcp-alias.txt" << RelayFlavor::Sish
        << QStringList{"HTTP|r1-srl1.tuns.example.org|0|http://r1-srl1.tuns.example.org",
                       "HTTPS|r1-srl1.tuns.example.org|0|https://r1-srl1.tuns.example.org",
                       "TCP|tuns.example.org|40123|", "TCP Alias|r1-mgmt|22|"};
    QTest::newRow("sish custom ports, tls, basic auth")
        << "sish-ports-tls-auth.txt" << RelayFlavor::Sish
        << QStringList{
               "HTTP|lab42.relay.example.net|8080|http://lab42.relay.example.net:8080",
               "HTTPS|lab42.relay.example.net|8443|https://lab42.relay.example.net:8443",
               "TLS|r2-gnmi.relay.example.net|443|",
               "TCP|relay.example.net|57400|",
               "HTTP|grafana.relay.example.net|8080|http://student:s3cret@grafana.relay.example.net:8080/lab42",
               "HTTPS|grafana.relay.example.net|8443|https://student:s3cret@grafana.relay.example.net:8443/lab42"};
    QTest::newRow("localhost.run json") << "localhostrun-json.txt" << RelayFlavor::LocalhostRun
                                        << QStringList{
                                               "HTTPS|3f9d2a71c4b8e0.lhr.life|443|https://3f9d2a71c4b8e0.lhr.life"};
    QTest::newRow("localhost.run text") << "localhostrun-text.txt" << RelayFlavor::LocalhostRun
                                        << QStringList{
                                               "HTTPS|8c1e5b0a97d46f.lhr.life|443|https://8c1e5b0a97d46f.lhr.life"};
    QTest::newRow("serveo") << "serveo.txt" << RelayFlavor::Serveo
                            << QStringList{"HTTPS|r1-web.serveo.net|0|https://r1-web.serveo.net",
                                           "TCP|serveo.net|41873|"};
    QTest::newRow("pinggy tui")
        << "pinggy-tui.txt" << RelayFlavor::Pinggy
        << QStringList{"HTTP|rnqzw-203-0-113-25.a.free.pinggy.link|0|http://rnqzw-203-0-113-25.a.free.pinggy.link",
                       "HTTPS|rnqzw-203-0-113-25.a.free.pinggy.link|0|https://rnqzw-203-0-113-25.a.free.pinggy.link"};
    QTest::newRow("pinggy tcp+tls")
        << "pinggy-tcp-tls.txt" << RelayFlavor::Pinggy
        << QStringList{"TCP|rnfkh-203-0-113-40.a.free.pinggy.link|41231|",
                       "TLS|rnfkh-203-0-113-40.a.free.pinggy.link|0|tls://rnfkh-203-0-113-40.a.free.pinggy.link"};
    // Text meant for another flavour yields nothing, and the address-from-port flavours never parse text.
    QTest::newRow("sish banner read as serveo") << "sish-http-tcp-alias.txt" << RelayFlavor::Serveo << QStringList{};
    QTest::newRow("sish banner read as openssh") << "sish-http-tcp-alias.txt" << RelayFlavor::OpenSsh << QStringList{};
    QTest::newRow("pinggy banner read as lan") << "pinggy-tui.txt" << RelayFlavor::Lan << QStringList{};
}

void TestBannerParser::parsesRecordedBanners() {
    QFETCH(QString, fixture);
    QFETCH(RelayFlavor, flavor);
    QFETCH(QStringList, expected);
    const QByteArray bytes = readFixture(fixture);

    const QList<PublicAddress> whole = feedWhole(flavor, bytes);
    QCOMPARE(describe(whole), expected);
    QCOMPARE(describe(feedByteByByte(flavor, bytes)), expected);
    for (const quint32 seed : {1u, 2u, 3u})
        QCOMPARE(describe(feedInChunks(flavor, bytes, seed)), expected);
}

void TestBannerParser::parsesLines_data() {
    QTest::addColumn<RelayFlavor>("flavor");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("sish: welcome, start and console lines are not addresses")
        << RelayFlavor::Sish
        << QByteArray("\033[41mPress Ctrl-C to close the session.\033[0m\r\n\r\n"
                      "Starting SSH Forwarding service for \033[32mtcp:22\033[0m. Forwarded connections can be "
                      "accessed via the following methods:\r\n"
                      "Service console can be accessed here: https://a.example.org/_sish/console?x-authorization=x\r\n")
        << QStringList{};
    QTest::newRow("sish: a label must start the line")
        << RelayFlavor::Sish << QByteArray("note HTTP: http://a.example.org\r\nTCP:  a.example.org:22\r\n")
        << QStringList{};
    QTest::newRow("sish: label without colour, LF only")
        << RelayFlavor::Sish << QByteArray("TCP: a.example.org:2201\nTCP Alias: r9:830\n")
        << QStringList{"TCP|a.example.org|2201|", "TCP Alias|r9|830|"};
    QTest::newRow("sish: IPv6 address") << RelayFlavor::Sish << QByteArray("TCP: [2001:db8::5]:40000\r\n")
                                        << QStringList{"TCP|2001:db8::5|40000|"};
    QTest::newRow("sish: tcp without port is skipped")
        << RelayFlavor::Sish << QByteArray("TCP: a.example.org\r\nTCP Alias: r9\r\n") << QStringList{};
    QTest::newRow("sish: http label needs an http url")
        << RelayFlavor::Sish << QByteArray("HTTP: a.example.org\r\nHTTPS: ftp://a.example.org\r\n") << QStringList{};
    QTest::newRow("sish: bad host") << RelayFlavor::Sish << QByteArray("TCP: -bad:22\r\nTCP: a..b\"c:22\r\n")
                                    << QStringList{};
    QTest::newRow("sish: colour inside the value")
        << RelayFlavor::Sish << QByteArray("\033[44mHTTPS\033[0m: https://\033[1mr1\033[0m.example.org\r\n")
        << QStringList{"HTTPS|r1.example.org|0|https://r1.example.org"};
    QTest::newRow("sish: lone CR ends a line")
        << RelayFlavor::Sish << QByteArray("TCP: a.example.org:1\rTCP: a.example.org:2\r")
        << QStringList{"TCP|a.example.org|1|", "TCP|a.example.org|2|"};

    QTest::newRow("localhost.run: other events and failures are ignored")
        << RelayFlavor::LocalhostRun
        << QByteArray("{\"event\":\"authn\",\"message\":\"authenticated as anonymous user\"}\n"
                      "{\"event\":\"tcpip-forward\",\"address\":\"x1.lhr.life\",\"status\":\"failure\"}\n"
                      "{\"event\":\"tcpip-forward\"}\n"
                      "{\"event\":\"tcpip-forward\",\"address\":42}\n"
                      "[\"tcpip-forward\",\"x2.lhr.life\"]\n")
        << QStringList{};
    QTest::newRow("localhost.run: object without newline")
        << RelayFlavor::LocalhostRun << QByteArray("{\"event\":\"tcpip-forward\",\"address\":\"a1.lhr.life\"}")
        << QStringList{"HTTPS|a1.lhr.life|443|https://a1.lhr.life"};
    QTest::newRow("localhost.run: objects back to back, braces in strings")
        << RelayFlavor::LocalhostRun
        << QByteArray("{\"event\":\"tcpip-forward\",\"message\":\"} \\\"{\",\"address\":\"b2.lhr.life\"}"
                      "{\"event\":\"tcpip-forward\",\"nested\":{\"a\":[1,{}]},\"address\":\"c3.lhr.life\"}")
        << QStringList{"HTTPS|b2.lhr.life|443|https://b2.lhr.life", "HTTPS|c3.lhr.life|443|https://c3.lhr.life"};
    QTest::newRow("localhost.run: address given as url")
        << RelayFlavor::LocalhostRun
        << QByteArray("{\"event\":\"tcpip-forward\",\"address\":\"https://d4.localhost.run\"}\n")
        << QStringList{"HTTPS|d4.localhost.run|443|https://d4.localhost.run"};
    QTest::newRow("localhost.run: broken json, then a good line")
        << RelayFlavor::LocalhostRun
        << QByteArray("{\"event\": \"tcpip-forward\", \"address\": \"e5.lhr.life\"\n"
                      "{\"event\":\"tcpip-forward\",\"address\":\"f6.lhr.life\"}\n")
        << QStringList{"HTTPS|f6.lhr.life|443|https://f6.lhr.life"};
    QTest::newRow("localhost.run: text line without the url")
        << RelayFlavor::LocalhostRun << QByteArray("g7.lhr.life tunneled with tls termination\r\n")
        << QStringList{"HTTPS|g7.lhr.life|443|https://g7.lhr.life"};
    QTest::newRow("localhost.run: links in the welcome text are not addresses")
        << RelayFlavor::LocalhostRun
        << QByteArray("To set up and manage custom domains go to https://admin.localhost.run/\r\n"
                      "see https://localhost.run/docs/forever-free/ for more information.\r\n")
        << QStringList{};

    QTest::newRow("serveo: request log lines are ignored")
        << RelayFlavor::Serveo
        << QByteArray("HTTP request from 198.51.100.1 to https://a.serveo.net/\r\n"
                      "Press g to start a GUI session and ctrl-c to quit.\r\n")
        << QStringList{};
    QTest::newRow("serveo: tcp url and newer domain")
        << RelayFlavor::Serveo
        << QByteArray("Forwarding TCP connections from tcp://serveo.net:40001\r\n"
                      "Forwarding HTTP traffic from https://7f3a9c.serveousercontent.com\r\n")
        << QStringList{"TCP|serveo.net|40001|",
                       "HTTPS|7f3a9c.serveousercontent.com|0|https://7f3a9c.serveousercontent.com"};
    QTest::newRow("serveo: tcp without port is skipped")
        << RelayFlavor::Serveo << QByteArray("Forwarding TCP connections from serveo.net\r\n") << QStringList{};

    QTest::newRow("pinggy: each url once, site and loopback links skipped")
        << RelayFlavor::Pinggy
        << QByteArray("https://a.a.free.pinggy.link\r\n"
                      "Upgrade at https://dashboard.pinggy.io or read https://pinggy.io/docs/\r\n"
                      "debugger: http://localhost:4300 http://127.0.0.1:4300\r\n"
                      "\xe2\x94\x82 https://a.a.free.pinggy.link \xe2\x94\x82 HTTPS://A.A.FREE.PINGGY.LINK/\r\n")
        << QStringList{"HTTPS|a.a.free.pinggy.link|0|https://a.a.free.pinggy.link"};
    QTest::newRow("pinggy: several urls on one line, sentence end")
        << RelayFlavor::Pinggy << QByteArray("Visit http://b.a.pinggy.link, https://b.a.pinggy.link.\r\n")
        << QStringList{"HTTP|b.a.pinggy.link|0|http://b.a.pinggy.link",
                       "HTTPS|b.a.pinggy.link|0|https://b.a.pinggy.link"};
    QTest::newRow("pinggy: links with a path are not tunnels")
        << RelayFlavor::Pinggy << QByteArray("https://c.a.pinggy.link/docs\r\n") << QStringList{};
    QTest::newRow("pinggy: rows drawn with cursor moves")
        << RelayFlavor::Pinggy
        << QByteArray("\033[2;3Hhttp://d.a.pinggy.link\033[3;3Htcp://d.a.pinggy.link:40404\033[4;3H")
        << QStringList{"HTTP|d.a.pinggy.link|0|http://d.a.pinggy.link", "TCP|d.a.pinggy.link|40404|"};
    QTest::newRow("pinggy: hyperlink escape around the url")
        << RelayFlavor::Pinggy
        << QByteArray("\033]8;;https://e.a.pinggy.link\033\\https://e.a.pinggy.link\033]8;;\033\\\r\n")
        << QStringList{"HTTPS|e.a.pinggy.link|0|https://e.a.pinggy.link"};
    QTest::newRow("pinggy: tcp needs a port")
        << RelayFlavor::Pinggy << QByteArray("tcp://f.a.pinggy.link\r\n") << QStringList{};
    QTest::newRow("pinggy: scheme glued to a word")
        << RelayFlavor::Pinggy << QByteArray("xhttps://g.a.pinggy.link\r\n") << QStringList{};

    QTest::newRow("openssh parses nothing")
        << RelayFlavor::OpenSsh << QByteArray("TCP: a.example.org:2201\r\n") << QStringList{};
    QTest::newRow("lan parses nothing") << RelayFlavor::Lan << QByteArray("https://a.a.free.pinggy.link\r\n")
                                        << QStringList{};
}

void TestBannerParser::parsesLines() {
    QFETCH(RelayFlavor, flavor);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(feedWhole(flavor, input)), expected);
    QCOMPARE(describe(feedByteByByte(flavor, input)), expected);
}

void TestBannerParser::skipsBadPorts_data() {
    QTest::addColumn<RelayFlavor>("flavor");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    const QString good = "TCP|e.example.org|40000|";
    for (const char* port : {"99999", "65536", "0", "-1", "+22", "abc", "12a", "", "0x50", "١٢٣", "4000000000"}) {
        QTest::addRow("sish tcp port '%s'", port)
            << RelayFlavor::Sish
            << QByteArray(QByteArray("TCP: e.example.org:") + port + "\r\nTCP: e.example.org:40000\r\n")
            << QStringList{good};
    }
    QTest::newRow("sish alias port") << RelayFlavor::Sish << QByteArray("TCP Alias: r1:70000\r\n") << QStringList{};
    QTest::newRow("sish url port") << RelayFlavor::Sish
                                   << QByteArray("HTTP: http://a.example.org:80a\r\nHTTPS: https://a.example.org:0\r\n")
                                   << QStringList{};
    QTest::newRow("sish v6 port") << RelayFlavor::Sish << QByteArray("TCP: [2001:db8::1]:65536\r\n") << QStringList{};
    QTest::newRow("port boundaries accepted")
        << RelayFlavor::Sish << QByteArray("TCP: e.example.org:1\r\nTCP: e.example.org:65535\r\n")
        << QStringList{"TCP|e.example.org|1|", "TCP|e.example.org|65535|"};
    QTest::newRow("serveo tcp port") << RelayFlavor::Serveo
                                     << QByteArray("Forwarding TCP connections from serveo.net:65536\r\n"
                                                   "Forwarding TCP connections from tcp://serveo.net:port\r\n")
                                     << QStringList{};
    QTest::newRow("serveo http port") << RelayFlavor::Serveo
                                      << QByteArray("Forwarding HTTP traffic from https://a.serveo.net:99999\r\n")
                                      << QStringList{};
    QTest::newRow("pinggy skips only the bad url")
        << RelayFlavor::Pinggy
        << QByteArray("tcp://a.a.pinggy.link:41a31 tcp://b.a.pinggy.link:99999 "
                      "tcp://c.a.pinggy.link:41231 https://d.a.pinggy.link:0\r\n")
        << QStringList{"TCP|c.a.pinggy.link|41231|"};
}

void TestBannerParser::skipsBadPorts() {
    QFETCH(RelayFlavor, flavor);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(feedWhole(flavor, input)), expected);
}

void TestBannerParser::returnsAddressesWhenTheirLineCompletes() {
    BannerParser parser(RelayFlavor::Sish);
    QVERIFY(parser.feed("\033[4").isEmpty());
    QVERIFY(parser.feed("4mHTTPS\033[0m: https://r1.exa").isEmpty());
    QCOMPARE(describe(parser.feed("mple.org\r")), QStringList{"HTTPS|r1.example.org|0|https://r1.example.org"});
    QVERIFY(parser.feed("\n").isEmpty());
    QCOMPARE(describe(parser.feed("TCP: example.org:40123\r\nTCP: example.org:40124\r\nTCP: exa")),
             (QStringList{"TCP|example.org|40123|", "TCP|example.org|40124|"}));
    QCOMPARE(describe(parser.feed("mple.org:40125\r\n")), QStringList{"TCP|example.org|40125|"});

    // A multi-byte character split across reads ("│", E2 94 82) arrives whole.
    BannerParser pinggy(RelayFlavor::Pinggy);
    QVERIFY(pinggy.feed("\xe2").isEmpty());
    QVERIFY(pinggy.feed("\x94").isEmpty());
    QVERIFY(pinggy.feed("\x82https://h.a.pinggy.link\xe2\x94").isEmpty());
    QCOMPARE(describe(pinggy.feed("\x82\r\n")), QStringList{"HTTPS|h.a.pinggy.link|0|https://h.a.pinggy.link"});

    // localhost.run's JSON object is complete at its closing brace; no line end needs to follow.
    BannerParser localhostRun(RelayFlavor::LocalhostRun);
    QVERIFY(localhostRun.feed("{\"event\":\"tcpip-forward\",\"address\":\"a1.lhr.life\"").isEmpty());
    QCOMPARE(describe(localhostRun.feed("}")), QStringList{"HTTPS|a1.lhr.life|443|https://a1.lhr.life"});
}

void TestBannerParser::finishParsesAnUnterminatedLastLine() {
    BannerParser parser(RelayFlavor::Sish);
    QVERIFY(parser.feed("TCP: example.org:40123").isEmpty());
    QCOMPARE(describe(parser.finish()), QStringList{"TCP|example.org|40123|"});
    QVERIFY(parser.finish().isEmpty());
}

void TestBannerParser::dropsOverlongLines() {
    BannerParser parser(RelayFlavor::Sish);
    const QByteArray longHost(20000, 'a');
    QVERIFY(parser.feed("TCP: " + longHost + ".example.org:40000").isEmpty());
    QCOMPARE(describe(parser.feed("\r\nTCP: example.org:40001\r\n")), QStringList{"TCP|example.org|40001|"});

    // Just under the limit still parses.
    const QByteArray host = QByteArray(200, 'b') + ".example.org";
    QCOMPARE(describe(parser.feed("TCP: " + host + ":40002" + QByteArray(15000, ' ') + "\r\n")),
             QStringList{"TCP|" + QString::fromLatin1(host) + "|40002|"});
}

// A hostile pinggy-like relay redraws its screen with a new URL every time: each is reported once, and
// after kMaxPinggyUrls no more, so neither the parser nor the shares table grows without end.
void TestBannerParser::aRelayInventingUrlsIsNotBelievedWithoutEnd() {
    BannerParser parser(RelayFlavor::Pinggy);
    qsizetype reported = 0;
    for (int i = 0; i < 10000; ++i)
        reported += parser
                        .feed("tcp://t" + QByteArray::number(i) + ".a.pinggy.link:4" +
                              QByteArray::number(i % 9000 + 1000) + "\r\n")
                        .size();
    QCOMPARE(reported, BannerParser::kMaxPinggyUrls);
    QVERIFY(parser.feed("tcp://t0.a.pinggy.link:41000\r\n").isEmpty()); // seen before
}

void TestBannerParser::stripsAnsi_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "HTTP: http://a.example.org"
                           << "HTTP: http://a.example.org";
    QTest::newRow("aurora label") << "\033[44mHTTP\033[0m: http://a.example.org"
                                  << "HTTP: http://a.example.org";
    QTest::newRow("several parameters") << "\033[1;38;5;208mbold orange\033[m"
                                        << "bold orange";
    QTest::newRow("private mode") << "\033[?1049h\033[?25lscreen\033[?25h"
                                  << "screen";
    QTest::newRow("cursor moves and erase") << "\033[2J\033[1;1Htop\033[K\033[3Cright"
                                            << "topright";
    QTest::newRow("osc title ended by bel") << "\033]0;Pinggy\atext"
                                            << "text";
    QTest::newRow("osc hyperlink ended by st") << "\033]8;;https://x.example.org\033\\link\033]8;;\033\\"
                                               << "link";
    QTest::newRow("two-byte sequences") << "\0337saved\0338 \033=keypad\033>"
                                        << "saved keypad";
    QTest::newRow("charset designation") << "\033(Bascii\033)0"
                                         << "ascii";
    QTest::newRow("dcs string") << "\033Pq#0;2;0;0;0\033\\after"
                                << "after";
    QTest::newRow("lone esc at the end") << "abc\033"
                                         << "abc";
    QTest::newRow("esc before a newline keeps the newline") << "a\033\nb"
                                                            << "a\nb";
    QTest::newRow("unterminated csi") << "x\033[12;"
                                      << "x";
    QTest::newRow("control char aborts csi") << "\033[12\nnext"
                                             << "\nnext";
    QTest::newRow("esc restarts a sequence") << "\033[1\033[32mgreen"
                                             << "green";
    QTest::newRow("line ends kept") << "\033[32mone\033[0m\r\ntwo\r\n"
                                    << "one\r\ntwo\r\n";
    QTest::newRow("non-ascii kept") << QString::fromUtf8("\033[31m\xce\x94 \xe2\x94\x82 caf\xc3\xa9\033[0m")
                                    << QString::fromUtf8("\xce\x94 \xe2\x94\x82 caf\xc3\xa9");
    QTest::newRow("empty") << QString() << QString();
}

void TestBannerParser::stripsAnsi() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(BannerParser::stripAnsi(input), expected);
}

void TestBannerParser::survivesRandomGarbage() {
    // Bytes that steer the parser into its interesting states, mixed with fully random ones.
    const QByteArray alphabet("\033\033[[]];?0123456789:/.{}\"\\\r\n\a -@xHTPS");
    const QList<QByteArray> fragments = {"HTTP: http://",
                                         "HTTPS: https://",
                                         "TCP: ",
                                         "TCP Alias: ",
                                         "TLS: ",
                                         "tcp://",
                                         "https://",
                                         "{\"event\":\"tcpip-forward\",\"address\":\"",
                                         "Forwarding TCP connections from ",
                                         " tunneled with tls termination, ",
                                         "\033]8;;",
                                         "\033[",
                                         "\xe2\x94",
                                         ".lhr.life",
                                         ":65535",
                                         ":99999"};
    const QStringList kinds = {"HTTP", "HTTPS", "TCP", "TLS", "TCP Alias"};

    for (const RelayFlavor flavor : kAllFlavors) {
        for (quint32 seed = 1; seed <= 60; ++seed) {
            QRandomGenerator random(seed * 7919u + quint32(flavor));
            QByteArray garbage;
            const int length = random.bounded(4096);
            while (garbage.size() < length) {
                const int pick = random.bounded(10);
                if (pick < 4)
                    garbage += char(random.bounded(256));
                else if (pick < 8)
                    garbage += alphabet.at(random.bounded(int(alphabet.size())));
                else
                    garbage += fragments.at(random.bounded(int(fragments.size())));
            }

            BannerParser parser(flavor);
            QList<PublicAddress> found;
            for (qsizetype i = 0; i < garbage.size();) {
                const qsizetype size = random.bounded(1, 64);
                found += parser.feed(garbage.mid(i, size));
                i += size;
            }
            found += parser.finish();
            for (const PublicAddress& a : std::as_const(found)) {
                QVERIFY2(kinds.contains(a.kind), qPrintable(a.kind));
                QVERIFY(!a.host.isEmpty());
                QVERIFY(!a.host.contains(QLatin1Char(' ')));
                if (a.url.isEmpty())
                    QVERIFY(a.port != 0);
            }

            // After the channel closed on garbage, a fresh banner on the same parser is read normally.
            const QList<PublicAddress> after = parser.feed(cleanBanner(flavor));
            if (flavor == RelayFlavor::Lan || flavor == RelayFlavor::OpenSsh)
                QVERIFY(after.isEmpty());
            else
                QCOMPARE(after.size(), 1);
        }
    }
}

void TestBannerParser::execCommandPerFlavor_data() {
    QTest::addColumn<RelayFlavor>("flavor");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lan") << RelayFlavor::Lan << QString();
    QTest::newRow("openssh") << RelayFlavor::OpenSsh << QString();
    QTest::newRow("sish") << RelayFlavor::Sish << QString();
    QTest::newRow("localhost.run") << RelayFlavor::LocalhostRun << "--output json";
    QTest::newRow("serveo") << RelayFlavor::Serveo << QString();
    QTest::newRow("pinggy") << RelayFlavor::Pinggy << QString();
}

void TestBannerParser::execCommandPerFlavor() {
    QFETCH(RelayFlavor, flavor);
    QFETCH(QString, expected);
    const BannerParser parser(flavor);
    QCOMPARE(parser.execCommand(), expected);
    QCOMPARE(parser.flavor(), flavor);
}

void TestBannerParser::effectivePortFallsBackToTheScheme_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("effective");
    QTest::newRow("http") << QByteArray("HTTP: http://a.example.org\r\n") << 0 << 80;
    QTest::newRow("https") << QByteArray("HTTPS: https://a.example.org\r\n") << 0 << 443;
    QTest::newRow("explicit") << QByteArray("HTTPS: https://a.example.org:8443\r\n") << 8443 << 8443;
    QTest::newRow("tcp") << QByteArray("TCP: a.example.org:40123\r\n") << 40123 << 40123;
}

void TestBannerParser::effectivePortFallsBackToTheScheme() {
    QFETCH(QByteArray, input);
    QFETCH(int, port);
    QFETCH(int, effective);
    const QList<PublicAddress> found = feedWhole(RelayFlavor::Sish, input);
    QCOMPARE(found.size(), 1);
    QCOMPARE(int(found.front().port), port);
    QCOMPARE(int(found.front().effectivePort()), effective);

    const PublicAddress tls{"TLS", "t.example.org", 0, "tls://t.example.org"};
    QCOMPARE(int(tls.effectivePort()), 443);
    const PublicAddress unknown{"TCP", "t.example.org", 0, QString()};
    QCOMPARE(int(unknown.effectivePort()), 0);
}

QTEST_GUILESS_MAIN(TestBannerParser)
#include "tst_bannerparser.moc"
