// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RedirectRequest.h"

#include <QTest>

using namespace labshare::auth;

Q_DECLARE_METATYPE(labshare::auth::RedirectRequest::Kind)

class TestRedirectRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsTheRequest_data() {
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<RedirectRequest::Kind>("kind");
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QString>("error");
        using Kind = RedirectRequest::Kind;
        QTest::newRow("code") << QByteArray("GET /callback?code=c%2B1&state=s1 HTTP/1.1\r\nHost: x\r\n\r\n")
                              << Kind::Code << QByteArray("c+1") << QString();
        QTest::newRow("head not complete") << QByteArray("GET /callback?code=c1&state=s1 HTTP/1.1\r\nHost: x\r\n")
                                           << Kind::Incomplete << QByteArray() << QString();
        QTest::newRow("error") << QByteArray("GET /callback?error=access_denied&state=s1 HTTP/1.1\r\n\r\n")
                               << Kind::Refused << QByteArray() << "access_denied";
        QTest::newRow("error beside a code") << QByteArray("GET /callback?code=c1&error=x&state=s1 HTTP/1.1\r\n\r\n")
                                             << Kind::Refused << QByteArray() << "x";
        QTest::newRow("no code") << QByteArray("GET /callback?state=s1 HTTP/1.1\r\n\r\n") << Kind::Refused
                                 << QByteArray() << QString();
        QTest::newRow("wrong state") << QByteArray("GET /callback?code=c1&state=s2 HTTP/1.1\r\n\r\n")
                                     << Kind::WrongState << QByteArray() << QString();
        QTest::newRow("other path") << QByteArray("GET /favicon.ico HTTP/1.1\r\n\r\n") << Kind::NotFound << QByteArray()
                                    << QString();
        QTest::newRow("POST") << QByteArray("POST /callback?code=c1&state=s1 HTTP/1.1\r\n\r\n") << Kind::NotGet
                              << QByteArray() << QString();
        QTest::newRow("too large") << QByteArray(RedirectRequest::kMaxHeadBytes + 1, 'x') << Kind::TooLarge
                                   << QByteArray() << QString();
    }
    void readsTheRequest() {
        QFETCH(QByteArray, received);
        QFETCH(RedirectRequest::Kind, kind);
        QFETCH(QByteArray, code);
        QFETCH(QString, error);
        const RedirectRequest request = readRedirectRequest(received, "s1");
        QCOMPARE(request.kind, kind);
        QCOMPARE(request.code, code);
        QCOMPARE(request.error, error);
    }
};

QTEST_GUILESS_MAIN(TestRedirectRequest)
#include "tst_redirectrequest.moc"
