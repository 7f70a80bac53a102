// SPDX-License-Identifier: GPL-3.0-or-later
// A share for named people from the window, end to end: the desktop app (the DesktopController
// `labshare FILE` builds) opens a lab whose entry lists alice@example.org, the instructor ticks it,
// LabShare's gate gets ready by itself (the gate key in the real keychain, the OpenID provider fixture
// as the instructor's identity provider), and the window's Copy button hands out the command. The
// real `labshare connect` run from that command lets alice in after she approves on the provider's
// device page; carol, signed in but not listed, is refused; the shares table shows both. Without an
// identity provider the window asks before publishing open, and says why.
#include "BrowserUser.h"
#include "DesktopController.h"
#include "EchoNode.h"
#include "FreePort.h"
#include "KeychainAnswers.h"
#include "LabDir.h"
#include "LabshareCli.h"
#include "MainWindow.h"
#include "OidcProvider.h"
#include "ProgramSetup.h"
#include "Wait.h"
#include "auth/AuthConfig.h"
#include "common/LogBuffer.h"
#include "models/SharesModel.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"
#include "widgets/SharesView.h"

#include <QApplication>
#include <QClipboard>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace labshare;
using namespace labshare::testsupport;

class TestDesktopGatedShare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        app::applyApplicationIdentity();
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
        auth::AuthConfig provider;
        provider.issuer = m_provider.issuer();
        provider.clientId = m_provider.clientId();
        QSettings settings;
        provider.save(settings); // as the Identity provider window saves it
        QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.1"))), qPrintable(m_node.errorString()));
        m_share = LabDir::shareName("n1", "tcp", m_node.port());
        QVERIFY2(m_lab.write({{"n1", "127.0.0.1", QString("tcp/%1/alice@example.org").arg(m_node.port())}}),
                 qPrintable(m_lab.errorString()));
        share::LabSettings(m_lab.topologyFile()).setRelayUrl(QStringLiteral("lan://127.0.0.1"));
        m_lab.allowItsTargets();
        m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
        m_app->window().show();
        m_app->open(m_lab.topologyFile());
        QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && m_app->topologyModel().rowCount() == 1, 10000);
    }

    void tickingPublishesItGated() {
        const QModelIndex box = m_app->topologyModel().portIndex(m_share);
        QVERIFY(box.isValid());
        QVERIFY(m_app->topologyModel().setData(box, Qt::Checked, Qt::CheckStateRole));
        QTRY_VERIFY_WITH_TIMEOUT(row() && row()->health.state == tunnel::ShareState::Up, 20000);
        QVERIFY2(row()->isGated(), "published open although the gate was there");
        QVERIFY(row()->gateFingerprint.startsWith("SHA256:"));
        m_fingerprint = row()->gateFingerprint;
        QCOMPARE(cell(ui::SharesModel::WhoColumn), QString("only alice@example.org (signed in)"));
        const QModelIndex who = m_app->sharesModel().index(0, ui::SharesModel::WhoColumn);
        QVERIFY(!who.data(Qt::DecorationRole).value<QIcon>().isNull()); // the lock
        const QModelIndex inTree = m_app->topologyModel().portIndex(m_share, ui::TopologyModel::WhoColumn);
        QCOMPARE(inTree.data().toString(), QString("only alice@example.org (signed in)"));
        QVERIFY(!inTree.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!m_app->window().findChild<QMessageBox*>()); // nothing asked: it is not open to anyone
    }

    void theCopyButtonHandsOutTheConnectCommand() {
        auto* copy = m_app->window().sharesView()->findChild<QToolButton*>(QStringLiteral("copyToolButton"));
        QVERIFY(copy);
        copy->click();
        m_copied = QApplication::clipboard()->text();
        const QRegularExpression form(
            QString("^labshare connect 127\\.0\\.0\\.1:%1 --fingerprint %2 --listen 127\\.0\\.0\\.1:%3$")
                .arg(row()->health.publicPort)
                .arg(QRegularExpression::escape(row()->gateFingerprint))
                .arg(m_node.port()));
        QVERIFY2(form.match(m_copied).hasMatch(), qPrintable(m_copied));
    }

    void theListedStudentGetsIn() {
        // The copied command as the student runs it; only its local port moves, since on this one machine
        // the node itself holds the port it names.
        const quint16 local = freeTcpPort();
        LabshareCli alice(m_student.path(), studentArguments(QString("127.0.0.1:%1").arg(local)));
        QVERIFY2(alice.waitForError("carrying every connection"), qPrintable(alice.describe()));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, local);
        QVERIFY(client.waitForConnected(5000));
        client.write("hello from alice\n");
        QVERIFY2(alice.waitForError("or open (\\S+)\\)"), qPrintable(alice.describe()));
        QCOMPARE(m_node.bytesEchoed(), 0); // held at the gate
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(QUrl(alice.captureError("or open (\\S+)\\)")), "alice", "alice-pass"),
                 qPrintable(browser.error()));
        QByteArray echoed;
        QVERIFY(waitUntil(
            [&] {
                echoed += client.readAll();
                return echoed.contains("hello from alice\n");
            },
            15000));
        QTRY_COMPARE_WITH_TIMEOUT(cell(ui::SharesModel::PeopleColumn), QString("alice@example.org connected"), 5000);
        client.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(cell(ui::SharesModel::PeopleColumn), QString("—"), 5000);
    }

    // The instructor signs alice out: her ticket no longer opens the share, she signs in again.
    void signingSomeoneOutMakesThemSignInAgain() {
        Q_EMIT m_app->window().sharesView()->signOutRequested("alice@example.org");
        LabshareCli alice(m_student.path(), studentArguments({}));
        QVERIFY2(alice.waitForError("or open (\\S+)\\)"), qPrintable(alice.describe()));
        QVERIFY2(alice.errors().contains("sign in"), qPrintable(alice.errors()));
    }

    void someoneNotListedIsRefused() {
        QVERIFY(removeFromKeychain("gate-ticket " + row()->gateFingerprint)); // alice's, on this shared keychain
        QTemporaryDir carolsHome;
        LabshareCli carol(carolsHome.path(), studentArguments({}));
        QVERIFY2(carol.waitForError("or open (\\S+)\\)"), qPrintable(carol.describe()));
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(QUrl(carol.captureError("or open (\\S+)\\)")), "carol", "carol-pass"),
                 qPrintable(browser.error()));
        QCOMPARE(carol.finish(15000), 1);
        QVERIFY2(carol.errors().contains(QString("carol@example.test is not on the list for %1").arg(m_share)),
                 qPrintable(carol.errors()));
        QCOMPARE(m_node.bytesEchoed(), qint64(sizeof("hello from alice\n") - 1));
        QTRY_COMPARE_WITH_TIMEOUT(cell(ui::SharesModel::PeopleColumn), QString("carol@example.test refused"), 5000);
        m_app->window().grab().save(QDir::temp().filePath("labshare-gated-window.png"));
    }

    // Without an identity provider there is no gate: ticking asks before publishing open, and says why.
    void withoutAProviderTheWindowAsksAndSaysWhy() {
        m_app->lab().askToStop({m_share});
        QMessageBox* stop = question();
        QVERIFY(stop);
        stop->findChild<QPushButton*>(QStringLiteral("acceptPushButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!row(), 5000);
        m_app->authSession().setConfig(auth::AuthConfig{});
        Q_EMIT m_app->account().identityProviderChanged();
        QVERIFY(
            m_app->topologyModel().setData(m_app->topologyModel().portIndex(m_share), Qt::Checked, Qt::CheckStateRole));
        QMessageBox* ask = question();
        QVERIFY2(ask, "nothing was asked");
        QVERIFY2(ask->informativeText().contains("no identity provider is set") ||
                     ask->text().contains("no identity provider is set"),
                 qPrintable(ask->text() + '\n' + ask->informativeText()));
        ask->findChild<QPushButton*>(QStringLiteral("rejectPushButton"))->click(); // no: it stays unpublished
        QTest::qWait(200);
        QVERIFY(!row());
    }

    void cleanupTestCase() {
        if (!m_fingerprint.isEmpty())
            QVERIFY(removeFromKeychain("gate-ticket " + m_fingerprint));
        m_app.reset();
    }

private:
    QMessageBox* question() {
        QMessageBox* box = nullptr;
        const auto find = [&] {
            box = m_app->window().findChild<QMessageBox*>(QStringLiteral("questionMessageBox"));
            return box && box->isVisible();
        };
        return QTest::qWaitFor(find, 5000) ? box : nullptr;
    }
    const share::ShareRow* row() const { return m_app->session()->row(m_share); }
    QString cell(int column) const {
        const ui::SharesModel& model = m_app->sharesModel();
        return model.index(model.rowFor(m_share), column).data().toString();
    }
    // The copied command's arguments, `labshare` itself left out; --listen given `listen`, or dropped
    // when empty (the stream on stdin and stdout, as ssh's ProxyCommand uses it).
    QStringList studentArguments(const QString& listen) const {
        QStringList args = m_copied.split(' ');
        args.removeFirst();
        const qsizetype at = args.indexOf("--listen");
        if (listen.isEmpty())
            args.remove(at, 2);
        else
            args[at + 1] = listen;
        return args;
    }

    OidcProvider m_provider;
    EchoNode m_node;
    LabDir m_lab;
    QTemporaryDir m_student;
    QString m_share;
    QString m_copied;
    QString m_fingerprint;
    std::unique_ptr<app::DesktopController> m_app;
};

QTEST_MAIN(TestDesktopGatedShare)
#include "tst_desktopgatedshare.moc"
