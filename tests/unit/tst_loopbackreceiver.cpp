// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/LoopbackReceiver.h"

#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace labshare;
using namespace labshare::auth;

namespace {

// Sends raw bytes the way a browser would and returns the whole answer. The receiver lives on this
// thread, so the wait spins the event loop instead of blocking.
QByteArray exchange(quint16 port, const QByteArray& bytes, QHostAddress address = QHostAddress::LocalHost) {
    QTcpSocket socket;
    QByteArray answer;
    bool connected = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] {
        connected = true;
        socket.write(bytes);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(address, port);
    QElapsedTimer clock;
    clock.start();
    while (socket.state() != QAbstractSocket::UnconnectedState && clock.elapsed() < 5000)
        QTest::qWait(10);
    return connected ? answer : QByteArray("NOT CONNECTED");
}

QByteArray request(const QUrl& redirect, const QByteArray& target) {
    return exchange(redirect.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n");
}

} // namespace

class TestLoopbackReceiver : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listensOnLoopbackOnly() {
        LoopbackReceiver receiver(secrets::SecretBytes(QByteArrayView("s1")));
        QVERIFY(receiver.listen().ok());
        const QUrl redirect = receiver.redirectUri();
        QCOMPARE(redirect.host(), QString("127.0.0.1"));
        QCOMPARE(redirect.path(), QString("/callback"));
        QVERIFY(redirect.port() > 0);
        // The same port on this machine's other addresses is closed: a callback from the network cannot land.
        int tried = 0;
        for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            ++tried;
            QTcpSocket socket;
            socket.connectToHost(address, redirect.port());
            QVERIFY2(!socket.waitForConnected(2000), qPrintable(address.toString() + " accepted a connection"));
        }
        qInfo() << "checked" << tried << "non-loopback addresses";
    }

    void acceptsTheMatchingStateOnce() {
        LoopbackReceiver receiver(secrets::SecretBytes(QByteArrayView("state-1")));
        QVERIFY(receiver.listen().ok());
        QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
        QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
        const QByteArray favicon = request(receiver.redirectUri(), "/favicon.ico");
        QVERIFY2(favicon.startsWith("HTTP/1.1 404"), favicon.constData());
        const QUrl redirect = receiver.redirectUri();
        const QByteArray page = request(redirect, "/callback?code=c%2Bd%3D&state=state-1");
        QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
        QVERIFY(page.contains("You are signed in"));
        QVERIFY(!page.contains("c+d="));
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("c+d="));
        QCOMPARE(failures.size(), 0);
        QCOMPARE(receiver.redirectUri().port(), redirect.port()); // still known for the token request
        // One shot: the listener is gone.
        QVERIFY(request(receiver.redirectUri(), "/callback?code=x&state=state-1").startsWith("NOT CONNECTED"));
    }

    // A request with another state (a page on another site, a program on this computer) gets a page
    // saying so and is otherwise ignored: it neither ends the sign-in nor hands over its code.
    void ignoresAWrongStateAndKeepsWaiting() {
        LoopbackReceiver receiver(secrets::SecretBytes(QByteArrayView("state-1")));
        QVERIFY(receiver.listen().ok());
        QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
        QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
        for (const char* target :
             {"/callback?code=abc&state=forged", "/callback?code=abc", "/callback?error=access_denied&state=forged"}) {
            const QByteArray page = request(receiver.redirectUri(), target);
            QVERIFY2(page.startsWith("HTTP/1.1 400"), page.constData());
            QVERIFY2(page.contains("does not belong to the sign-in LabShare is waiting for"), page.constData());
            QVERIFY(!page.contains("abc"));
        }
        QCOMPARE(codes.size(), 0);
        QCOMPARE(failures.size(), 0);
        const QByteArray page = request(receiver.redirectUri(), "/callback?code=good&state=state-1");
        QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("good"));
        QCOMPARE(failures.size(), 0);
    }

    void reportsTheProvidersError() {
        LoopbackReceiver receiver(secrets::SecretBytes(QByteArrayView("s")));
        QVERIFY(receiver.listen().ok());
        QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
        request(receiver.redirectUri(), "/callback?error=access_denied&error_description=End-User%20aborted&state=s");
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.at(0).at(0).toString(),
                 QString("the identity provider did not sign you in: access_denied (End-User aborted)"));
    }

    void refusesOtherMethodsAndHugeRequests() {
        LoopbackReceiver receiver(secrets::SecretBytes(QByteArrayView("s")));
        QVERIFY(receiver.listen().ok());
        QVERIFY(exchange(receiver.redirectUri().port(), "POST /callback?code=a&state=s HTTP/1.1\r\n\r\n")
                    .startsWith("HTTP/1.1 405"));
        const QByteArray big = request(receiver.redirectUri(), "/callback?pad=" + QByteArray(20000, 'a'));
        QVERIFY2(big.startsWith("HTTP/1.1 431") || big.isEmpty(), big.left(40).constData());
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
