// SPDX-License-Identifier: GPL-3.0-or-later
// The relay kit (installer/relay) on a real OpenSSH sshd: the kit's sshd drop-in, its PAM file included
// ahead of Debian's own /etc/pam.d/sshd stack (as labshare-relay-setup does it), its PAM module and its
// validator, asking a real OpenID provider (tests/fixtures/oidc). The client is LabShare's own tunnel
// engine logging in with auth=token. A valid token of an allowed user is admitted (its forward comes up
// and carries data); a revoked, expired, forged or not-allowed one is refused for that reason; an 8 KB
// token is admitted; no token ever reaches sshd's log, which also holds the validator's stderr.
// Only tokens issued to LabShare's client pass (introspection, or a signed JWT without it); verdicts are
// cached (the provider counts what it is asked); the account listens on the public address only; and
// LabShare offers the token only to an auth=token relay whose host key it has verified.
// Runs as root: sshd with PAM, a per-run account and per-run files in /etc/pam.d, removed at the end.
#include "BrowserUser.h"
#include "ChecksumClient.h"
#include "EchoNode.h"
#include "KeychainAnswers.h"
#include "LabDir.h"
#include "LabshareCli.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
#include "RelayKitSshd.h"
#include "SshRelay.h"
#include "Tools.h"
#include "Wait.h"

#include "FilesContaining.h"
#include "RelayTokenBridge.h"
#include "auth/AuthSession.h"
#include "secrets/KeychainStore.h"
#include "secrets/MemoryStore.h"
#include "tunnel/TunnelEngine.h"

#include <QNetworkAccessManager>
#include <QTimer>

#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <unistd.h>

using namespace labshare::testsupport;
using labshare::tunnel::ForwardSpec;
using labshare::tunnel::RelayProfile;
using labshare::tunnel::SecretKind;
using labshare::tunnel::ShareHealth;
using labshare::tunnel::ShareState;
using labshare::tunnel::TunnelEngine;

namespace {

constexpr int kSettleTimeoutMs = 30000;

// A random string of bearer-token characters, as long as `length`: what a forger can send.
QByteArray forgedToken(qsizetype length) {
    QByteArray raw(length, '\0');
    for (char& c : raw)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).left(length);
}

struct Attempt {
    bool up = false;
    bool failed = false;
    QString lastError;
    QString roundTrip; // empty when the data came back intact (only tried when up)
    QString relayLog;  // what sshd (and the validator, on its stderr) logged since the attempt began
    qsizetype logMark = 0;
    QString describe() const {
        return QStringLiteral("up=%1 failed=%2 lastError=\"%3\" roundTrip=\"%4\"\nrelay log:\n%5")
            .arg(up)
            .arg(failed)
            .arg(lastError, roundTrip, relayLog);
    }
};

} // namespace

class TestRelayKit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void validTokenIsAdmitted();
    void largeTokenIsAdmitted();
    void revokedTokenIsRefused();
    void expiredTokenIsRefused();
    void forgedTokenIsRefused();
    void allowList_data();
    void allowList();
    void signedInAppIsAdmitted();
    void aRefusedTokenIsRefreshedAndTheLoginRetried();
    void tokenForAnotherClient_data();
    void tokenForAnotherClient();
    void signedJwtWithoutIntrospection_data();
    void signedJwtWithoutIntrospection();
    void opaqueTokenWithoutIntrospection();
    void verdictsAreCached();
    void listensOnThePublicAddressOnly_data();
    void listensOnThePublicAddressOnly();
    void tokenOnlyForAuthTokenRelays_data();
    void tokenOnlyForAuthTokenRelays();
    void tokenOnlyAfterTheHostKeyIsVerified_data();
    void tokenOnlyAfterTheHostKeyIsVerified();
    void tokensNeverReachTheLog();

private:
    // `url` empty: m_kit.relayUrl(). `asked` collects the kinds of secret the engine asked for. `settleOn`: also stop
    // waiting once the relay logged that (a refused forward is retried, never failed).
    Attempt attempt(const QByteArray& token, const QString& url = QString(), QList<SecretKind>* asked = nullptr,
                    const QString& settleOn = QString());
    QByteArray signInAs(OidcProvider& provider, const QString& user, const QString& clientId);
    ForwardSpec echoSpec();
    bool logged(Attempt& a, const QString& line);
    QByteArray signIn(OidcProvider& provider, const QString& user);

    RelayKitSshd m_kit;
    EchoNode m_node;
    OidcProvider m_provider;
    QList<QByteArray> m_tokens; // every token sent, for the log check
    int m_attempts = 0;
};

void TestRelayKit::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_kit.start(&error), qPrintable(error));
    QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.41"))), qPrintable(m_node.errorString()));
    QVERIFY2(m_provider.start(), qPrintable(m_provider.error()));
}

void TestRelayKit::cleanupTestCase() {
    QString error;
    QVERIFY2(m_kit.stop(&error), qPrintable(error));
}

QByteArray TestRelayKit::signIn(OidcProvider& provider, const QString& user) {
    return signInAs(provider, user, QStringLiteral("labshare-test"));
}

QByteArray TestRelayKit::signInAs(OidcProvider& provider, const QString& user, const QString& clientId) {
    provider.setClientId(clientId);
    const FixtureTokens tokens = provider.signInByHand(user, user + QStringLiteral("-pass"));
    provider.setClientId(QStringLiteral("labshare-test"));
    if (!tokens.error.isEmpty() || tokens.accessToken.isEmpty()) {
        qWarning("sign-in as %s failed: %s", qPrintable(user), qPrintable(tokens.error));
        return {};
    }
    m_tokens.append(tokens.accessToken);
    return tokens.accessToken;
}

// One login by LabShare's tunnel engine with `token` as the sign-in token, publishing the echo node.
// Waits until the share is up (then sends data through it) or failed.
Attempt TestRelayKit::attempt(const QByteArray& token, const QString& url, QList<SecretKind>* asked,
                              const QString& settleOn) {
    Attempt result;
    const auto profile = RelayProfile::fromUrl(url.isEmpty() ? m_kit.relayUrl() : url);
    if (!profile) {
        result.lastError = QStringLiteral("bad relay URL: ") + profile.error().message;
        return result;
    }
    TunnelEngine::Options options;
    // Worker thread: the list is only read after the engine is gone.
    options.secrets = [token, asked](SecretKind kind, const QString&) -> std::optional<labshare::secrets::SecretBytes> {
        if (asked)
            asked->append(kind);
        if (kind != SecretKind::Token)
            return std::nullopt;
        return labshare::secrets::SecretBytes(token);
    };
    result.logMark = m_kit.sshd().log().size();
    auto engine = std::make_unique<TunnelEngine>(*profile, options);
    ShareHealth last;
    connect(engine.get(), &TunnelEngine::shareChanged, this, [&](const ShareHealth& h) { last = h; });
    engine->publish(echoSpec());
    (void)waitUntil(
        [&] {
            return last.state == ShareState::Up || last.state == ShareState::Failed ||
                   (!settleOn.isEmpty() && m_kit.sshd().log().mid(result.logMark).contains(settleOn));
        },
        kSettleTimeoutMs);
    result.up = last.state == ShareState::Up;
    result.failed = last.state == ShareState::Failed;
    result.lastError = last.lastError;
    if (result.up) {
        result.roundTrip = m_kit.sshd().checkForwardListener(last.publicPort);
        if (result.roundTrip.isEmpty()) {
            ChecksumRun run;
            run.connections = 4;
            run.minBytes = 1024;
            run.maxBytes = 64 * 1024;
            run.timeoutMs = 30000;
            const ChecksumSummary summary =
                runChecksumClients({Endpoint{QHostAddress(last.publicHost), last.publicPort}}, run);
            if (!summary.allOk())
                result.roundTrip = summary.describe();
        }
    }
    engine->shutdown();
    engine.reset();
    result.relayLog = m_kit.sshd().log().mid(result.logMark);
    return result;
}

ForwardSpec TestRelayKit::echoSpec() {
    ForwardSpec spec;
    spec.name = QStringLiteral("clab-n1-tcp-%1-%2").arg(m_node.port()).arg(++m_attempts);
    spec.node = QStringLiteral("n1");
    spec.type = QStringLiteral("tcp");
    spec.targetHost = m_node.address().toString();
    spec.targetPort = m_node.port();
    return spec;
}

// Whether sshd's log got `line` since `a` began; waits for it a little, since sshd's monitor process may
// write its verdict after the client has already seen it. Refreshes a.relayLog for the failure message.
bool TestRelayKit::logged(Attempt& a, const QString& line) {
    const bool found = waitUntil([&] { return m_kit.sshd().log().mid(a.logMark).contains(line); }, 10000);
    a.relayLog = m_kit.sshd().log().mid(a.logMark);
    return found;
}

void TestRelayKit::validTokenIsAdmitted() {
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    Attempt a = attempt(token);
    QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("Accepted keyboard-interactive/pam for %1").arg(m_kit.account())),
             qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("admit: alice@example.org (sub=alice) is on the allow-list")),
             qPrintable(a.describe()));
}

void TestRelayKit::largeTokenIsAdmitted() {
    // 8 KB: past pam_exec's 512-byte cut and OpenSSH's 1,024-byte password limit.
    OidcProvider large;
    QVERIFY2(large.start({QStringLiteral("--access-token-chars"), QStringLiteral("8192")}), qPrintable(large.error()));
    QVERIFY(m_kit.writeConfig(large, QStringLiteral("@example.org")));
    const QByteArray token = signIn(large, QStringLiteral("alice"));
    QCOMPARE(token.size(), 8192);
    Attempt a = attempt(token);
    QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("admit: alice@example.org")), qPrintable(a.describe()));
    // The same length, one character changed at the very end: refused, so all 8,192 bytes were checked.
    QByteArray altered = token;
    altered[altered.size() - 1] = altered.back() == 'A' ? 'B' : 'A';
    m_tokens.append(altered);
    Attempt b = attempt(altered);
    QVERIFY2(b.failed && !b.up, qPrintable(b.describe()));
    QVERIFY2(logged(b, QStringLiteral("refuse: the issuer's introspection says the token is not active")),
             qPrintable(b.describe()));
}

void TestRelayKit::revokedTokenIsRefused() {
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    Attempt before = attempt(token);
    QVERIFY2(before.up, qPrintable(before.describe()));
    QVERIFY(m_provider.revoke(token, QStringLiteral("access_token")));
    Attempt after = attempt(token);
    QVERIFY2(after.failed && !after.up, qPrintable(after.describe()));
    QVERIFY2(after.lastError.contains(QStringLiteral("refused your sign-in")), qPrintable(after.describe()));
    QVERIFY2(logged(after, QStringLiteral("refuse: the issuer's introspection says the token is not active")),
             qPrintable(after.describe()));
    QVERIFY2(logged(after, QStringLiteral("Failed keyboard-interactive/pam for %1").arg(m_kit.account())),
             qPrintable(after.describe()));
}

void TestRelayKit::expiredTokenIsRefused() {
    OidcProvider shortLived;
    QVERIFY2(shortLived.start({QStringLiteral("--access-ttl"), QStringLiteral("2")}), qPrintable(shortLived.error()));
    QVERIFY(m_kit.writeConfig(shortLived, QStringLiteral("@example.org")));
    const QByteArray token = signIn(shortLived, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    QVERIFY2(!shortLived.userinfo(token).isEmpty(), qPrintable(shortLived.error())); // valid when issued
    // oidc-provider accepts a token for its clockTolerance (15 s by default) past its expiry.
    QVERIFY2(waitUntil([&] { return shortLived.userinfo(token).isEmpty(); }, 40000),
             "the provider still accepts the token 40 s after issuing it for 2 s");
    Attempt a = attempt(token);
    QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("refuse: the issuer's introspection says the token is not active")),
             qPrintable(a.describe()));
}

void TestRelayKit::forgedTokenIsRefused() {
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray real = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!real.isEmpty());
    const QByteArray forged = forgedToken(real.size());
    QCOMPARE(forged.size(), real.size());
    m_tokens.append(forged);
    Attempt a = attempt(forged);
    QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("refuse: the issuer's introspection says the token is not active")),
             qPrintable(a.describe()));
}

void TestRelayKit::allowList_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("allow");
    QTest::addColumn<bool>("admitted");
    QTest::addColumn<QString>("reason");
    // bob's e-mail is bob@other.example and his provider marks it unverified (email_verified: false).
    QTest::newRow("bob, his domain not allowed")
        << "bob"
        << "@example.org" << false << "refuse: bob@other.example is not on the allow-list";
    QTest::newRow("bob, his domain allowed but his e-mail unverified")
        << "bob"
        << "@other.example" << false << "refuse: bob@other.example is on the allow-list but not verified by the issuer";
    QTest::newRow("alice, neither her e-mail nor her domain listed")
        << "alice"
        << "carol@example.org, @example.com @sub.example.org" << false
        << "refuse: alice@example.org is not on the allow-list";
    QTest::newRow("alice, her e-mail in other case")
        << "alice"
        << "carol@example.org\n ALICE@Example.ORG" << true << "admit: alice@example.org";
    QTest::newRow("alice, her domain in other case") << "alice"
                                                     << "@EXAMPLE.org" << true << "admit: alice@example.org";
    // Entries without '@' are domains, as in LabShare's own allow-lists.
    QTest::newRow("alice, her domain without @") << "alice"
                                                 << "example.org" << true << "admit: alice@example.org";
    QTest::newRow("alice, a subdomain of hers without @")
        << "alice"
        << "lab.example.org" << false << "refuse: alice@example.org is not on the allow-list";
    QTest::newRow("bob, his domain without @, his e-mail unverified")
        << "bob"
        << "other.example" << false << "refuse: bob@other.example is on the allow-list but not verified by the issuer";
    // ASCII case rules only: mallory's domain starts with U+212A KELVIN SIGN, which Unicode lower-cases to 'k'.
    QTest::newRow("mallory, a Kelvin sign for the k")
        << "mallory"
        << "kiosk.example" << false << "refuse: userinfo for sub=mallory has an e-mail that is not a plain ASCII";
    QTest::newRow("dave, his e-mail in capitals at the provider")
        << "dave"
        << "dave@kiosk.example" << true << "admit: Dave@Kiosk.Example";
}

void TestRelayKit::allowList() {
    QFETCH(QString, user);
    QFETCH(QString, allow);
    QFETCH(bool, admitted);
    QFETCH(QString, reason);
    QVERIFY(m_kit.writeConfig(m_provider, allow));
    const QByteArray token = signIn(m_provider, user);
    QVERIFY(!token.isEmpty());
    Attempt a = attempt(token);
    if (admitted)
        QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    else
        QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, reason), qPrintable(a.describe()));
}

void TestRelayKit::signedInAppIsAdmitted() {
    // The whole product path: `labshare login` (device code, approved in the browser) remembers the
    // sign-in in the keychain; `labshare up` with an auth=token relay logs in with its access token.
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("@example.org")));
    QTemporaryDir home;
    QVERIFY(home.isValid());
    LabshareCli login(home.path(), {QStringLiteral("login"), QStringLiteral("--issuer"), m_provider.issuer().toString(),
                                    QStringLiteral("--client-id"), m_provider.clientId()});
    QVERIFY2(login.waitForOutput(QStringLiteral("or open (\\S+)")), qPrintable(login.describe()));
    BrowserUser browser;
    QVERIFY2(browser.approveDevice(QUrl(login.capture(QStringLiteral("or open (\\S+)"))), QStringLiteral("alice"),
                                   QStringLiteral("alice-pass")),
             qPrintable(browser.error()));
    QCOMPARE(login.finish(30000), 0);
    const QByteArray refreshToken =
        readRefreshToken(labshare::auth::AuthConfig{m_provider.issuer(), m_provider.clientId()}.secretKey());

    LabDir lab;
    QVERIFY2(
        lab.write({{QStringLiteral("n1"), m_node.address().toString(), QStringLiteral("tcp/%1").arg(m_node.port())}}),
        qPrintable(lab.errorString()));
    const QString share = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("tcp"), m_node.port());
    const qsizetype mark = m_kit.sshd().log().size();
    LabshareUp up(home.path());
    QVERIFY(up.start(lab.topologyFile(), m_kit.relayUrl()));
    QVERIFY2(up.waitForState(share, QStringLiteral("up"), kSettleTimeoutMs), qPrintable(up.diagnostics()));
    ChecksumRun run;
    run.connections = 2;
    run.timeoutMs = 30000;
    const ChecksumSummary summary =
        runChecksumClients({Endpoint{QHostAddress(up.publicHost(share)), up.publicPort(share)}}, run);
    QVERIFY2(summary.allOk(), qPrintable(summary.describe()));
    QVERIFY2(m_kit.sshd().log().mid(mark).contains(QStringLiteral("admit: alice@example.org")),
             qPrintable(m_kit.sshd().log().mid(mark)));
    QVERIFY(up.interrupt());
    QCOMPARE(up.exitCode(), 0);

    // The remembered refresh token never showed in what `labshare` printed, nor in a file of its home.
    QVERIFY(!refreshToken.isEmpty());
    QVERIFY(!login.output().contains(refreshToken));
    QVERIFY(!up.stderrText().toUtf8().contains(refreshToken) &&
            !up.stdoutLines().join('\n').toUtf8().contains(refreshToken));
    QVERIFY(filesContaining(home.path(), {refreshToken}).isEmpty());

    LabshareCli logout(home.path(), {QStringLiteral("logout")});
    QCOMPARE(logout.finish(), 0);
}

void TestRelayKit::aRefusedTokenIsRefreshedAndTheLoginRetried() {
    // The app's own wiring (RelayTokenBridge): the relay refuses the access token, revoked at the provider
    // after sign-in; the session refreshes once and the engine logs in again with the new token.
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("@example.org")));
    labshare::secrets::MemoryStore store;
    QNetworkAccessManager network;
    labshare::auth::AuthSession session(store, network);
    session.setConfig(
        {m_provider.issuer(), m_provider.clientId(), QStringLiteral("openid email profile offline_access")});
    BrowserUser browser;
    session.setBrowserOpener([&](const QUrl& url) {
        QTimer::singleShot(0, &session, [&browser, url] {
            (void)browser.signInAt(url, QStringLiteral("alice"), QStringLiteral("alice-pass"));
        });
        return true;
    });
    session.signIn(labshare::auth::SignInMethod::Browser);
    QVERIFY(waitUntil([&] { return session.state() == labshare::auth::AuthState::SignedIn; }, 20000));
    const QByteArray first = session.tokenCache().valid(0).value_or(labshare::secrets::SecretBytes()).exposed();
    QVERIFY(!first.isEmpty());
    m_tokens.append(first);
    QVERIFY(m_provider.revoke(first, QStringLiteral("access_token")));

    labshare::app::RelayTokenBridge bridge(session);
    TunnelEngine::Options options;
    options.secrets = bridge.secretProvider();
    const auto profile = RelayProfile::fromUrl(m_kit.relayUrl());
    QVERIFY(profile.ok());
    TunnelEngine engine(*profile, options);
    bridge.attach(&engine);
    int refusals = 0;
    connect(&engine, &TunnelEngine::loginRefused, this, [&refusals] { ++refusals; });
    ShareHealth last;
    connect(&engine, &TunnelEngine::shareChanged, this, [&last](const ShareHealth& h) { last = h; });
    const qsizetype mark = m_kit.sshd().log().size();
    engine.publish(echoSpec());
    QVERIFY2(waitUntil([&] { return last.state == ShareState::Up; }, 2 * kSettleTimeoutMs),
             qPrintable(last.lastError + QStringLiteral("\nrelay log:\n") + m_kit.sshd().log().mid(mark)));
    QCOMPARE(refusals, 1);
    const QByteArray second = session.tokenCache().valid(0).value_or(labshare::secrets::SecretBytes()).exposed();
    QVERIFY(!second.isEmpty() && second != first);
    m_tokens.append(second);
    QVERIFY(m_kit.sshd().log().mid(mark).contains(QStringLiteral("the token is not active")));
    engine.shutdown();
}

void TestRelayKit::tokenForAnotherClient_data() {
    using Settings = QList<std::pair<QString, QString>>;
    QTest::addColumn<Settings>("settings");
    QTest::addColumn<bool>("admitted");
    QTest::addColumn<QString>("reason");
    // As a public client, the relay may introspect only tokens issued to that client: another's is not active.
    QTest::newRow("introspected as LabShare's client")
        << Settings{} << false << "refuse: the issuer's introspection says the token is not active";
    // With credentials of its own the relay sees the token's client, and compares it.
    QTest::newRow("introspected with the relay's own credentials")
        << Settings{{"introspection_client_id", "labshare-relay"}, {"introspection_secret", "labshare-relay-secret"}}
        << false << "refuse: the token was issued to other-app, not to labshare-test (introspection)";
    QTest::newRow("allow_any_client") << Settings{{"client_id", ""}, {"allow_any_client", "yes"}} << true
                                      << "admit: alice@example.org (sub=alice) is on the allow-list (token";
}

// alice signs in to another application of the same issuer; its token is hers, but not meant for LabShare.
void TestRelayKit::tokenForAnotherClient() {
    using Settings = QList<std::pair<QString, QString>>;
    QFETCH(Settings, settings);
    QFETCH(bool, admitted);
    QFETCH(QString, reason);
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org"), settings));
    const QByteArray token = signInAs(m_provider, QStringLiteral("alice"), QStringLiteral("other-app"));
    QVERIFY(!token.isEmpty());
    QVERIFY2(!m_provider.userinfo(token).isEmpty(), qPrintable(m_provider.error())); // a valid token of alice's
    Attempt a = attempt(token);
    if (admitted)
        QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    else
        QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, reason), qPrintable(a.describe()));
}

void TestRelayKit::signedJwtWithoutIntrospection_data() {
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("tamper");
    QTest::addColumn<bool>("admitted");
    QTest::addColumn<QString>("reason");
    QTest::newRow("issued to LabShare") << "labshare-test" << false << true
                                        << "admit: alice@example.org (sub=alice) is on the allow-list, issued to";
    QTest::newRow("issued to another application")
        << "other-app" << false << false
        << "refuse: the token was issued to other-app, not to labshare-test (signed JWT)";
    QTest::newRow("issued to LabShare, its claims altered")
        << "labshare-test" << true << false << "refuse: the token is a JWT whose signature no key of the issuer's JWKS";
}

// An issuer without introspection that hands out RFC 9068 JWT access tokens: the relay checks the signature
// against the issuer's JWKS and the token's client_id.
void TestRelayKit::signedJwtWithoutIntrospection() {
    QFETCH(QString, clientId);
    QFETCH(bool, tamper);
    QFETCH(bool, admitted);
    QFETCH(QString, reason);
    OidcProvider jwtIssuer;
    QVERIFY2(jwtIssuer.start({QStringLiteral("--jwt-access-tokens"), QStringLiteral("--no-introspection")}),
             qPrintable(jwtIssuer.error()));
    QVERIFY(!jwtIssuer.discovery().contains(QStringLiteral("introspection_endpoint")));
    QVERIFY(m_kit.writeConfig(jwtIssuer, QStringLiteral("example.org")));
    QByteArray token = signInAs(jwtIssuer, QStringLiteral("alice"), clientId);
    QCOMPARE(token.count('.'), 2);
    if (tamper) {
        // The same header and signature over claims that name another user.
        QList<QByteArray> parts = token.split('.');
        const QByteArray claims = QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding);
        QVERIFY(claims.contains("alice@example.org"));
        QByteArray altered = claims;
        altered.replace("alice@example.org", "carol@example.org");
        parts[1] = altered.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        token = parts.join('.');
        m_tokens.append(token);
    }
    Attempt a = attempt(token);
    if (admitted)
        QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    else
        QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, reason), qPrintable(a.describe()));
}

// An opaque token from an issuer without introspection: nothing says which client it was issued to.
void TestRelayKit::opaqueTokenWithoutIntrospection() {
    OidcProvider opaque;
    QVERIFY2(opaque.start({QStringLiteral("--no-introspection")}), qPrintable(opaque.error()));
    QVERIFY(m_kit.writeConfig(opaque, QStringLiteral("example.org")));
    const QByteArray token = signIn(opaque, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    Attempt refused = attempt(token);
    QVERIFY2(refused.failed && !refused.up, qPrintable(refused.describe()));
    QVERIFY2(logged(refused, QStringLiteral("refuse: the issuer offers no token introspection and the token is not a "
                                            "JWT")),
             qPrintable(refused.describe()));
    // Only when the relay's administrator says so explicitly.
    QVERIFY(m_kit.writeConfig(opaque, QStringLiteral("example.org"),
                              {{QStringLiteral("client_id"), QString()}, {QStringLiteral("allow_any_client"), "yes"}}));
    Attempt admitted = attempt(token);
    QVERIFY2(admitted.up, qPrintable(admitted.describe()));
    QVERIFY2(logged(admitted, QStringLiteral("admit: alice@example.org")), qPrintable(admitted.describe()));
}

// Verdicts are kept for cache_seconds: the same token again, admitted or refused, costs the issuer nothing;
// a new token costs one introspection (and userinfo), never the discovery document again.
void TestRelayKit::verdictsAreCached() {
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org"), {{QStringLiteral("cache_seconds"), "60"}}));
    const auto count = [this](const char* path) {
        return m_provider.requestCounts().value(QLatin1String(path)).toInt();
    };
    const char* const paths[] = {"/.well-known/openid-configuration", "/token/introspection", "/me", "/jwks"};
    const auto counts = [&] {
        QList<int> out;
        for (const char* path : paths)
            out << count(path);
        return out;
    };
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    const QList<int> before = counts();
    Attempt first = attempt(token);
    QVERIFY2(first.up, qPrintable(first.describe()));
    const QList<int> afterFirst = counts();
    QCOMPARE(afterFirst[1], before[1] + 1); // introspection
    QCOMPARE(afterFirst[2], before[2] + 1); // userinfo
    Attempt second = attempt(token);
    QVERIFY2(second.up, qPrintable(second.describe()));
    QVERIFY2(logged(second, QStringLiteral("admit: alice@example.org (sub=alice) is on the allow-list, issued to "
                                           "labshare-test (cached)")),
             qPrintable(second.describe()));
    QCOMPARE(counts(), afterFirst);

    // A client that keeps sending the same forged token, then new ones.
    const QByteArray forged = forgedToken(token.size());
    m_tokens.append(forged);
    Attempt refused = attempt(forged);
    QVERIFY2(refused.failed, qPrintable(refused.describe()));
    const QList<int> afterRefusal = counts();
    QCOMPARE(afterRefusal[1], afterFirst[1] + 1);
    for (int i = 0; i < 2; ++i) {
        Attempt again = attempt(forged);
        QVERIFY2(again.failed, qPrintable(again.describe()));
        QVERIFY2(logged(again, QStringLiteral("not active (revoked, expired, unknown, or not issued to labshare-test) "
                                              "(cached)")),
                 qPrintable(again.describe()));
    }
    QCOMPARE(counts(), afterRefusal);
    const QByteArray another = forgedToken(token.size());
    m_tokens.append(another);
    Attempt other = attempt(another);
    QVERIFY2(other.failed, qPrintable(other.describe()));
    const QList<int> afterAnother = counts();
    QCOMPARE(afterAnother[0], afterRefusal[0]); // the discovery document came from the cache
    QCOMPARE(afterAnother[1], afterRefusal[1] + 1);
}

void TestRelayKit::listensOnThePublicAddressOnly_data() {
    QTest::addColumn<QString>("bind");
    QTest::newRow("another loopback address") << "127.0.0.2";
    QTest::newRow("every address") << "0.0.0.0";
}

// The drop-in's PermitListen (filled in with 127.0.0.1 here, as labshare-relay-setup does with the relay's
// public address): a signed-in user still cannot listen anywhere else on the relay.
void TestRelayKit::listensOnThePublicAddressOnly() {
    QFETCH(QString, bind);
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    const QString denied = QStringLiteral("to remote forward to host %1 port 0, but the request was denied").arg(bind);
    Attempt a = attempt(token, m_kit.relayUrl(QStringLiteral("token"), bind), nullptr, denied);
    QVERIFY2(!a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("admit: alice@example.org")), qPrintable(a.describe())); // signed in
    QVERIFY2(logged(a, denied), qPrintable(a.describe()));
}

void TestRelayKit::tokenOnlyForAuthTokenRelays_data() {
    QTest::addColumn<QString>("auth");
    QTest::newRow("no auth= (agent, then keys)") << "";
    QTest::newRow("auth=key") << "key";
    QTest::newRow("auth=agent") << "agent";
    QTest::newRow("auth=password") << "password";
}

// The same relay, which would check a token, in a profile without auth=token: LabShare never asks for the
// token, so the relay's validator never sees one (it logs every token it is given).
void TestRelayKit::tokenOnlyForAuthTokenRelays() {
    QFETCH(QString, auth);
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    QList<SecretKind> asked;
    Attempt a = attempt(token, m_kit.relayUrl(auth), &asked);
    QVERIFY2(!a.up, qPrintable(a.describe()));
    QVERIFY2(!asked.contains(SecretKind::Token), qPrintable(a.describe()));
    QVERIFY(waitUntil([&] { return !m_kit.sshd().log().mid(a.logMark).isEmpty(); }, 10000));
    a.relayLog = m_kit.sshd().log().mid(a.logMark);
    QVERIFY2(!a.relayLog.contains(QStringLiteral("labshare-relay-check")), qPrintable(a.describe()));
}

void TestRelayKit::tokenOnlyAfterTheHostKeyIsVerified_data() {
    QTest::addColumn<QString>("knownHosts");
    QTest::newRow("unknown host key") << "unknown";
    QTest::newRow("changed host key") << "changed";
}

// An auth=token relay whose host key LabShare cannot verify: the login stops before authentication, and the
// token is neither asked for nor sent (the relay's validator never runs).
void TestRelayKit::tokenOnlyAfterTheHostKeyIsVerified() {
    QFETCH(QString, knownHosts);
    QVERIFY(m_kit.writeConfig(m_provider, QStringLiteral("example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    QString file = m_kit.sshd().emptyKnownHostsFile();
    if (knownHosts == QLatin1String("changed")) {
        // Another key for the relay's [127.0.0.1]:PORT: the client key's public half, a valid key but not the relay's.
        const QList<QByteArray> other = readFile(m_kit.sshd().clientKey() + QStringLiteral(".pub")).split(' ');
        QVERIFY(other.size() >= 2);
        QVERIFY(writeFile(file, QStringLiteral("[127.0.0.1]:%1 ").arg(m_kit.sshd().port()).toUtf8() + other[0] + ' ' +
                                    other[1] + '\n'));
    }
    QList<SecretKind> asked;
    Attempt a = attempt(token, m_kit.relayUrl(QStringLiteral("token"), QStringLiteral("127.0.0.1"), file), &asked);
    QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(a.lastError.contains(QStringLiteral("host key")), qPrintable(a.describe()));
    QVERIFY2(asked.isEmpty(), qPrintable(a.describe()));
    a.relayLog = m_kit.sshd().log().mid(a.logMark);
    QVERIFY2(!a.relayLog.contains(QStringLiteral("labshare-relay-check")) &&
                 !a.relayLog.contains(QStringLiteral("keyboard-interactive")),
             qPrintable(a.describe()));
}

void TestRelayKit::tokensNeverReachTheLog() {
    QVERIFY2(m_tokens.size() >= 10, "the earlier cases sent their tokens");
    const QByteArray log = m_kit.sshd().log().toUtf8();
    QVERIFY(log.contains("labshare-relay-check: refuse:") && log.contains("labshare-relay-check: admit:"));
    for (const QByteArray& token : std::as_const(m_tokens)) {
        // Not the token, nor a piece of it long enough to matter.
        QVERIFY2(!log.contains(token.left(16)) && !log.contains(token.right(16)),
                 qPrintable(QStringLiteral("a token of %1 bytes is in the relay log").arg(token.size())));
    }
}

QTEST_GUILESS_MAIN(TestRelayKit)
#include "tst_relaykit.moc"
