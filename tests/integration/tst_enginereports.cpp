// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's connection reports, held and delivered in batches: every connection is reported open, then ended,
// once each, and a stop's records all arrive before `stopped` (what `labshare up` and the window rely on to log
// every connection before they let go of the engine). The real engine and LAN relay, a real echo node.
#include "EchoNode.h"
#include "Wait.h"

#include "tunnel/TunnelEngine.h"
#include "tunnel/bookkeeping/RelayProfile.h"

#include <QHash>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using labshare::testsupport::EchoNode;
using labshare::testsupport::waitUntil;
using labshare::tunnel::ConnectionEnd;
using labshare::tunnel::ConnectionRecord;
using labshare::tunnel::ForwardSpec;
using labshare::tunnel::RelayProfile;
using labshare::tunnel::ShareHealth;
using labshare::tunnel::ShareState;
using labshare::tunnel::TunnelEngine;

class TestEngineReports : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aStopsRecordsArriveBeforeStopped();
};

void TestEngineReports::aStopsRecordsArriveBeforeStopped() {
    EchoNode node;
    QVERIFY2(node.listen(QHostAddress(QStringLiteral("127.0.0.61"))), qPrintable(node.errorString()));
    const auto relay = RelayProfile::fromUrl(QStringLiteral("lan://127.0.0.1"));
    QVERIFY(relay);
    TunnelEngine engine(*relay, {});
    quint16 port = 0;
    QStringList events; // "open <id>", "end <id> <how>", "stopped", in the order the signals came
    int batches = 0;
    connect(&engine, &TunnelEngine::shareChanged, this, [&](const ShareHealth& h) {
        if (h.state == ShareState::Up)
            port = h.publicPort;
    });
    connect(&engine, &TunnelEngine::connectionsChanged, this, [&](const QList<ConnectionRecord>& records) {
        ++batches;
        for (const ConnectionRecord& r : records)
            events.append(r.isOpen()
                              ? QStringLiteral("open %1").arg(r.id)
                              : QStringLiteral("end %1 %2").arg(r.id).arg(labshare::tunnel::connectionEndName(r.end)));
    });
    connect(&engine, &TunnelEngine::stopped, this, [&] { events.append(QStringLiteral("stopped")); });
    ForwardSpec spec;
    spec.name = QStringLiteral("clab-n1-tcp-%1").arg(node.port());
    spec.node = QStringLiteral("n1");
    spec.type = QStringLiteral("tcp");
    spec.targetHost = node.address().toString();
    spec.targetPort = node.port();
    engine.publish(spec);
    QVERIFY(waitUntil([&] { return port != 0; }, 10000));

    // Ten connections that end on their own, then five that the stop ends, all while reports are held.
    constexpr int kClosed = 10, kKept = 5;
    std::vector<std::unique_ptr<QTcpSocket>> kept;
    for (int i = 0; i < kClosed + kKept; ++i) {
        auto student = std::make_unique<QTcpSocket>();
        student->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(student->waitForConnected(5000));
        student->write("hello\n");
        QVERIFY(waitUntil([&] { return student->bytesAvailable() >= 6; }, 5000));
        if (i < kClosed)
            student->disconnectFromHost();
        else
            kept.push_back(std::move(student));
    }
    // The ten reported open and ended and the five open: only the stop's records are held when it comes.
    QVERIFY2(waitUntil([&] { return events.size() == kClosed * 2 + kKept; }, 10000), qPrintable(events.join(", ")));
    engine.stop();
    QVERIFY2(waitUntil([&] { return events.contains(QStringLiteral("stopped")); }, 10000),
             qPrintable(events.join(", ")));

    QCOMPARE(events.constLast(), QStringLiteral("stopped")); // nothing after it, nothing held back
    QHash<QString, QStringList> byId;
    for (const QString& e : events.first(events.size() - 1)) {
        const QStringList parts = e.split(QLatin1Char(' '));
        byId[parts.at(1)].append(parts.constFirst() == QLatin1String("end") ? parts.at(2) : parts.constFirst());
    }
    QCOMPARE(byId.size(), kClosed + kKept);
    int stopped = 0;
    for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
        QCOMPARE(it.value().size(), 2); // reported open, then ended, once each
        QCOMPARE(it.value().constFirst(), QStringLiteral("open"));
        stopped += it.value().constLast() == QLatin1String("stopped");
    }
    QCOMPARE(stopped, kKept);
    QVERIFY2(batches < events.size() - 1, "every record came on its own: nothing was held and batched");
}

QTEST_MAIN(TestEngineReports)
#include "tst_enginereports.moc"
