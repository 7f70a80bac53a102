// SPDX-License-Identifier: GPL-3.0-or-later
// "Test connection" (core/tunnel/ssh/RelayProbe) against a real OpenSSH relay: logs in and reports the host
// key; an unknown key is reported, not recorded; a dead relay is an error; nothing is ever published.
#include "SshRelay.h"

#include "tunnel/ssh/RelayProbe.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

constexpr int kTimeoutMs = 30000;

tunnel::RelayProfile profile(const QString& url) {
    const Result<tunnel::RelayProfile> p = tunnel::RelayProfile::fromUrl(url);
    if (!p)
        qFatal("bad relay URL in test: %s", qPrintable(p.error().message));
    return *p;
}

} // namespace

class TestRelayProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    }

    void logsInAndNamesTheHostKey() {
        tunnel::RelayProbe probe;
        QSignalSpy finished(&probe, &tunnel::RelayProbe::finished);
        const QThread* caller = QThread::currentThread();
        connect(&probe, &tunnel::RelayProbe::finished, this, [caller] { QCOMPARE(QThread::currentThread(), caller); });
        QVERIFY(probe.start(profile(m_relay.relayUrl(m_relay.knownHostsFile()))));
        QVERIFY(!probe.start(profile(m_relay.relayUrl(m_relay.knownHostsFile())))); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        const QList<QVariant> args = finished.first();
        QVERIFY2(args.at(0).toBool(), qPrintable(args.at(2).toString() + "\n" + m_relay.log().right(2000)));
        QCOMPARE(args.at(1).toString(), m_relay.hostKeyFingerprint());
        QVERIFY2(args.at(2).toString().contains(m_relay.user()), qPrintable(args.at(2).toString()));
        QVERIFY(!probe.isRunning());
    }

    void anUnknownHostKeyIsShownNotRecorded() {
        const QString knownHosts = m_relay.emptyKnownHostsFile();
        tunnel::RelayProbe probe;
        QSignalSpy finished(&probe, &tunnel::RelayProbe::finished);
        QVERIFY(probe.start(profile(m_relay.relayUrl(knownHosts))));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        const QList<QVariant> args = finished.first();
        QVERIFY(!args.at(0).toBool());
        QCOMPARE(args.at(1).toString(), m_relay.hostKeyFingerprint());
        QVERIFY2(args.at(2).toString().contains("not known"), qPrintable(args.at(2).toString()));
        QFile file(knownHosts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray()); // trusting it is the user's decision, not the probe's
    }

    void aDeadRelayIsAnError() {
        const QString url = m_relay.relayUrl(m_relay.knownHostsFile());
        m_relay.stop();
        tunnel::RelayProbe probe;
        QSignalSpy finished(&probe, &tunnel::RelayProbe::finished);
        QVERIFY(probe.start(profile(url)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(finished.first().at(1).toString().isEmpty());
        QVERIFY(!finished.first().at(2).toString().isEmpty());
        QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    }

    // Closing the dialog mid-probe destroys the probe: it gives up at once rather than finishing the login.
    void destroyingAProbeInProgressEndsIt() {
        auto probe = std::make_unique<tunnel::RelayProbe>();
        QVERIFY(probe->start(profile(m_relay.relayUrl(m_relay.knownHostsFile()))));
        probe.reset(); // joins its thread; no signal reaches a destroyed object
    }

private:
    SshRelay m_relay;
};

QTEST_GUILESS_MAIN(TestRelayProbe)
#include "tst_relayprobe.moc"
