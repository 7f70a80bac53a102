// SPDX-License-Identifier: GPL-3.0-or-later
// One desktop LabShare per user: a later launch hands its file to the running one over a local
// socket, and a socket left by a crashed instance does not stop the next launch from listening.
#include "SingleInstance.h"

#include <QFileInfo>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using labshare::app::SingleInstance;

class TestSingleInstance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void laterLaunchHandsItsFileToTheRunningOne();
    void nobodyListeningMeansThisLaunchIsTheFirst();
    void staleSocketOfACrashedInstanceIsReplaced();
    void strangersAreHungUpOn();
    void aLaunchThatLostTheRaceLeavesTheWinnersSocket();

private:
    QTemporaryDir m_dir;
};

void TestSingleInstance::laterLaunchHandsItsFileToTheRunningOne() {
    const QString path = m_dir.filePath(QStringLiteral("a.socket"));
    // The running instance answers on a thread of its own, as it would in its own process.
    QThread running;
    auto* first = new SingleInstance(path);
    first->moveToThread(&running);
    connect(&running, &QThread::finished, first, &QObject::deleteLater);
    QStringList asked; // queued to this thread
    connect(first, &SingleInstance::activationRequested, this, [&asked](const QString& file) { asked << file; });
    running.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        first, [&] { listening = first->listen(); }, Qt::BlockingQueuedConnection);
    QVERIFY(listening);

    SingleInstance second(path);
    QVERIFY(second.handOff(QStringLiteral("relative/lab.clab.yml")));
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0), QFileInfo(QStringLiteral("relative/lab.clab.yml")).absoluteFilePath());
    QVERIFY(second.handOff({})); // no file: only come forward
    QTRY_COMPARE(asked.size(), 2);
    QCOMPARE(asked.at(1), QString());
    running.quit();
    running.wait();
}

void TestSingleInstance::nobodyListeningMeansThisLaunchIsTheFirst() {
    SingleInstance only(m_dir.filePath(QStringLiteral("b.socket")));
    QVERIFY(!only.handOff(QStringLiteral("lab.clab.yml")));
    QVERIFY(only.listen());
}

void TestSingleInstance::staleSocketOfACrashedInstanceIsReplaced() {
    const QString path = m_dir.filePath(QStringLiteral("c.socket"));
    // A crashed instance leaves its socket file behind, with nobody accepting on it.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    qstrncpy(address.sun_path, native.constData(), sizeof(address.sun_path));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(path));

    SingleInstance next(path);
    QVERIFY(!next.handOff(QStringLiteral("lab.clab.yml")));
    QVERIFY(next.listen());
}

void TestSingleInstance::strangersAreHungUpOn() {
    const QString path = m_dir.filePath(QStringLiteral("d.socket"));
    SingleInstance first(path);
    QSignalSpy asked(&first, &SingleInstance::activationRequested);
    QVERIFY(first.listen());
    QLocalSocket stranger;
    stranger.connectToServer(path);
    QVERIFY(stranger.waitForConnected(2000));
    stranger.write("rm -rf /\n");
    QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(asked.count(), 0);
}

void TestSingleInstance::aLaunchThatLostTheRaceLeavesTheWinnersSocket() {
    // Two launches at the same moment: both found nobody to hand off to; the second to listen must
    // not delete the first one's live socket.
    const QString path = m_dir.filePath(QStringLiteral("e.socket"));
    SingleInstance winner(path);
    QVERIFY(winner.listen());
    SingleInstance loser(path);
    QVERIFY(!loser.listen());
    QLocalSocket probe;
    probe.connectToServer(path);
    QVERIFY(probe.waitForConnected(2000)); // still the winner's
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
