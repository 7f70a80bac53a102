// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal's own WebSocket framing: what a browser sends is read within its limits, or refused with
// the close code RFC 6455 names.
#include "terminal/WebSocketCodec.h"

#include <QTest>

using labshare::terminal::WebSocketReader;
using Opcode = WebSocketReader::Opcode;

namespace {

// A client frame, masked as browsers must.
QByteArray clientFrame(quint8 firstByte, const QByteArray& payload, bool masked = true) {
    QByteArray out;
    out.append(char(firstByte));
    const quint8 maskBit = masked ? 0x80 : 0;
    const quint64 n = quint64(payload.size());
    if (n < 126) {
        out.append(char(maskBit | n));
    } else if (n <= 0xFFFF) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    } else {
        out.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((n >> shift) & 0xFF));
    }
    const QByteArray mask = "\x12\x34\x56\x78";
    if (masked)
        out += mask;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(masked ? char(payload.at(i) ^ mask.at(i % 4)) : payload.at(i));
    return out;
}

} // namespace

class TestWebSocketCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acceptsTheRfcExample();
    void readsMaskedTextInPieces();
    void joinsFragmentsAndAnswersControlFramesBetween();
    void readsTheLongestAllowedMessage();
    void refuses_data();
    void refuses();
    void writesServerFrames();
};

void TestWebSocketCodec::acceptsTheRfcExample() {
    // RFC 6455, section 1.3.
    QCOMPARE(WebSocketReader::acceptFor("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketCodec::readsMaskedTextInPieces() {
    WebSocketReader reader;
    const QByteArray frame = clientFrame(0x81, "iecho hi\r");
    for (qsizetype i = 0; i + 1 < frame.size(); ++i) {
        const auto none = reader.feed(frame.mid(i, 1));
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }
    const auto got = reader.feed(frame.right(1));
    QVERIFY(got.ok());
    QCOMPARE(got->size(), 1);
    QCOMPARE(got->first().opcode, Opcode::Text);
    QCOMPARE(got->first().payload, QByteArray("iecho hi\r"));
    QCOMPARE(reader.buffered(), 0);
}

void TestWebSocketCodec::joinsFragmentsAndAnswersControlFramesBetween() {
    WebSocketReader reader;
    const auto got = reader.feed(clientFrame(0x01, "ihel") + clientFrame(0x89, "p") + clientFrame(0x80, "lo"));
    QVERIFY(got.ok());
    QCOMPARE(got->size(), 2);
    QCOMPARE(got->at(0).opcode, Opcode::Ping);
    QCOMPARE(got->at(1).payload, QByteArray("ihello"));
}

void TestWebSocketCodec::readsTheLongestAllowedMessage() {
    WebSocketReader reader;
    const QByteArray payload(WebSocketReader::kMaxMessageBytes, 'x');
    const auto got = reader.feed(clientFrame(0x81, payload));
    QVERIFY(got.ok());
    QCOMPARE(got->size(), 1);
    QCOMPARE(got->first().payload.size(), WebSocketReader::kMaxMessageBytes);
}

void TestWebSocketCodec::refuses_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("closeCode");
    const QByteArray big(WebSocketReader::kMaxMessageBytes + 1, 'x');
    QTest::newRow("one byte too long") << clientFrame(0x81, big) << 1009;
    // The length alone decides: the 8-byte length of a 2^62-byte frame is refused before anything is kept.
    QTest::newRow("huge length, no payload") << QByteArray("\x82\xFF\x40\x00\x00\x00\x00\x00\x00\x00", 10) << 1009;
    QTest::newRow("fragments adding up past the limit")
        << clientFrame(0x01, QByteArray(40000, 'a')) + clientFrame(0x80, QByteArray(40000, 'b')) << 1009;
    QTest::newRow("unmasked") << clientFrame(0x81, "ix", false) << 1002;
    QTest::newRow("reserved bit") << clientFrame(0xC1, "ix") << 1002;
    QTest::newRow("unknown opcode") << clientFrame(0x83, "ix") << 1002;
    QTest::newRow("fragmented ping") << clientFrame(0x09, "p") << 1002;
    QTest::newRow("long ping") << clientFrame(0x89, QByteArray(126, 'p')) << 1002;
    QTest::newRow("continuation of nothing") << clientFrame(0x80, "ix") << 1002;
    QTest::newRow("new message inside a fragmented one") << clientFrame(0x01, "ia") + clientFrame(0x81, "ib") << 1002;
    QTest::newRow("text that is not UTF-8") << clientFrame(0x81, "i\xff\xfe") << 1007;
    QTest::newRow("HTTP where frames belong") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 1002;
}

void TestWebSocketCodec::refuses() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, closeCode);
    WebSocketReader reader;
    const auto got = reader.feed(bytes);
    QVERIFY(!got.ok());
    QCOMPARE(int(reader.failure().closeCode), closeCode);
    QVERIFY(!reader.failure().reason.isEmpty());
    QCOMPARE(reader.buffered(), 0);
}

void TestWebSocketCodec::writesServerFrames() {
    QCOMPARE(WebSocketReader::frame(Opcode::Text, "shi"), QByteArray("\x81\x03shi"));
    const QByteArray medium = WebSocketReader::frame(Opcode::Binary, QByteArray(300, 'x'));
    QCOMPARE(medium.left(4), QByteArray("\x82\x7E\x01\x2C", 4));
    QCOMPARE(medium.size(), 304);
    const QByteArray large = WebSocketReader::frame(Opcode::Binary, QByteArray(70000, 'x'));
    QCOMPARE(large.left(10), QByteArray("\x82\x7F\x00\x00\x00\x00\x00\x01\x11\x70", 10));
    QCOMPARE(WebSocketReader::closeFrame(1009), QByteArray("\x88\x02\x03\xF1", 4));
}

QTEST_GUILESS_MAIN(TestWebSocketCodec)
#include "tst_websocketcodec.moc"
