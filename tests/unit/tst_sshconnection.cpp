// SPDX-License-Identifier: GPL-3.0-or-later
// How libssh's log reaches Qt logging (core/tunnel/ssh/SshConnection): on every thread, at debug level, in its own
// category (which the log ring keeps and `labshare up` shows only with -v).
#include "tunnel/ssh/SshConnection.h"

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
    if (QByteArray(context.category) != "labshare.core.libssh")
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
        QLoggingCategory::setFilterRules(QStringLiteral("labshare.core.libssh.debug=true"));
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
        QCOMPARE(g_captured.at(1).type, QtDebugMsg); // even libssh's warnings: what matters comes back as errors
        QVERIFY2(g_captured.at(1).text.startsWith(QStringLiteral("ssh_config_parse_file: ")),
                 qPrintable(g_captured.at(1).text));
    }
};

QTEST_GUILESS_MAIN(TestSshConnection)
#include "tst_sshconnection.moc"
