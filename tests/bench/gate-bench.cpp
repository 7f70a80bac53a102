// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark, not a test: connections per second through a share for named people, a student with a
// valid ticket going through `labshare connect --listen`, beside a share of the same kind published
// open, in one run, on the LAN relay on loopback. Each connection: connect, 16 bytes echoed, close.
// Run under tests/with-desktop.sh (the keychain):
//   tests/with-desktop.sh build/ci/tests/bench/gate-bench [SECONDS] [ROUNDS]
#include "BrowserUser.h"
#include "EchoNode.h"
#include "FreePort.h"
#include "LabDir.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
#include "Wait.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace labshare::testsupport;

namespace {

const QByteArray kPayload = "0123456789abcdef";

// Sequential short connections to host:port for `seconds`: connections per second, or -1 on a failure.
double rate(quint16 port, double seconds) {
    QElapsedTimer timer;
    timer.start();
    int done = 0;
    while (timer.elapsed() < seconds * 1000) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return -1;
        socket.write(kPayload);
        QByteArray echoed;
        while (echoed.size() < kPayload.size() && socket.waitForReadyRead(5000))
            echoed += socket.readAll();
        if (echoed != kPayload)
            return -1;
        socket.disconnectFromHost();
        ++done;
    }
    return done / (timer.elapsed() / 1000.0);
}

int fail(const QString& why) {
    std::fprintf(stderr, "gate-bench: %s\n", qUtf8Printable(why));
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QString::fromLatin1(argv[1]).toDouble() : 3;
    const int rounds = argc > 2 ? QString::fromLatin1(argv[2]).toInt() : 3;
    OidcProvider provider;
    EchoNode gatedNode;
    EchoNode openNode;
    if (!provider.start({"--device-interval", "1"}))
        return fail(provider.error());
    if (!gatedNode.listen(QHostAddress(QStringLiteral("127.0.0.1"))) ||
        !openNode.listen(QHostAddress(QStringLiteral("127.0.0.1"))))
        return fail(QStringLiteral("cannot start the echo nodes"));
    LabDir lab;
    const QString gated = LabDir::shareName("n1", "tcp", gatedNode.port());
    const QString open = LabDir::shareName("n1", "tcp", openNode.port());
    if (!lab.write({{"n1", "127.0.0.1",
                     QStringLiteral("tcp/%1/alice@example.org tcp/%2").arg(gatedNode.port()).arg(openNode.port())}}))
        return fail(lab.errorString());
    LabshareUp up;
    if (!up.start(lab.topologyFile(), "lan://127.0.0.1",
                  {"--issuer", provider.issuer().toString(), "--client-id", provider.clientId()}) ||
        !up.waitForStates({gated, open}, "up", 20000))
        return fail(up.diagnostics());
    const QString fingerprint = up.lastEvent(gated).json.value("fingerprint").toString();

    QTemporaryDir student;
    const quint16 local = freeTcpPort();
    QByteArray said; // before the helper: its last output may arrive while it is destroyed
    QProcess helper;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", student.path());
    helper.setProcessEnvironment(env);
    QObject::connect(&helper, &QProcess::readyReadStandardError, &helper,
                     [&] { said += helper.readAllStandardError(); });
    helper.start(QStringLiteral(LABSHARE_BENCH_BINARY),
                 {"connect", QStringLiteral("127.0.0.1:%1").arg(up.publicPort(gated)), "--fingerprint", fingerprint,
                  "--listen", QStringLiteral("127.0.0.1:%1").arg(local)});
    if (!waitUntil([&] { return said.contains("carrying every connection"); }, 10000))
        return fail(QString::fromUtf8(said));
    // The first connection signs alice in; its ticket serves every later one.
    QTcpSocket first;
    first.connectToHost(QHostAddress::LocalHost, local);
    const QRegularExpression link(QStringLiteral("or open (\\S+)\\)"));
    if (!waitUntil([&] { return link.match(QString::fromUtf8(said)).hasMatch(); }, 15000))
        return fail(QString::fromUtf8(said));
    BrowserUser browser;
    if (!browser.approveDevice(QUrl(link.match(QString::fromUtf8(said)).captured(1)), "alice", "alice-pass"))
        return fail(browser.error());
    first.write(kPayload);
    if (!waitUntil([&] { return first.bytesAvailable() >= kPayload.size(); }, 15000))
        return fail(QStringLiteral("the first connection through the gate did not echo: ") + QString::fromUtf8(said));
    first.disconnectFromHost();

    std::printf("connections per second (connect, 16 bytes echoed, close), %d rounds of %.0f s, median\n", rounds,
                seconds);
    QList<double> openRates;
    QList<double> gatedRates;
    for (int round = 0; round < rounds; ++round) {
        openRates << rate(up.publicPort(open), seconds);
        gatedRates << rate(local, seconds);
    }
    std::sort(openRates.begin(), openRates.end());
    std::sort(gatedRates.begin(), gatedRates.end());
    if (gatedRates.first() < 0 || openRates.first() < 0)
        return fail(QStringLiteral("a connection failed; the helper said:\n") + QString::fromUtf8(said.right(2000)));
    const double openRate = openRates.at(rounds / 2);
    const double gatedRate = gatedRates.at(rounds / 2);
    std::printf("  open share, straight to the relay          %8.0f /s   1.00x\n", openRate);
    std::printf("  gated share, labshare connect --listen     %8.0f /s   %.2fx\n", gatedRate,
                openRate > 0 ? gatedRate / openRate : 0.0);
    helper.kill();
    helper.waitForFinished(5000);
    if (!up.interrupt())
        return fail(QStringLiteral("labshare up did not stop"));
    return 0;
}
