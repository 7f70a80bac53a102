// SPDX-License-Identifier: GPL-3.0-or-later
// Serve now, reclaim later, in the real desktop app (the DesktopController `labshare FILE` builds) on Xvfb with
// trayer as the tray host, sharing a lab of echo nodes through a real OpenSSH sshd on loopback. Our session on
// the relay freezes while holding both shares' ports (a laptop that slept): the shares come back at once on
// stand-ins, and the window, the tray menu, a notification and the share sheet say "live" and "reclaiming"; once
// the old session lets go, the handed-out addresses are back, a notification says so, and the stand-ins keep
// working too. A screenshot of the window while reclaiming goes to LABSHARE_SCREENSHOT_DIR as reclaiming.png.
#include "DesktopController.h"
#include "DesktopProcess.h"
#include "DesktopUnderTest.h"
#include "EchoLab.h"
#include "MainWindow.h"
#include "ProcessTree.h"
#include "ProgramSetup.h"
#include "SshRelay.h"
#include "common/LogBuffer.h"
#include "models/SharesModel.h"
#include "share/ShareSheet.h"

#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <csignal>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

constexpr int kBackTimeoutMs = 45000;

} // namespace

class TestDesktopReclaim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aFrozenSessionsSharesComeBackOnStandIns();
    void theHandedOutAddressesComeBackAndTheStandInsStay();
    void cleanupTestCase();

private:
    const share::ShareRow* row(int i) const { return m_app->session()->row(m_lab.shareNames().at(i)); }
    bool all(const std::function<bool(const tunnel::ShareHealth&)>& test) const;
    QModelIndex addressIndex(int i) const; // share i's address cell in the shares table
    QString addressCell(int i) const { return addressIndex(i).data().toString(); }
    QString trayText() const;
    QString why() const;

    SshRelay m_relay;
    EchoLab m_lab{2, 151};
    std::unique_ptr<app::DesktopController> m_app;
    QList<quint16> m_ports;
    QList<quint16> m_standIns;
    QList<qint64> m_frozen;
};

void TestDesktopReclaim::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    const QString desktop = desktopProblem();
    QVERIFY2(desktop.isEmpty(), qPrintable(desktop));
    app::applyApplicationIdentity();
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    m_lab.rememberAsShared(m_relay.relayUrl(m_relay.knownHostsFile()));
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().resize(1280, 600);
    m_app->window().move(0, 40);
    m_app->window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && all([](const tunnel::ShareHealth& h) {
                                 return h.state == tunnel::ShareState::Up && h.publicPort != 0;
                             }),
                             30000);
    for (int i = 0; i < m_lab.size(); ++i)
        m_ports << row(i)->health.publicPort;
}

void TestDesktopReclaim::cleanupTestCase() {
    for (qint64 pid : std::as_const(m_frozen))
        ::kill(static_cast<pid_t>(pid), SIGCONT);
    m_app.reset();
}

QModelIndex TestDesktopReclaim::addressIndex(int i) const {
    const ui::SharesModel& model = m_app->sharesModel();
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, ui::SharesModel::NameColumn).data().toString() == m_lab.shareNames().at(i))
            return model.index(r, ui::SharesModel::AddressColumn);
    return {};
}

bool TestDesktopReclaim::all(const std::function<bool(const tunnel::ShareHealth&)>& test) const {
    for (int i = 0; i < m_lab.size(); ++i)
        if (!row(i) || !test(row(i)->health))
            return false;
    return true;
}

QString TestDesktopReclaim::trayText() const {
    QStringList texts;
    for (const QAction* a : m_app->tray().menu()->actions())
        texts << a->text();
    return texts.join(QLatin1Char('\n'));
}

QString TestDesktopReclaim::why() const {
    QStringList lines;
    for (int i = 0; i < m_lab.size(); ++i)
        lines << (row(i) ? row(i)->name + QStringLiteral(": ") + tunnel::shareStateName(row(i)->health.state) +
                               QLatin1Char(' ') + addressCell(i) + QStringLiteral(" \"") + row(i)->health.lastError +
                               QLatin1Char('"')
                         : QStringLiteral("no row"));
    return lines.join(QLatin1Char('\n')) + QStringLiteral("\nrelay log (tail):\n") + m_relay.log().right(2000);
}

void TestDesktopReclaim::aFrozenSessionsSharesComeBackOnStandIns() {
    QSignalSpy notes(&m_app->tray(), &ui::TrayIcon::notificationRaised);
    m_frozen = ProcessTree::descendants(m_relay.pid());
    QVERIFY(!m_frozen.isEmpty());
    for (qint64 pid : std::as_const(m_frozen))
        ::kill(static_cast<pid_t>(pid), SIGSTOP);
    QTRY_VERIFY2_WITH_TIMEOUT(
        all([](const tunnel::ShareHealth& h) { return h.state == tunnel::ShareState::Up && h.reclaimingPort != 0; }),
        qPrintable(why()), kBackTimeoutMs);
    for (int i = 0; i < m_lab.size(); ++i) {
        const tunnel::ShareHealth& h = row(i)->health;
        QCOMPARE(h.reclaimingPort, m_ports.at(i));
        QVERIFY(h.publicPort != m_ports.at(i));
        m_standIns << h.publicPort;
        const QString live = QStringLiteral("127.0.0.1:%1 live").arg(h.publicPort);
        const QString held = QStringLiteral("127.0.0.1:%1 reclaiming").arg(m_ports.at(i));
        // The views follow the shares once per turn of the event loop (coalesced), so a moment after them.
        QTRY_VERIFY2_WITH_TIMEOUT(addressCell(i).contains(live) && addressCell(i).contains(held),
                                  qPrintable(addressCell(i)), 5000);
        QTRY_VERIFY2_WITH_TIMEOUT(trayText().contains(held), qPrintable(trayText()), 5000);
        QVERIFY2(
            addressIndex(i).data(Qt::ToolTipRole).toString().contains(QStringLiteral("still held by an earlier relay")),
            qPrintable(why()));
    }
    const share::ShareSheet sheet(QStringLiteral("lab"), m_app->session()->rows());
    for (const share::ShareSheet::Entry& e : sheet.entries())
        QVERIFY2(e.address.contains(QStringLiteral("reclaiming")), qPrintable(e.address));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(notes.cbegin(), notes.cend(),
                    [](const QList<QVariant>& n) { return n.at(0).toString().contains(QStringLiteral("meanwhile")); }),
        5000);
    const QString problem = m_lab.roundTrip(
        {Endpoint{QHostAddress::LocalHost, m_standIns.at(0)}, Endpoint{QHostAddress::LocalHost, m_standIns.at(1)}}, 4);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_app->window().raise();
    QTest::qWait(300); // painted
    screenshot(QStringLiteral("reclaiming.png"));
}

void TestDesktopReclaim::theHandedOutAddressesComeBackAndTheStandInsStay() {
    QSignalSpy notes(&m_app->tray(), &ui::TrayIcon::notificationRaised);
    for (qint64 pid : std::as_const(m_frozen)) // it finds our side gone and ends, letting the ports go
        ::kill(static_cast<pid_t>(pid), SIGCONT);
    m_frozen.clear();
    QTRY_VERIFY2_WITH_TIMEOUT(all([](const tunnel::ShareHealth& h) { return h.alsoPort != 0; }), qPrintable(why()),
                              kBackTimeoutMs);
    for (int i = 0; i < m_lab.size(); ++i) {
        QCOMPARE(row(i)->health.publicPort, m_ports.at(i));
        QCOMPARE(row(i)->health.alsoPort, m_standIns.at(i));
        QTRY_COMPARE_WITH_TIMEOUT(
            addressCell(i), QStringLiteral("127.0.0.1:%1 · also 127.0.0.1:%2").arg(m_ports.at(i)).arg(m_standIns.at(i)),
            5000); // the views a moment after the shares
    }
    // One notification per share, or one for both when they came back in the same update: every share is named.
    const auto toldBack = [&](const QString& share) {
        return std::any_of(notes.cbegin(), notes.cend(), [&](const QList<QVariant>& n) {
            const QString title = n.at(0).toString();
            const bool back = title.contains(QStringLiteral("works again")) ||
                              title.contains(QStringLiteral("back at the addresses students have"));
            return back && (title.contains(share) || n.at(1).toString().contains(share));
        });
    };
    const QStringList names = m_lab.shareNames();
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(names.cbegin(), names.cend(), toldBack), 5000);
    for (const QList<quint16>& ports : {m_ports, m_standIns}) {
        const QString problem = m_lab.roundTrip(
            {Endpoint{QHostAddress::LocalHost, ports.at(0)}, Endpoint{QHostAddress::LocalHost, ports.at(1)}}, 4);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

QTEST_MAIN(TestDesktopReclaim)
#include "tst_desktopreclaim.moc"
