// SPDX-License-Identifier: GPL-3.0-or-later
// Students' addresses never change by surprise: the desktop app (the DesktopController `labshare FILE`
// builds) sharing a lab of echo nodes through the LAN relay on loopback. Whatever would stop shares or
// move addresses asks first and does nothing when cancelled; a port unticked and ticked again gets its
// address back; a half-edited file, a renamed node or a lab that fails to open leaves the shares up.
#include "DesktopController.h"
#include "EchoLab.h"
#include "MainWindow.h"
#include "ProgramSetup.h"
#include "common/LogBuffer.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QString kFirstRelay = QStringLiteral("lan://127.0.0.1");
const QString kSecondRelay = QStringLiteral("lan://127.0.0.2");
const QString kPlainLan = QStringLiteral("lan://");

bool accepts(const QString& host, quint16 port) {
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(host), port);
    return probe.waitForConnected(1000);
}

bool rewrite(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

} // namespace

class TestDesktopDecisions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void untickingOffersUndoAndTheSameAddressComesBack();
    void switchingRelayAsksAndCancelMovesNothing();
    void aPublicAddressIsUsedOnlyOnceConfirmed();
    void aHalfEditedFileKeepsTheLabAndItsShares();
    void aRenamedNodeKeepsItsShareRunning();
    void aReloadThatMovesANodeAsksFirst();
    void aLabOnThisComputerIsPublishedOnlyWhenAgreed();
    void openingAnotherLabAsksAndABrokenOneReplacesNothing();
    void stopAllAsksFirst();
    void closingThePresentationNeverEndsLabShare();
    void aRelayThisMachineCannotUseFallsBackToTheLan();
    void cleanupTestCase();

private:
    QString share() const { return m_lab.shareNames().constFirst(); }
    const share::ShareRow* row() const { return m_app->session()->row(share()); }
    bool isUp() const { return row() && row()->health.state == tunnel::ShareState::Up; }
    quint16 port() const { return row() ? row()->health.publicPort : 0; }
    void tick(bool on);
    // The question on screen now (waits for it), and its answer.
    QMessageBox* question();
    void answer(bool accept);
    QString banner() const;

    EchoLab m_lab{2, 121};
    QTemporaryDir m_other;
    QByteArray m_topology; // the lab file as written, to restore
    std::unique_ptr<app::DesktopController> m_app;
};

void TestDesktopDecisions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    app::applyApplicationIdentity();
    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    QFile file(m_lab.topologyFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_topology = file.readAll();
    share::LabSettings(m_lab.topologyFile()).setRelayUrl(kFirstRelay);
    m_lab.allowItsTargets();
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().show();
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && m_app->topologyModel().rowCount() == 2, 10000);
}

void TestDesktopDecisions::init() {
    // Each case starts sharing the first node's port.
    if (!m_app->session()->isTicked(share()))
        tick(true);
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 10000);
}

void TestDesktopDecisions::tick(bool on) {
    const QModelIndex box = m_app->topologyModel().portIndex(share());
    QVERIFY(box.isValid());
    QVERIFY(m_app->topologyModel().setData(box, on ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole));
}

QMessageBox* TestDesktopDecisions::question() {
    QMessageBox* box = nullptr;
    const auto find = [&] {
        box = m_app->window().findChild<QMessageBox*>(QStringLiteral("questionMessageBox"));
        return box && box->isVisible();
    };
    if (!QTest::qWaitFor(find, 5000))
        return nullptr;
    return box;
}

void TestDesktopDecisions::answer(bool accept) {
    QPointer<QMessageBox> box = question();
    QVERIFY2(box, "no question was asked");
    auto* button =
        box->findChild<QPushButton*>(accept ? QStringLiteral("acceptPushButton") : QStringLiteral("rejectPushButton"));
    QVERIFY(button);
    button->click();
    QTRY_VERIFY(!box || !box->isVisible());
}

QString TestDesktopDecisions::banner() const {
    const auto* label = m_app->window().findChild<QLabel*>(QStringLiteral("bannerLabel"));
    return label && label->isVisible() ? label->text() : QString();
}

void TestDesktopDecisions::untickingOffersUndoAndTheSameAddressComesBack() {
    const quint16 before = port();
    tick(false);
    QTRY_VERIFY(!accepts(QStringLiteral("127.0.0.1"), before));
    auto* undo = m_app->window().findChild<QPushButton*>(QStringLiteral("bannerPushButton"));
    QVERIFY(undo && undo->isVisible());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    QVERIFY2(banner().contains(QString::number(before)), qPrintable(banner()));

    tick(true); // ticked again by hand: the relay is asked for the port it had
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 10000);
    QCOMPARE(port(), before);
    tick(false);
    undo->click(); // and through the undo
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 10000);
    QCOMPARE(port(), before);
}

void TestDesktopDecisions::switchingRelayAsksAndCancelMovesNothing() {
    const quint16 before = port();
    Q_EMIT m_app->window().relaySelected(kSecondRelay);
    QMessageBox* box = question();
    QVERIFY2(box, "switching relay did not ask");
    QVERIFY2(box->text().contains(QStringLiteral("1 student address")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(QStringLiteral("127.0.0.1:%1").arg(before)),
             qPrintable(box->informativeText()));
    answer(false);
    QCOMPARE(m_app->relays().relayUrl(), kFirstRelay);
    auto* combo = m_app->window().findChild<QComboBox*>(QStringLiteral("relayComboBox"));
    QCOMPARE(combo->currentData().toString(), kFirstRelay); // the selector went back
    QVERIFY(isUp());
    QCOMPARE(port(), before);
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));

    Q_EMIT m_app->window().relaySelected(kSecondRelay);
    answer(true);
    QTRY_VERIFY_WITH_TIMEOUT(isUp() && row()->health.publicHost == QStringLiteral("127.0.0.2"), 10000);
    QTRY_VERIFY(!accepts(QStringLiteral("127.0.0.1"), before));
    Q_EMIT m_app->window().relaySelected(kFirstRelay);
    answer(true);
    QTRY_VERIFY_WITH_TIMEOUT(isUp() && row()->health.publicHost == QStringLiteral("127.0.0.1"), 10000);
    QCOMPARE(port(), before); // back on the first relay: the address handed out works again
}

void TestDesktopDecisions::aPublicAddressIsUsedOnlyOnceConfirmed() {
    // With a private address, plain lan:// takes it and asks nothing.
    m_app->relays().setMachineAddresses([] {
        return QList<QHostAddress>{QHostAddress("127.0.0.1"), QHostAddress("198.51.100.7"), QHostAddress("10.1.2.3")};
    });
    Q_EMIT m_app->window().relaySelected(kPlainLan);
    answer(true);
    QTRY_COMPARE(m_app->relays().relayUrl(), kPlainLan);
    QVERIFY2(!banner().contains(QStringLiteral("Listen on")), qPrintable(banner()));

    // A machine whose only address is public: lan:// stays on loopback, and the window offers the public one.
    m_app->relays().setMachineAddresses([] {
        return QList<QHostAddress>{QHostAddress("127.0.0.1"), QHostAddress("fe80::1%eth0"),
                                   QHostAddress("198.51.100.7")};
    });
    Q_EMIT m_app->window().relaySelected(kFirstRelay);
    answer(true);
    QTRY_COMPARE(m_app->relays().relayUrl(), kFirstRelay);
    Q_EMIT m_app->window().relaySelected(kPlainLan);
    answer(true);
    QTRY_COMPARE(m_app->relays().relayUrl(), kPlainLan);
    QTRY_VERIFY2(banner().contains(QStringLiteral("no private network address")), qPrintable(banner()));
    QVERIFY2(banner().contains(QStringLiteral("198.51.100.7")), qPrintable(banner()));
    auto* listen = m_app->window().findChild<QPushButton*>(QStringLiteral("bannerPushButton"));
    QVERIFY(listen && listen->isVisible());
    QCOMPARE(listen->text(), QStringLiteral("Listen on 198.51.100.7"));
    QCOMPARE(m_app->relays().relayUrl(), kPlainLan); // nothing public until the user says so
    listen->click();
    answer(true); // the students' addresses move: asked like any relay switch
    QTRY_COMPARE(m_app->relays().relayUrl(), QStringLiteral("lan://198.51.100.7"));

    m_app->relays().setMachineAddresses([] { return QNetworkInterface::allAddresses(); });
    Q_EMIT m_app->window().relaySelected(kFirstRelay);
    answer(true);
    QTRY_VERIFY_WITH_TIMEOUT(isUp() && row()->health.publicHost == QStringLiteral("127.0.0.1"), 10000);
}

void TestDesktopDecisions::aHalfEditedFileKeepsTheLabAndItsShares() {
    const quint16 before = port();
    QVERIFY(rewrite(m_lab.topologyFile(), "name: lab\ntopology:\n  nodes: [unclosed\n"));
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains(QStringLiteral("last good version")), 10000);
    QVERIFY(m_app->session()->isTicked(share()));
    QCOMPARE(m_app->topologyModel().rowCount(), 2);
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));

    // A hostile save (defaults nested 100,000 deep crashed the expansion) is one more broken file.
    QByteArray deep = m_topology + "x: ";
    for (int i = 0; i < 100000; ++i)
        deep += "${X:-";
    QVERIFY(rewrite(m_lab.topologyFile(), deep + QByteArray(100000, '}') + '\n'));
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains(QStringLiteral("nested more than 32 deep")), 10000);
    QVERIFY(banner().contains(QStringLiteral("last good version")));
    QVERIFY(m_app->session()->isTicked(share()));
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));

    QVERIFY(rewrite(m_lab.topologyFile(), m_topology));
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains(QStringLiteral("Reloaded")), 10000);
}

void TestDesktopDecisions::aRenamedNodeKeepsItsShareRunning() {
    const quint16 before = port();
    QByteArray renamed = m_topology;
    renamed.replace("    n1:\n", "    n1-renamed:\n");
    QVERIFY(renamed != m_topology);
    QVERIFY(rewrite(m_lab.topologyFile(), renamed));
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains(QStringLiteral("keep running")), 10000);
    QCOMPARE(m_app->session()->orphans(), QStringList{share()});
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));
    QVERIFY(rewrite(m_lab.topologyFile(), m_topology));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session()->orphans().isEmpty(), 10000);
    QCOMPARE(port(), before);
}

// A changed lab must not quietly point the address students have at another machine.
void TestDesktopDecisions::aReloadThatMovesANodeAsksFirst() {
    const quint16 before = port();
    QFile dataFile(m_lab.topologyDataFile());
    QVERIFY(dataFile.open(QIODevice::ReadOnly));
    const QByteArray data = dataFile.readAll();
    QByteArray moved = data;
    moved.replace("127.0.0.121", "127.0.0.122");
    QVERIFY(moved != data);
    QVERIFY(rewrite(m_lab.topologyDataFile(), moved));
    QVERIFY(rewrite(m_lab.topologyFile(), m_topology + "# redeployed\n")); // the watched file changes too

    QMessageBox* box = question();
    QVERIFY2(box, "the reload moved n1 without a question");
    QVERIFY2(box->informativeText().contains(QStringLiteral("127.0.0.121 → 127.0.0.122")),
             qPrintable(box->informativeText()));
    answer(false); // keep the old address
    QCOMPARE(row()->target, QStringLiteral("127.0.0.121"));
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));

    QVERIFY(rewrite(m_lab.topologyFile(), m_topology + "# redeployed again\n"));
    answer(true);     // reach the new address…
    box = question(); // …which is this computer's too, and was never agreed to
    QVERIFY2(box && box->text().contains(QStringLiteral("this computer itself")), "no question about 127.0.0.122");
    QVERIFY(box->informativeText().contains(QStringLiteral("n1 → 127.0.0.122 (loopback")));
    answer(true);
    QTRY_COMPARE_WITH_TIMEOUT(row()->target, QStringLiteral("127.0.0.122"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(port(), before, 10000); // the same address for students (nothing answers there)

    QVERIFY(rewrite(m_lab.topologyDataFile(), data));
    QVERIFY(rewrite(m_lab.topologyFile(), m_topology));
    answer(true); // back to 127.0.0.121, agreed to already: no second question
    QTRY_COMPARE_WITH_TIMEOUT(row()->target, QStringLiteral("127.0.0.121"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 10000);
    QCOMPARE(port(), before);
}

// A downloaded lab whose node is this computer: nothing is published before the user agrees.
void TestDesktopDecisions::aLabOnThisComputerIsPublishedOnlyWhenAgreed() {
    const QString local = m_other.filePath(QStringLiteral("local.clab.yml"));
    const quint16 nodePort = m_lab.node(0).port();
    QVERIFY(rewrite(local, QStringLiteral("name: local\ntopology:\n  nodes:\n    h1: {kind: linux, mgmt-ipv4: "
                                          "127.0.0.121, labels: {labshare.publish: tcp/%1}}\n")
                               .arg(nodePort)
                               .toUtf8()));
    share::LabSettings(local).setRelayUrl(kFirstRelay);
    m_app->open(local);
    answer(true); // stop the lab's share and open
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->topology().name, QStringLiteral("local"), 10000);
    const QString name = QStringLiteral("clab-h1-tcp-%1").arg(nodePort);
    const auto tickLocal = [&] {
        QVERIFY(
            m_app->topologyModel().setData(m_app->topologyModel().portIndex(name), Qt::Checked, Qt::CheckStateRole));
    };
    tickLocal();
    QMessageBox* box = question();
    QVERIFY2(box, "published a port of this computer without asking");
    QVERIFY(box->text().contains(QStringLiteral("local.clab.yml")));
    QVERIFY2(box->informativeText().contains(QStringLiteral("h1 → 127.0.0.121 (loopback")),
             qPrintable(box->informativeText()));
    answer(false);
    QVERIFY(!m_app->session()->isTicked(name));
    QCOMPARE(m_app->topologyModel().data(m_app->topologyModel().portIndex(name), Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));

    tickLocal();
    answer(true);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_app->session()->row(name) && m_app->session()->row(name)->health.state == tunnel::ShareState::Up, 10000);
    QCOMPARE(share::LabSettings(local).allowedLocalTargets().size(), 1); // asked once per lab

    m_app->open(m_lab.topologyFile());
    answer(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->topology().name, QStringLiteral("lab"), 10000);
}

void TestDesktopDecisions::openingAnotherLabAsksAndABrokenOneReplacesNothing() {
    const quint16 before = port();
    const QString broken = m_other.filePath(QStringLiteral("broken.clab.yml"));
    QVERIFY(rewrite(broken, "name: [unclosed\n"));
    m_app->open(broken);
    answer(true); // "Stop them and open"…
    QTRY_VERIFY_WITH_TIMEOUT(banner().contains(QStringLiteral("Cannot open broken.clab.yml")), 10000);
    QVERIFY(m_app->session()->isTicked(share())); // …but the file does not load: nothing stops
    QVERIFY(accepts(QStringLiteral("127.0.0.1"), before));

    const QString other = m_other.filePath(QStringLiteral("other.clab.yml"));
    QVERIFY(rewrite(other, "name: other\ntopology:\n  nodes: {r9: {kind: linux, mgmt-ipv4: 127.0.0.99}}\n"));
    m_app->open(other);
    answer(false);
    QTest::qWait(500); // nothing may load: there is no signal for "nothing happened"
    QCOMPARE(m_app->session()->topology().name, QStringLiteral("lab"));
    QVERIFY(isUp());

    m_app->open(other);
    answer(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->topology().name, QStringLiteral("other"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!accepts(QStringLiteral("127.0.0.1"), before), 10000);

    m_app->open(m_lab.topologyFile()); // nothing shared in "other": no question
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->topology().name, QStringLiteral("lab"), 10000);
}

void TestDesktopDecisions::stopAllAsksFirst() {
    Q_EMIT m_app->window().stopAllRequested();
    answer(false);
    QVERIFY(m_app->session()->isTicked(share()));
    Q_EMIT m_app->window().stopAllRequested();
    answer(true);
    QVERIFY(!m_app->session()->isTicked(share()));
}

void TestDesktopDecisions::closingThePresentationNeverEndsLabShare() {
    Q_EMIT m_app->window().presentationRequested();
    QTRY_VERIFY(m_app->presentation());
    // With the window in the tray, the presentation can be the last window: closing it must not quit.
    QVERIFY(!m_app->presentation()->testAttribute(Qt::WA_QuitOnClose));
    m_app->presentation()->close();
}

void TestDesktopDecisions::aRelayThisMachineCannotUseFallsBackToTheLan() {
    // The lab was last shared at home, on an address this machine does not have here.
    const QString other = m_other.filePath(QStringLiteral("home.clab.yml"));
    QVERIFY(rewrite(other, "name: home\ntopology:\n  nodes: {r9: {kind: linux, mgmt-ipv4: 127.0.0.99}}\n"));
    share::LabSettings(other).setRelayUrl(QStringLiteral("lan://192.0.2.77"));
    if (m_app->session()->isTicked(share())) {
        m_app->open(other);
        answer(true);
    } else {
        m_app->open(other);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->topology().name, QStringLiteral("home"), 10000);
    QCOMPARE(m_app->relays().relayUrl(), QStringLiteral("lan://"));
    QVERIFY(m_app->relays().engine());
    QVERIFY2(banner().contains(QStringLiteral("192.0.2.77")), qPrintable(banner()));
    QCOMPARE(share::LabSettings(other).relayUrl(), QStringLiteral("lan://192.0.2.77")); // not forgotten
}

void TestDesktopDecisions::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopDecisions)
#include "tst_desktopdecisions.moc"
