// SPDX-License-Identifier: GPL-3.0-or-later
// Who connected, through `labshare up --json` on both relay kinds: a student's connection from a chosen
// loopback source address (127.0.0.7) becomes a {"event":"connection",…} line when it ends, with the source
// address and port (the LAN relay's accept(); OpenSSH's `forwarded-tcpip` originator), the bytes each way,
// when it started, how long it lasted and how it ended; the same record lands in the lab's log file.
// A connection still open when `up` stops ends as "stopped".
#include "EchoLab.h"
#include "LabshareUp.h"
#include "SourceBoundClient.h"
#include "SshRelay.h"
#include "Wait.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

using namespace labshare::testsupport;

namespace {

constexpr int kUpTimeoutMs = 30000;

// The connection events among `up`'s lines.
QList<QJsonObject> connectionEvents(const LabshareUp& up) {
    QList<QJsonObject> out;
    for (const QString& line : up.stdoutLines()) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value("event").toString() == "connection")
            out << o;
    }
    return out;
}

QJsonObject eventFrom(const LabshareUp& up, const QString& peer) {
    for (const QJsonObject& o : connectionEvents(up))
        if (o.value("peer").toString() == peer)
            return o;
    return {};
}

// The lines of the lab's connection log under `home`.
QList<QJsonObject> logLines(const QString& home) {
    QList<QJsonObject> out;
    QDirIterator it(home, {"*.jsonl"}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains("/connections/"))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (!line.isEmpty())
                out << QJsonDocument::fromJson(line).object();
    }
    return out;
}

} // namespace

class TestWhoConnected : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reportsEachConnection_data();
    void reportsEachConnection();

private:
    SshRelay m_relay;
    EchoLab m_lab{1, 61}; // n1 on 127.0.0.61
};

void TestWhoConnected::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
}

void TestWhoConnected::reportsEachConnection_data() {
    QTest::addColumn<bool>("lan");
    QTest::newRow("LAN relay") << true;
    QTest::newRow("OpenSSH relay") << false;
}

void TestWhoConnected::reportsEachConnection() {
    QFETCH(bool, lan);
    const QString share = m_lab.shareNames().first();
    LabshareUp up;
    QVERIFY2(up.start(m_lab.topologyFile(),
                      lan ? QStringLiteral("lan://127.0.0.1") : m_relay.relayUrl(m_relay.knownHostsFile())),
             qPrintable(up.errorString()));
    const auto why = [&] {
        QString text = up.diagnostics();
        if (!lan)
            text += QStringLiteral("\nrelay log:\n") + m_relay.log().right(2000);
        return text;
    };
    QVERIFY2(up.waitForState(share, "up", kUpTimeoutMs), qPrintable(why()));
    const Endpoint endpoint = up.publicEndpoints({share}).first();

    // One connection from 127.0.0.7 that the student ends: 5000 bytes there and back.
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const int fd = connectFrom(QStringLiteral("127.0.0.7"), endpoint, true);
    QVERIFY2(fd >= 0, strerror(errno));
    const QString peer = QStringLiteral("127.0.0.7:%1").arg(localPort(fd));
    const QString echoed = echoAndClose(fd, 5000);
    QVERIFY2(echoed.isEmpty(), qPrintable(echoed));
    QVERIFY2(waitUntil([&] { return !eventFrom(up, peer).isEmpty(); }, 15000), qPrintable(why()));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject e = eventFrom(up, peer);
    const QString line = QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact));
    QCOMPARE(e.value("share").toString(), share);
    QCOMPARE(e.value("identity").toString(), QString());
    QCOMPARE(e.value("bytes_to_node").toInteger(), 5000);
    QCOMPARE(e.value("bytes_from_node").toInteger(), 5000);
    QVERIFY2(e.value("ended_by").toString() == "student", qPrintable(line));
    const QDateTime started = QDateTime::fromString(e.value("started").toString(), Qt::ISODateWithMs);
    QVERIFY2(started.isValid() && started.timeSpec() == Qt::UTC, qPrintable(line));
    QVERIFY2(started.toMSecsSinceEpoch() >= before - 5 && started.toMSecsSinceEpoch() <= after, qPrintable(line));
    const qint64 duration = e.value("duration_ms").toInteger(-1);
    QVERIFY2(duration >= 0 && started.toMSecsSinceEpoch() + duration <= after, qPrintable(line));

    // The same record in the lab's log file, and nothing else in it (no token, no open entry).
    QVERIFY2(waitUntil([&] { return logLines(up.homeDirectory()).size() == 1; }, 5000), qPrintable(why()));
    QJsonObject logged = logLines(up.homeDirectory()).first();
    QJsonObject expected = e;
    expected.remove("event");
    QCOMPARE(logged, expected);

    // A connection still open when `up` stops is closed by LabShare: "stopped".
    const int open = connectFrom(QStringLiteral("127.0.0.8"), endpoint, true);
    QVERIFY2(open >= 0, strerror(errno));
    const QString openPeer = QStringLiteral("127.0.0.8:%1").arg(localPort(open));
    QVERIFY(::send(open, "hello", 5, MSG_NOSIGNAL) == 5);
    char echo[5];
    QCOMPARE(::recv(open, echo, sizeof echo, MSG_WAITALL), ssize_t(5));
    QVERIFY2(up.interrupt(), qPrintable(why()));
    ::close(open);
    const QJsonObject stopped = eventFrom(up, openPeer);
    QVERIFY2(!stopped.isEmpty(), qPrintable(why()));
    QCOMPARE(stopped.value("ended_by").toString(), QStringLiteral("stopped"));
    QCOMPARE(stopped.value("bytes_to_node").toInteger(), 5);
    QCOMPARE(stopped.value("bytes_from_node").toInteger(), 5);
    QCOMPARE(logLines(up.homeDirectory()).size(), 2);
}

QTEST_GUILESS_MAIN(TestWhoConnected)
#include "tst_whoconnected.moc"
