// SPDX-License-Identifier: GPL-3.0-or-later
// The real labshare binary with no display: an unknown verb, a missing file and the desktop app without a
// display each end with a clear one-line message and an exit code, never Qt's platform-plugin abort; a
// --relay lan://ADDRESS this machine does not have is refused at once.
#include "LabshareRun.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare::clitest;

class TestVerbsCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(writeLab(m_dir.filePath("lab.clab.yml"),
                         "name: lab\ntopology:\n  nodes:\n    n1: {kind: linux, "
                         "mgmt-ipv4: 127.0.0.61, labels: {labshare.publish: tcp/22}}\n"));
    }

    void badInputIsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown verb") << QStringList{"frobnicate"} << "labshare: unknown command 'frobnicate'";
        QTest::newRow("missing topology")
            << QStringList{"missing.clab.yml"} << "labshare: no such file: missing.clab.yml";
        QTest::newRow("missing path") << QStringList{"./frobnicate"} << "labshare: no such file: ./frobnicate";
    }
    void badInputIsExitTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = runLabshare(args, m_dir.path());
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + ": " + r.err));
        QVERIFY2(r.err.startsWith(message.toUtf8()), r.err.constData());
        QVERIFY2(!r.err.contains("platform plugin"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void theDesktopAppWithoutADisplaySaysSo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no file") << QStringList{};
        QTest::newRow("a file") << QStringList{"lab.clab.yml"};
    }
    void theDesktopAppWithoutADisplaySaysSo() {
        QFETCH(QStringList, args);
        const Run r = runLabshare(args, m_dir.path());
        QVERIFY2(r.exitCode == 1, qPrintable(QString::number(r.exitCode) + ": " + r.err));
        QCOMPARE(r.err.count('\n'), 1); // one line
        QVERIFY2(r.err.startsWith("labshare: no display"), r.err.constData());
        QVERIFY2(r.err.contains("inspect, up, login, logout, connect and node-login"), r.err.constData());
    }

    // The headless verbs still run without one.
    void headlessVerbsNeedNoDisplay() {
        const Run r = runLabshare({"inspect", "lab.clab.yml"}, m_dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("n1"));
    }

    void upRefusesALanAddressThisMachineLacks() {
        const Run r = runLabshare({"up", "lab.clab.yml", "--relay", "lan://192.0.2.77"}, m_dir.path());
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + ": " + r.err));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains("no address 192.0.2.77"), qPrintable(err));
        QVERIFY2(err.contains("its addresses are") && err.contains("127.0.0.1"), qPrintable(err));
        QVERIFY(r.out.isEmpty()); // nothing was published
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestVerbsCli)
#include "tst_verbscli.moc"
