// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare login` and `labshare logout` as a user runs them: the real binary, the real OpenID
// provider on 127.0.0.1 and the real keychain (gnome-keyring, unlocked by tests/with-desktop.sh).
#include "BrowserUser.h"
#include "FilesContaining.h"
#include "KeychainAnswers.h"
#include "LabshareCli.h"
#include "OidcProvider.h"
#include "auth/AuthConfig.h"
#include "auth/RememberedSignIn.h"
#include "secrets/KeychainStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace labshare;
using namespace labshare::testsupport;

namespace {} // namespace

class TestCliLogin : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_home.isValid());
        QVERIFY2(m_provider.start({"--device-interval", "1"}), qPrintable(m_provider.error()));
        m_key = auth::AuthConfig{m_provider.issuer(), m_provider.clientId()}.secretKey();
    }

    void badInputExitsTwo() {
        LabshareCli none(m_home.path(), {"login"});
        QCOMPARE(none.finish(), 2);
        QVERIFY2(none.output().contains("no identity provider is set"), qPrintable(none.describe()));
        LabshareCli plain(m_home.path(), {"login", "--issuer", "http://id.example.org", "--client-id", "x"});
        QCOMPARE(plain.finish(), 2);
        QVERIFY2(plain.output().contains("must use https"), qPrintable(plain.describe()));
    }

    void deviceLoginIsRememberedUntilLogout() {
        LabshareCli login(m_home.path(),
                          {"login", "--issuer", m_provider.issuer().toString(), "--client-id", m_provider.clientId()});
        QVERIFY2(login.waitForOutput("or open (\\S+)"), qPrintable(login.describe()));
        const QString userCode = login.capture("enter the code\\s+(\\S+)");
        QVERIFY(!userCode.isEmpty());
        BrowserUser browser;
        QVERIFY2(browser.approveDevice(QUrl(login.capture("or open (\\S+)")), "alice", "alice-pass"),
                 qPrintable(browser.error()));
        QCOMPARE(login.finish(), 0);
        QVERIFY2(login.output().contains("Signed in as Alice Example <alice@example.org>"),
                 qPrintable(login.describe()));
        QVERIFY(login.output().contains("remembered in the keychain"));

        const secrets::SecretReply stored = readKeychain(m_key);
        QCOMPARE(stored.status, secrets::SecretStatus::Ok);
        m_tokens.append(auth::decodeRememberedSignIn(stored.secret.view()).refreshToken.exposed());

        // A later run finds it (and refreshes it) without asking; the issuer came from the settings.
        LabshareCli again(m_home.path(), {"login"});
        QCOMPARE(again.finish(), 0);
        QVERIFY2(again.output().contains("Already signed in as Alice Example <alice@example.org>"),
                 qPrintable(again.describe()));
        const QByteArray rotated = readRefreshToken(m_key);
        QVERIFY(!rotated.isEmpty());
        m_tokens.append(rotated);

        LabshareCli logout(m_home.path(), {"logout"});
        QCOMPARE(logout.finish(), 0);
        QVERIFY2(logout.output().contains("Signed out of"), qPrintable(logout.describe()));
        QCOMPARE(readKeychain(m_key).status, secrets::SecretStatus::NotFound);
        QVERIFY2(!m_provider.refresh(rotated).error.isEmpty(), "the revoked refresh token still works");

        LabshareCli twice(m_home.path(), {"logout"});
        QCOMPARE(twice.finish(), 0);
        QVERIFY(twice.output().contains("Not signed in"));
        m_outputs += login.output() + again.output() + logout.output();
    }

    void browserLoginPrintsTheLinkWhenNoBrowserOpens() {
        LabshareCli login(m_home.path(), {"login", "--browser", "--no-browser"});
        QVERIFY2(login.waitForOutput("sign in:\\s+(http\\S+)"), qPrintable(login.describe()));
        BrowserUser browser;
        QVERIFY2(browser.signInAt(QUrl(login.capture("sign in:\\s+(http\\S+)")), "bob", "bob-pass"),
                 qPrintable(browser.error()));
        QVERIFY(browser.lastPage().contains("You are signed in"));
        QCOMPARE(login.finish(), 0);
        QVERIFY2(login.output().contains("Signed in as Bob Other <bob@other.example>"), qPrintable(login.describe()));
        m_tokens.append(readRefreshToken(m_key));
        LabshareCli logout(m_home.path(), {"logout"});
        QCOMPARE(logout.finish(), 0);
        m_outputs += login.output() + logout.output();
    }

    // A provider whose device answer sends users to a plain-http page elsewhere: the sign-in is refused
    // with a message naming the field, and neither the page nor the code is printed.
    void refusesAPlainHttpVerificationPage() {
        OidcProvider misdirecting;
        QVERIFY2(misdirecting.start({"--verification-uri", "http://phish.example/device"}),
                 qPrintable(misdirecting.error()));
        QTemporaryDir home;
        QVERIFY(home.isValid());
        LabshareCli login(home.path(), {"login", "--issuer", misdirecting.issuer().toString(), "--client-id",
                                        misdirecting.clientId()});
        QCOMPARE(login.finish(), 1);
        QVERIFY2(login.output().contains("verification_uri that is not an https address"),
                 qPrintable(login.describe()));
        QVERIFY2(!login.output().contains("phish.example/device"), qPrintable(login.describe()));
        QVERIFY2(!login.output().contains("enter the code"), qPrintable(login.describe()));
    }

    void noTokenReachesTheOutputOrAFile() {
        QVERIFY(m_tokens.size() >= 3);
        for (const QByteArray& token : std::as_const(m_tokens)) {
            QVERIFY(!token.isEmpty());
            QVERIFY2(!m_outputs.contains(token), "a refresh token was printed");
        }
        const QStringList files = filesContaining(m_home.path(), m_tokens);
        QVERIFY2(files.isEmpty(), qPrintable(files.join(", ")));
    }

private:
    QTemporaryDir m_home;
    OidcProvider m_provider;
    QString m_key;
    QList<QByteArray> m_tokens;
    QByteArray m_outputs;
};

QTEST_GUILESS_MAIN(TestCliLogin)
#include "tst_clilogin.moc"
