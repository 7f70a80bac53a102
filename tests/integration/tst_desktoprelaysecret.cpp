// SPDX-License-Identifier: GPL-3.0-or-later
// A relay that wants a password, and a key with a passphrase, in the real window: a real sshd relay
// (keys, and passwords checked through PAM by this test's own service), the real keychain. The window
// asks without blocking, asks again when the answer was wrong, remembers only when told to, and a
// remembered answer is used without asking. The relay editor's "Test connection" asks the same way, over the editor.
// Runs as root: sshd checks passwords through a per-run service in /etc/pam.d, removed at the end.
#include "DesktopController.h"
#include "EchoLab.h"
#include "KeychainAnswers.h"
#include "MainWindow.h"
#include "PasswordPam.h"
#include "ProgramSetup.h"
#include "SshRelay.h"
#include "Tools.h"
#include "common/LogBuffer.h"
#include "models/TopologyModel.h"
#include "share/LabSettings.h"
#include "widgets/RelayProfileDialog.h"
#include "widgets/RelaySecretDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QByteArray kPassphrase = "correct horse battery";
const QByteArray kPassword = "relay pass 7f3a";

} // namespace

class TestDesktopRelaySecret : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aKeyPassphraseIsAskedAgainUntilItOpensTheKey();
    void aRememberedPassphraseIsUsedWithoutAsking();
    void aPasswordRelayAsksAndRemembersNothingUnlessTold();
    void testConnectionInTheRelayEditorAsksToo();
    void cleanupTestCase();

private:
    QString share() const { return m_lab.shareNames().constFirst(); }
    bool isUp() const {
        const share::ShareRow* row = m_app->session()->row(share());
        return row && row->health.state == tunnel::ShareState::Up;
    }
    void tick(bool on) {
        QVERIFY(m_app->topologyModel().setData(m_app->topologyModel().portIndex(share()),
                                               on ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole));
    }
    // Publishes through `url` from now on. Unticked meanwhile, so that the old relay session lets the
    // port go before the new one asks for it.
    void switchTo(const QString& url);
    // The prompt on screen now (waits for it).
    ui::RelaySecretDialog* prompt();
    void answer(const QByteArray& secret, bool remember);
    void answerAWrongPassword(); // and sees it asked for again, told the relay refused it

    QTemporaryDir m_dir;
    PasswordPam m_pam{kPassword, QStringLiteral("labshare-test-password")};
    SshRelay m_relay;
    EchoLab m_lab{1, 141};
    QString m_lockedKey;
    QString m_keyRelay;
    QString m_passwordRelay;
    std::unique_ptr<app::DesktopController> m_app;
};

void TestDesktopRelaySecret::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QString error;
    const QString keygen = findTool(QStringLiteral("ssh-keygen"), QStringLiteral("openssh-client"), &error);
    QVERIFY2(!keygen.isEmpty(), qPrintable(error));

    // A key protected by a passphrase, authorized at the relay beside its usual client key.
    m_lockedKey = m_dir.filePath(QStringLiteral("locked_ed25519"));
    QByteArray output;
    QVERIFY2(runTool(keygen,
                     {"-q", "-t", "ed25519", "-N", QString::fromLatin1(kPassphrase), "-C", "locked", "-f", m_lockedKey},
                     &output) == 0,
             output.constData());

    // Passwords are checked by PAM: this run's service admits kPassword only.
    const QString pam = m_pam.install(m_relay);
    QVERIFY2(pam.isEmpty(), qPrintable(pam));
    m_relay.setExtraConfig(QStringLiteral("Match User %1\n    PasswordAuthentication yes\n"
                                          "    KbdInteractiveAuthentication yes\n")
                               .arg(m_relay.user()));
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    QFile authorized(QDir(m_relay.directory()).filePath(QStringLiteral("authorized_keys")));
    QFile lockedPublic(m_lockedKey + QStringLiteral(".pub"));
    QVERIFY(authorized.open(QIODevice::Append) && lockedPublic.open(QIODevice::ReadOnly));
    authorized.write(lockedPublic.readAll());
    authorized.close();

    RelayUrlOptions options;
    options.knownHostsFile = m_relay.knownHostsFile();
    options.identityFile = m_lockedKey;
    m_keyRelay = m_relay.relayUrl(options) + QStringLiteral("&auth=key");
    options.identityFile.clear();
    m_passwordRelay = m_relay.relayUrl(options) + QStringLiteral("&auth=password");

    QVERIFY2(m_lab.start(), qPrintable(m_lab.errorString()));
    app::applyApplicationIdentity();
    QVERIFY(removeFromKeychain(QStringLiteral("key-passphrase %1").arg(m_lockedKey))); // from an earlier run
    share::LabSettings(m_lab.topologyFile()).setRelayUrl(m_keyRelay);
    m_lab.allowItsTargets();
    m_app = std::make_unique<app::DesktopController>(LogBuffer::install());
    m_app->window().show();
    m_app->open(m_lab.topologyFile());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session() && m_app->topologyModel().rowCount() == 1, 10000);
}

ui::RelaySecretDialog* TestDesktopRelaySecret::prompt() {
    ui::RelaySecretDialog* dialog = nullptr;
    const auto find = [&] {
        dialog = m_app->window().findChild<ui::RelaySecretDialog*>(QStringLiteral("relaySecretDialog"));
        return dialog && dialog->isVisible();
    };
    return QTest::qWaitFor(find, 15000) ? dialog : nullptr;
}

void TestDesktopRelaySecret::switchTo(const QString& url) {
    tick(false);
    QTRY_VERIFY_WITH_TIMEOUT(!isUp(), 10000);
    QVERIFY(m_app->relays().use(url));
    tick(true);
}

void TestDesktopRelaySecret::answer(const QByteArray& secret, bool remember) {
    QPointer<ui::RelaySecretDialog> dialog = prompt();
    QVERIFY2(dialog, "the window did not ask");
    auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("relaySecretLineEdit"));
    QVERIFY(edit);
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(edit, QString::fromLatin1(secret));
    auto* box = dialog->findChild<QCheckBox*>(QStringLiteral("relaySecretRememberCheckBox"));
    QVERIFY(box);
    QVERIFY(!box->isChecked()); // off unless the user ticks it
    box->setChecked(remember);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!dialog);
}

void TestDesktopRelaySecret::answerAWrongPassword() {
    answer("wrong password", false);
    const ui::RelaySecretDialog* again = prompt();
    QVERIFY2(again, "a refused password was not asked again");
    QVERIFY(again->findChild<QLabel*>(QStringLiteral("relaySecretLabel"))
                ->text()
                .contains(QStringLiteral("The relay refused that password")));
}

void TestDesktopRelaySecret::aKeyPassphraseIsAskedAgainUntilItOpensTheKey() {
    tick(true);
    ui::RelaySecretDialog* first = prompt();
    QVERIFY2(first, "no passphrase was asked for");
    const QString text = first->findChild<QLabel*>(QStringLiteral("relaySecretLabel"))->text();
    QVERIFY2(text.contains(m_lockedKey) && !text.contains(QStringLiteral("does not open")), qPrintable(text));
    QCOMPARE(first->windowModality(), Qt::WindowModal); // open(), never exec(): the app goes on meanwhile
    QVERIFY(!isUp());

    answer("not the passphrase", false);
    ui::RelaySecretDialog* again = prompt();
    QVERIFY2(again, "a wrong passphrase was not asked again");
    const QString refused = again->findChild<QLabel*>(QStringLiteral("relaySecretLabel"))->text();
    if (const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR"); !dir.isEmpty() && QDir().mkpath(dir))
        again->grab().save(QDir(dir).filePath(QStringLiteral("relay-passphrase-prompt.png")));
    QVERIFY2(refused.contains(QStringLiteral("That passphrase does not open the key")), qPrintable(refused));
    QVERIFY(!isUp());

    answer(kPassphrase, true);
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 15000);
    const secrets::SecretReply kept = readKeychain(QStringLiteral("key-passphrase %1").arg(m_lockedKey));
    QCOMPARE(kept.status, secrets::SecretStatus::Ok);
    QCOMPARE(kept.secret.exposed(), kPassphrase);
    QVERIFY2(m_relay.log().contains(QStringLiteral("Accepted publickey")), qPrintable(m_relay.log()));
}

void TestDesktopRelaySecret::aRememberedPassphraseIsUsedWithoutAsking() {
    // A new engine for the same relay (as after a restart): the keychain answers, nobody is asked.
    switchTo(m_keyRelay);
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 15000);
    QVERIFY(!m_app->window().findChild<ui::RelaySecretDialog*>(QStringLiteral("relaySecretDialog")));
}

void TestDesktopRelaySecret::aPasswordRelayAsksAndRemembersNothingUnlessTold() {
    const QString who = m_relay.user() + QStringLiteral("@127.0.0.1");
    QVERIFY(removeFromKeychain(QStringLiteral("relay-password %1").arg(who)));
    switchTo(m_passwordRelay);
    ui::RelaySecretDialog* first = prompt();
    QVERIFY2(first, "no password was asked for");
    const QString text = first->findChild<QLabel*>(QStringLiteral("relaySecretLabel"))->text();
    QVERIFY2(text.contains(who), qPrintable(text));

    answerAWrongPassword();

    answer(kPassword, false);
    QTRY_VERIFY_WITH_TIMEOUT(isUp(), 15000);
    QVERIFY2(m_relay.log().contains(QStringLiteral("Accepted keyboard-interactive/pam")) ||
                 m_relay.log().contains(QStringLiteral("Accepted password")),
             qPrintable(m_relay.log()));
    QCOMPARE(readKeychain(QStringLiteral("relay-password %1").arg(who)).status, secrets::SecretStatus::NotFound);
}

void TestDesktopRelaySecret::testConnectionInTheRelayEditorAsksToo() {
    const QString who = m_relay.user() + QStringLiteral("@127.0.0.1");
    QVERIFY(removeFromKeychain(QStringLiteral("relay-password %1").arg(who)));
    m_app->relays().edit(m_passwordRelay);
    QPointer<ui::RelayProfileDialog> editor;
    QTRY_VERIFY((editor = m_app->window().findChild<ui::RelayProfileDialog*>(QStringLiteral("relayProfileDialog"))) &&
                editor->isVisible());
    auto* result = editor->findChild<QLabel*>(QStringLiteral("testResultLabel"));
    QVERIFY(result);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("testConnectionPushButton")), Qt::LeftButton);

    ui::RelaySecretDialog* asked = prompt();
    QVERIFY2(asked, "Test connection did not ask for the password");
    QCOMPARE(asked->parentWidget(), editor.data()); // over the editor, which stays open
    answerAWrongPassword();
    QVERIFY2(result->text().startsWith(QStringLiteral("✗")), qPrintable(result->text()));

    answer(kPassword, false);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✓")), 15000);
    QVERIFY2(result->text().contains(QStringLiteral("logged in as %1").arg(m_relay.user())),
             qPrintable(result->text()));
    QCOMPARE(readKeychain(QStringLiteral("relay-password %1").arg(who)).status, secrets::SecretStatus::NotFound);
    editor->reject();
    QTRY_VERIFY(!editor);
}

void TestDesktopRelaySecret::cleanupTestCase() {
    m_app.reset();
}

QTEST_MAIN(TestDesktopRelaySecret)
#include "tst_desktoprelaysecret.moc"
