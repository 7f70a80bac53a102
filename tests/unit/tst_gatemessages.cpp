// SPDX-License-Identifier: GPL-3.0-or-later
// The gate's exchange with `labshare connect` (docs/gate-protocol.md): round trips and hostile lines.
#include "gate/GateMessages.h"

#include <QTest>

using namespace labshare::gate;

class TestGateMessages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrips() {
        GateMessage hello;
        hello.share = "clab-r1-tcp-22";
        hello.sharedBy = QString::fromUtf8("Zoë Instructor");
        GateMessage signIn;
        signIn.type = GateMessage::Type::SignIn;
        signIn.userCode = "WDJB-MJHT";
        signIn.link = QUrl("https://id.example.org/device");
        signIn.linkComplete = QUrl("https://id.example.org/device?user_code=WDJB-MJHT");
        signIn.expiresIn = 600;
        GateMessage admitted;
        admitted.type = GateMessage::Type::Admitted;
        admitted.identity = "alice@example.org";
        admitted.ticket = labshare::secrets::SecretBytes(QByteArrayView("lst1.abc"));
        admitted.expires = QDateTime(QDate(2026, 12, 3), QTime(23, 0), Qt::UTC);

        MessageReader reader;
        const QByteArray stream = encodeMessage(hello) + encodeMessage(signIn) + encodeMessage(admitted) + "SSH-2.0-";
        for (const char byte : stream) // byte by byte, as TLS records may cut anywhere
            reader.append(QByteArray(1, byte));
        auto first = reader.next();
        QVERIFY(first && *first);
        QCOMPARE((*first)->share, hello.share);
        QCOMPARE((*first)->sharedBy, hello.sharedBy);
        auto second = reader.next();
        QVERIFY(second && *second);
        QCOMPARE((*second)->type, GateMessage::Type::SignIn);
        QCOMPARE((*second)->userCode, signIn.userCode);
        QCOMPARE((*second)->linkComplete, signIn.linkComplete);
        QCOMPARE((*second)->expiresIn, 600);
        auto third = reader.next();
        QVERIFY(third && *third);
        QVERIFY((*third)->ticket == admitted.ticket);
        QCOMPARE((*third)->expires, admitted.expires);
        auto none = reader.next();
        QVERIFY(none && !*none);
        QCOMPARE(reader.takeRest(), QByteArray("SSH-2.0-")); // the joined stream's first bytes
    }

    void refusesHostileLines_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not JSON") << QByteArray("GET / HTTP/1.1\n") << "not a JSON object";
        QTest::newRow("an array") << QByteArray("[1,2]\n") << "not a JSON object";
        QTest::newRow("another version") << QByteArray("{\"v\":2,\"type\":\"hello\",\"share\":\"s\"}"
                                                       "\n")
                                         << "not version 1";
        QTest::newRow("no version") << QByteArray("{\"type\":\"hello\",\"share\":\"s\"}"
                                                  "\n")
                                    << "not version 1";
        QTest::newRow("unknown type") << QByteArray("{\"v\":1,\"type\":\"root-shell\"}"
                                                    "\n")
                                      << "unknown message";
        QTest::newRow("missing field") << QByteArray("{\"v\":1,\"type\":\"ticket\"}"
                                                     "\n")
                                       << "\"ticket\" is missing";
        QTest::newRow("number for text") << QByteArray("{\"v\":1,\"type\":\"hello\",\"share\":7}"
                                                       "\n")
                                         << "\"share\" is missing or not a string";
        QTest::newRow("terminal escape") << QByteArray("{\"v\":1,\"type\":\"refused\",\"reason\":\"\\u001b[2J\"}"
                                                       "\n")
                                         << "control character";
        QTest::newRow("bidi override") << QByteArray("{\"v\":1,\"type\":\"hello\",\"share\":\"a\\u202eb\"}"
                                                     "\n")
                                       << "control character";
        QTest::newRow("javascript link")
            << QByteArray(
                   "{\"v\":1,\"type\":\"sign-in\",\"code\":\"C\",\"link\":\"javascript:alert(1)\",\"expires_in\":5}"
                   "\n")
            << "not a web address";
        QTest::newRow("no expiry")
            << QByteArray("{\"v\":1,\"type\":\"sign-in\",\"code\":\"C\",\"link\":\"https://id.example.org/d\"}"
                          "\n")
            << "no code or no expiry";
        QTest::newRow("bad time") << QByteArray(
                                         "{\"v\":1,\"type\":\"admitted\",\"identity\":\"a@b.c\",\"expires\":\"soon\"}"
                                         "\n")
                                  << "not a time";
        // Found by tests/fuzz/fuzz_gatemessages: a non-ASCII ticket was kept as UTF-8 and sent back as Latin-1,
        // so the gate got other bytes than it issued.
        QTest::newRow("non-ASCII ticket")
            << QByteArray("{\"v\":1,\"type\":\"ticket\",\"ticket\":\"lst1.\u00e9\"}\n") << "\"ticket\" is not a ticket";
        QTest::newRow("non-ASCII new ticket")
            << QByteArray("{\"v\":1,\"type\":\"admitted\",\"identity\":\"a@b.c\",\"ticket\":\"\u03e9\","
                          "\"expires\":\"2026-12-04T18:00:00Z\"}\n")
            << "\"ticket\" is not a ticket";
        QTest::newRow("oversized line") << QByteArray(5000, 'x') + '\n' << "longer than 4096 bytes";
        QTest::newRow("endless line") << QByteArray(4096, '{') << "longer than 4096 bytes";
    }
    void refusesHostileLines() {
        QFETCH(QByteArray, line);
        QFETCH(QString, problem);
        MessageReader reader;
        reader.append(line);
        const auto read = reader.next();
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(problem), qPrintable(read.error().message));
        reader.append(encodeMessage(GateMessage{}));
        QVERIFY(!reader.next()); // spent: nothing after an error is believed
    }

    void tellsTlsFromPlainClients() {
        QVERIFY(looksLikeTlsClientHello(QByteArray::fromHex("160301020001")));
        QVERIFY(!looksLikeTlsClientHello("SSH-2.0-OpenSSH_9.2\r\n"));
        QVERIFY(!looksLikeTlsClientHello("GET / HTTP/1.1\r\n"));
        QVERIFY(!looksLikeTlsClientHello(QByteArray(1, 0x16)));
        QVERIFY(plainClientNotice("clab-r1-tcp-22").contains("labshare connect"));
    }
};

QTEST_GUILESS_MAIN(TestGateMessages)
#include "tst_gatemessages.moc"
