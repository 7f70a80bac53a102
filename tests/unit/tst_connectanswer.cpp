// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/net/ConnectAnswer.h"

#include <QTest>

using namespace labshare;
using namespace labshare::tunnel;

class TestConnectAnswer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The head is taken exactly, wherever the socket splits it; the relay's first bytes stay unread.
    void takesExactlyTheHead_data() {
        QTest::addColumn<int>("chunk");
        for (const int chunk : {1, 2, 3, 7, 4096})
            QTest::newRow(qPrintable(QString::number(chunk))) << chunk;
    }
    void takesExactlyTheHead() {
        QFETCH(int, chunk);
        const QByteArray head = "HTTP/1.1 200 Connection established\r\nVia: proxy\r\n\r\n";
        const QByteArray socket = head + "SSH-2.0-OpenSSH_9.2\r\n";
        ConnectAnswer answer;
        qsizetype taken = 0;
        while (!answer.complete() && taken < socket.size()) {
            const QByteArray peeked = socket.mid(taken, chunk);
            const qsizetype take = answer.headBytesIn(peeked);
            answer.take(peeked.left(take));
            taken += take;
        }
        QVERIFY(answer.complete());
        QCOMPARE(answer.head(), head);
        QCOMPARE(taken, head.size());
        QVERIFY(answer.verdict("relay.example.org:22").ok());
    }

    void refusalsQuoteTheStatusLine_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("message");
        QTest::newRow("403") << QByteArray("HTTP/1.0 403 Forbidden\r\n\r\n")
                             << "the proxy refused to connect to relay:22: HTTP/1.0 403 Forbidden";
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << "the proxy did not answer in HTTP";
    }
    void refusalsQuoteTheStatusLine() {
        QFETCH(QByteArray, head);
        QFETCH(QString, message);
        ConnectAnswer answer;
        answer.take(head.left(answer.headBytesIn(head)));
        QVERIFY(answer.complete());
        const Result<bool> verdict = answer.verdict("relay:22");
        QVERIFY(!verdict.ok());
        QCOMPARE(verdict.error().message, message);
    }

    void anOverlongHeadIsRefused() {
        ConnectAnswer answer;
        const QByteArray noise(ConnectAnswer::kMaxHeadBytes + 1, 'x');
        answer.take(noise.left(answer.headBytesIn(noise)));
        QVERIFY(!answer.complete());
        QVERIFY(answer.overlong());
    }
};

QTEST_GUILESS_MAIN(TestConnectAnswer)
#include "tst_connectanswer.moc"
