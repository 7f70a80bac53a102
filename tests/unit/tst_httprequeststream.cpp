// SPDX-License-Identifier: GPL-3.0-or-later
// A browser's requests on one connection, as the HTTP gate reads them: heads parsed, bodies passed on
// byte for byte (chunked too), keep-alive requests one after the other, split anywhere, an upgrade
// turning the rest raw, and what is not HTTP refused with a reason.
#include "gate/HttpRequestStream.h"

#include <QTest>

using namespace labshare::gate;

namespace {

// Feeds `bytes` in pieces of `step` bytes; the heads (serialized again) and the raw bytes, in order.
QStringList read(const QByteArray& bytes, qsizetype step, QString* error = nullptr) {
    HttpRequestStream stream;
    QStringList out;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        const auto pieces = stream.feed(bytes.mid(at, step));
        if (!pieces) {
            if (error)
                *error = pieces.error().message;
            return out;
        }
        for (const HttpRequestStream::Piece& piece : *pieces) {
            if (piece.head)
                out << "HEAD " + QString::fromLatin1(piece.head->serialize());
            if (!piece.raw.isEmpty()) {
                if (!out.isEmpty() && out.last().startsWith("RAW "))
                    out.last() += QString::fromLatin1(piece.raw);
                else
                    out << "RAW " + QString::fromLatin1(piece.raw);
            }
        }
    }
    return out;
}

const QByteArray kGet =
    "GET /d/home?x=1 HTTP/1.1\r\nHost: relay:40131\r\nCookie: a=1; labshare_ticket=lst1.t; b=2\r\n\r\n";
const QByteArray kPost = "POST /api HTTP/1.1\r\nHost: relay\r\nContent-Length: 5\r\n\r\nhello";
const QByteArray kChunked = "POST /up HTTP/1.1\r\nHost: relay\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n0\r\n\r\n";

} // namespace

class TestHttpRequestStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsRequestsSplitAnywhere_data() {
        QTest::addColumn<qsizetype>("step");
        for (qsizetype step : {1, 2, 7, 64, 4096})
            QTest::newRow(qPrintable(QString("%1-byte pieces").arg(step))) << step;
    }

    void readsRequestsSplitAnywhere() {
        QFETCH(qsizetype, step);
        const QStringList got = read(kGet + kPost + kChunked, step);
        QCOMPARE(got, (QStringList{"HEAD " + QString::fromLatin1(kGet),
                                   "HEAD " + QString::fromLatin1(kPost.left(kPost.indexOf("hello"))), "RAW hello",
                                   "HEAD " + QString::fromLatin1(kChunked.left(kChunked.indexOf("3\r\n"))),
                                   "RAW 3\r\nabc\r\n0\r\n\r\n"}));
    }

    void anUpgradeLeavesTheRestRaw() {
        const QByteArray upgrade = "GET /api/live/ws HTTP/1.1\r\nHost: relay\r\nConnection: Upgrade\r\n"
                                   "Upgrade: websocket\r\n\r\n";
        const QStringList got = read(upgrade + "\x81\x05hello GET / HTTP/1.1\r\n\r\n", 3);
        QCOMPARE(got.size(), 2);
        QVERIFY(got.at(0).startsWith("HEAD GET /api/live/ws"));
        QCOMPARE(got.at(1), QString::fromLatin1("RAW \x81\x05hello GET / HTTP/1.1\r\n\r\n"));
    }

    // A chunked body's trailer is body, passed on raw: its fields never join the next request's head (found by
    // fuzz_httprequeststream: a trailer "Connection: Upgrade" made the next head read as an upgrade once written out).
    void trailersStayInTheBody() {
        const QByteArray chunked = "POST /up HTTP/1.1\r\nHost: relay\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "0\r\nUpgrade: t\r\nConnection: Upgrade\r\nCookie: labshare_ticket=x\r\n\r\n";
        const QByteArray next = "GET /next HTTP/1.1\r\nHost: relay\r\n\r\n";
        for (const qsizetype step : {1, 5, 4096}) {
            const QStringList got = read(chunked + next, step);
            QCOMPARE(got, (QStringList{"HEAD " + QString::fromLatin1(chunked.left(chunked.indexOf("0\r\n"))),
                                       "RAW " + QString::fromLatin1(chunked.mid(chunked.indexOf("0\r\n"))),
                                       "HEAD " + QString::fromLatin1(next)}));
        }
        // The fuzzer's own input, bare LFs and all: read the same way (the second head has no fields).
        const QByteArray found = "GET / HTTP/1.1\nTransfer-Encoding:chunked\n\n0\roUpgrade:t\nConnection:Upgrade\n\n"
                                 "POST / HTTP/1.1\n\n";
        QString error;
        const QStringList got = read(found, 4096, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(got.last(), QStringLiteral("HEAD POST / HTTP/1.1\r\n\r\n"));
    }

    void findsAndRemovesOneCookie() {
        const QByteArray header = "a=1; labshare_ticket=lst1.t; b=2";
        QCOMPARE(HttpRequestStream::cookie(header, "labshare_ticket"), QByteArray("lst1.t"));
        QCOMPARE(HttpRequestStream::cookie(header, "labshare"), QByteArray());
        QCOMPARE(HttpRequestStream::withoutCookie(header, "labshare_ticket"), QByteArray("a=1; b=2"));
        QCOMPARE(HttpRequestStream::withoutCookie("labshare_ticket=x", "labshare_ticket"), QByteArray());
        QCOMPARE(HttpRequestStream::cookie("xlabshare_ticket=1", "labshare_ticket"), QByteArray());
    }

    void refusesWhatIsNotHttp_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("why");
        QTest::newRow("a TLS hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << "HTTP";
        QTest::newRow("ssh") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << "HTTP";
        // http_parser reads any version up to 999.999; the gate forwarded such heads as they were.
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n")
                                  << "not an HTTP/1.x request (HTTP/2.0)";
        QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n\r\n") << "not an HTTP/1.x request (HTTP/0.9)";
        QTest::newRow("a head without end") << ("GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a')) << "16 KiB";
    }

    void refusesWhatIsNotHttp() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, why);
        QString error;
        read(bytes, 512, &error);
        QVERIFY2(error.contains(why), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestStream)
#include "tst_httprequeststream.moc"
