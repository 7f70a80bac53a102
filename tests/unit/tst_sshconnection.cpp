// SPDX-License-Identifier: GPL-3.0-or-later
// How libssh's log reaches Qt logging (core/tunnel/SshConnection): on every thread, at the right level.
#include "tunnel/SshConnection.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QStandardPaths>
#include <QTest>

#include <thread>

using namespace labshare;

namespace {

struct Captured {
    QtMsgType type;
    QString text;
};

QMutex g_mutex;
QList<Captured> g_captured;

void capture(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (QByteArray(context.category) != "labshare.core.tunnel")
        return;
    QMutexLocker lock(&g_mutex);
    g_captured.append({type, message});
}

} // namespace

class TestSshConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QLoggingCategory::setFilterRules(QStringLiteral("labshare.core.tunnel.debug=true"));
    }

    void messageTypes_data() {
        QTest::addColumn<int>("priority");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("type");
        QTest::newRow("forward poll finds no channel")
            << SSH_LOG_WARN << QByteArray("ssh_channel_accept: No channel request of this type from server")
            << int(QtDebugMsg);
        QTest::newRow("other warning") << SSH_LOG_WARN << QByteArray("ssh_config_parse_file: no such file")
                                       << int(QtInfoMsg);
        QTest::newRow("protocol chatter")
            << int(SSH_LOG_PROTOCOL) << QByteArray("ssh_connect: socket connecting") << int(QtDebugMsg);
    }

    void messageTypes() {
        QFETCH(int, priority);
        QFETCH(QByteArray, message);
        QFETCH(int, type);
        QCOMPARE(int(tunnel::sshLogMessageType(priority, message.constData())), type);
    }

    // libssh's log callback is per thread: a relay worker that is not the first thread to use libssh
    // must still log through Qt (today's stderr lines "[…, 1] ssh_channel_accept: No channel request…").
    void everyThreadLogsThroughQt() {
        tunnel::installSshLogging(); // this thread first, as the first relay worker would
        const QtMessageHandler previous = qInstallMessageHandler(capture);
        std::thread second([] {
            tunnel::installSshLogging();
            _ssh_log(SSH_LOG_WARN, "ssh_channel_accept", "%s", "No channel request of this type from server");
            _ssh_log(SSH_LOG_WARN, "ssh_config_parse_file", "%s", "cannot open ~/.ssh/config");
        });
        second.join();
        qInstallMessageHandler(previous);
        QMutexLocker lock(&g_mutex);
        QCOMPARE(g_captured.size(), 2);
        QCOMPARE(g_captured.at(0).type, QtDebugMsg);
        QVERIFY2(g_captured.at(0).text.contains(QStringLiteral("No channel request of this type from server")),
                 qPrintable(g_captured.at(0).text));
        QCOMPARE(g_captured.at(1).type, QtInfoMsg);
    }
};

QTEST_GUILESS_MAIN(TestSshConnection)
#include "tst_sshconnection.moc"
