// SPDX-License-Identifier: GPL-3.0-or-later
// The relay kit (installer/relay) on a real OpenSSH sshd: the kit's sshd drop-in, its PAM file included
// ahead of Debian's own /etc/pam.d/sshd stack (as labshare-relay-setup does it), its PAM module and its
// validator, asking a real OpenID provider (tests/fixtures/oidc). The client is LabShare's own tunnel
// engine logging in with auth=token. A valid token of an allowed user is admitted (its forward comes up
// and carries data); a revoked, expired, forged or not-allowed one is refused for that reason; an 8 KB
// token is admitted; no token ever reaches sshd's log, which also holds the validator's stderr.
// Runs as root: sshd with PAM, a per-run account and per-run files in /etc/pam.d, removed at the end.
#include "BrowserUser.h"
#include "ChecksumClient.h"
#include "EchoNode.h"
#include "KeychainAnswers.h"
#include "LabDir.h"
#include "LabshareCli.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
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

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
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
const QString kPamDir = QStringLiteral("/etc/pam.d");
const QString kAccountPrefix = QStringLiteral("lsrelay");
const QString kServicePrefix = QStringLiteral("labshare-relay-test-");

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

// Replaces `from` by `to` in `text`, which must hold it exactly once: a kit file that changed shape
// fails the test instead of being tested half-adapted.
bool replaceOnce(QString& text, const QString& from, const QString& to, QString* error) {
    if (text.count(from) != 1) {
        *error = QStringLiteral("expected \"%1\" exactly once in:\n%2").arg(from, text);
        return false;
    }
    text.replace(from, to);
    return true;
}

bool pidIsGone(const QString& digits) {
    bool ok = false;
    const qint64 pid = digits.toLongLong(&ok);
    return ok && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

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
    void tokensNeverReachTheLog();

private:
    bool writeRelayConfig(const OidcProvider& provider, const QString& allow);
    bool installPam(QString* error);
    void removeLeftovers();
    Attempt attempt(const QByteArray& token);
    QString relayUrl() const;
    ForwardSpec echoSpec();
    bool logged(Attempt& a, const QString& line);
    QByteArray signIn(OidcProvider& provider, const QString& user);

    QTemporaryDir m_dir;
    QString m_account;
    QString m_service;
    QStringList m_pamFiles; // what this run wrote under /etc/pam.d
    bool m_accountCreated = false;
    QString m_userdel;
    SshRelay m_relay;
    QString m_knownHosts;
    EchoNode m_node;
    OidcProvider m_provider;
    QList<QByteArray> m_tokens; // every token sent, for the log check
    int m_attempts = 0;
};

void TestRelayKit::removeLeftovers() {
    // A run killed by ctest's timeout could not clean up: remove what runs whose process is gone left.
    const QStringList stale = QDir(kPamDir).entryList({kServicePrefix + QLatin1Char('*')}, QDir::Files);
    static const QRegularExpression pidOf(QStringLiteral("^labshare-relay-test-(\\d+)(-kit)?$"));
    for (const QString& name : stale) {
        const QRegularExpressionMatch m = pidOf.match(name);
        if (m.hasMatch() && pidIsGone(m.captured(1))) {
            QFile::remove(QDir(kPamDir).filePath(name));
            QByteArray ignored;
            (void)runTool(m_userdel, {kAccountPrefix + m.captured(1)}, &ignored);
        }
    }
}

bool TestRelayKit::installPam(QString* error) {
    // The kit's PAM file, pointed at this build's module, the source tree's validator and this run's
    // configuration, for this run's account; then the service sshd will use: the kit's file included
    // first, Debian's sshd stack after it, as labshare-relay-setup leaves /etc/pam.d/sshd.
    QString kit = QString::fromUtf8(readFile(QStringLiteral(LABSHARE_RELAY_KIT_DIR "/pam.d/labshare-relay")));
    if (!replaceOnce(kit, QStringLiteral("user = labshare\n"), QStringLiteral("user = %1\n").arg(m_account), error) ||
        !replaceOnce(kit, QStringLiteral(" pam_labshare_token.so "),
                     QStringLiteral(" %1 ").arg(QStringLiteral(LABSHARE_PAM_MODULE)), error) ||
        !replaceOnce(kit, QStringLiteral("validator=/usr/libexec/labshare-relay/labshare-relay-check "),
                     QStringLiteral("validator=%1/labshare-relay-check ").arg(QStringLiteral(LABSHARE_RELAY_KIT_DIR)),
                     error) ||
        !replaceOnce(kit, QStringLiteral("config=/etc/labshare-relay/relay.conf "),
                     QStringLiteral("config=%1 ").arg(m_dir.filePath(QStringLiteral("relay.conf"))), error))
        return false;
    const QString kitName = m_service + QStringLiteral("-kit");
    const QString service = QStringLiteral("@include %1\n@include sshd\n").arg(kitName);
    for (const auto& [name, text] : {std::pair{kitName, kit}, std::pair{m_service, service}}) {
        const QString path = QDir(kPamDir).filePath(name);
        m_pamFiles.append(path);
        if (!writeFile(path, text.toUtf8())) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
    }
    if (!QFile::exists(QDir(kPamDir).filePath(QStringLiteral("sshd")))) {
        *error = QStringLiteral("/etc/pam.d/sshd is missing: install the Debian package openssh-server");
        return false;
    }
    return true;
}

void TestRelayKit::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(::geteuid() == 0, "the relay kit test runs sshd with PAM and writes /etc/pam.d: run it as root");
    QString error;
    const QString useradd = findTool(QStringLiteral("useradd"), QStringLiteral("passwd"), &error);
    m_userdel = findTool(QStringLiteral("userdel"), QStringLiteral("passwd"), &error);
    const QString usermod = findTool(QStringLiteral("usermod"), QStringLiteral("passwd"), &error);
    QVERIFY2(!useradd.isEmpty() && !m_userdel.isEmpty() && !usermod.isEmpty(), qPrintable(error));
    QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/python3")),
             "the validator runs /usr/bin/python3: install the Debian package python3");
    removeLeftovers();

    const QString pid = QString::number(QCoreApplication::applicationPid());
    m_account = kAccountPrefix + pid;
    m_service = kServicePrefix + pid;
    // The account as labshare-relay-setup makes it: a system user, no home, no usable shell, locked password.
    QByteArray output;
    QVERIFY2(runTool(useradd,
                     {"--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                      "/usr/sbin/nologin", "--comment", "LabShare relay test", m_account},
                     &output) == 0,
             output.constData());
    m_accountCreated = true;
    QVERIFY2(runTool(usermod, {"--lock", m_account}, &output) == 0, output.constData());

    QVERIFY2(installPam(&error), qPrintable(error));
    QString dropIn =
        QString::fromUtf8(readFile(QStringLiteral(LABSHARE_RELAY_KIT_DIR "/sshd_config.d/labshare-relay.conf")));
    QVERIFY2(replaceOnce(dropIn, QStringLiteral("Match User labshare\n"),
                         QStringLiteral("Match User %1\n").arg(m_account), &error),
             qPrintable(error));
    m_relay.setUsePam(true);
    m_relay.setProgramName(m_service);
    m_relay.setExtraConfig(dropIn);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    m_knownHosts = m_relay.knownHostsFile();
    QVERIFY(!m_knownHosts.isEmpty());
    QVERIFY2(m_node.listen(QHostAddress(QStringLiteral("127.0.0.41"))), qPrintable(m_node.errorString()));
    QVERIFY2(m_provider.start(), qPrintable(m_provider.error()));
}

void TestRelayKit::cleanupTestCase() {
    m_relay.stop();
    for (const QString& path : std::as_const(m_pamFiles))
        QFile::remove(path);
    if (m_accountCreated) {
        QByteArray output;
        QVERIFY2(runTool(m_userdel, {m_account}, &output) == 0, output.constData());
    }
    for (const QString& path : std::as_const(m_pamFiles))
        QVERIFY2(!QFile::exists(path), qPrintable(path));
}

bool TestRelayKit::writeRelayConfig(const OidcProvider& provider, const QString& allow) {
    const QString text = QStringLiteral("[relay]\nissuer = %1\nallow = %2\ntimeout = 5\n")
                             .arg(provider.issuer().toString(QUrl::StripTrailingSlash), allow);
    return writeFile(m_dir.filePath(QStringLiteral("relay.conf")), text.toUtf8());
}

QByteArray TestRelayKit::signIn(OidcProvider& provider, const QString& user) {
    const FixtureTokens tokens = provider.signInByHand(user, user + QStringLiteral("-pass"));
    if (!tokens.error.isEmpty() || tokens.accessToken.isEmpty()) {
        qWarning("sign-in as %s failed: %s", qPrintable(user), qPrintable(tokens.error));
        return {};
    }
    m_tokens.append(tokens.accessToken);
    return tokens.accessToken;
}

// One login by LabShare's tunnel engine with `token` as the sign-in token, publishing the echo node.
// Waits until the share is up (then sends data through it) or failed.
Attempt TestRelayKit::attempt(const QByteArray& token) {
    Attempt result;
    const auto profile = RelayProfile::fromUrl(relayUrl());
    if (!profile) {
        result.lastError = QStringLiteral("bad relay URL: ") + profile.error().message;
        return result;
    }
    TunnelEngine::Options options;
    options.secrets = [token](SecretKind kind, const QString&) -> std::optional<labshare::secrets::SecretBytes> {
        if (kind != SecretKind::Token)
            return std::nullopt;
        return labshare::secrets::SecretBytes(token);
    };
    result.logMark = m_relay.log().size();
    auto engine = std::make_unique<TunnelEngine>(*profile, options);
    ShareHealth last;
    connect(engine.get(), &TunnelEngine::shareChanged, this, [&](const ShareHealth& h) { last = h; });
    engine->publish(echoSpec());
    (void)waitUntil([&] { return last.state == ShareState::Up || last.state == ShareState::Failed; }, kSettleTimeoutMs);
    result.up = last.state == ShareState::Up;
    result.failed = last.state == ShareState::Failed;
    result.lastError = last.lastError;
    if (result.up) {
        result.roundTrip = m_relay.checkForwardListener(last.publicPort);
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
    result.relayLog = m_relay.log().mid(result.logMark);
    return result;
}

QString TestRelayKit::relayUrl() const {
    return QStringLiteral("ssh://%1@127.0.0.1:%2?auth=token&flavor=openssh&public-host=127.0.0.1&bind=127.0.0.1"
                          "&known-hosts=%3")
        .arg(m_account)
        .arg(m_relay.port())
        .arg(m_knownHosts);
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
    const bool found = waitUntil([&] { return m_relay.log().mid(a.logMark).contains(line); }, 10000);
    a.relayLog = m_relay.log().mid(a.logMark);
    return found;
}

void TestRelayKit::validTokenIsAdmitted() {
    QVERIFY(writeRelayConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    Attempt a = attempt(token);
    QVERIFY2(a.up && a.roundTrip.isEmpty(), qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("Accepted keyboard-interactive/pam for %1").arg(m_account)),
             qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("admit: alice@example.org (sub=alice) is on the allow-list")),
             qPrintable(a.describe()));
}

void TestRelayKit::largeTokenIsAdmitted() {
    // 8 KB: past pam_exec's 512-byte cut and OpenSSH's 1,024-byte password limit.
    OidcProvider large;
    QVERIFY2(large.start({QStringLiteral("--access-token-chars"), QStringLiteral("8192")}), qPrintable(large.error()));
    QVERIFY(writeRelayConfig(large, QStringLiteral("@example.org")));
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
    QVERIFY2(logged(b, QStringLiteral("refuse: the userinfo endpoint answered HTTP 401")), qPrintable(b.describe()));
}

void TestRelayKit::revokedTokenIsRefused() {
    QVERIFY(writeRelayConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray token = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    Attempt before = attempt(token);
    QVERIFY2(before.up, qPrintable(before.describe()));
    QVERIFY(m_provider.revoke(token, QStringLiteral("access_token")));
    Attempt after = attempt(token);
    QVERIFY2(after.failed && !after.up, qPrintable(after.describe()));
    QVERIFY2(after.lastError.contains(QStringLiteral("refused your sign-in")), qPrintable(after.describe()));
    QVERIFY2(logged(after, QStringLiteral("refuse: the userinfo endpoint answered HTTP 401")),
             qPrintable(after.describe()));
    QVERIFY2(logged(after, QStringLiteral("Failed keyboard-interactive/pam for %1").arg(m_account)),
             qPrintable(after.describe()));
}

void TestRelayKit::expiredTokenIsRefused() {
    OidcProvider shortLived;
    QVERIFY2(shortLived.start({QStringLiteral("--access-ttl"), QStringLiteral("2")}), qPrintable(shortLived.error()));
    QVERIFY(writeRelayConfig(shortLived, QStringLiteral("@example.org")));
    const QByteArray token = signIn(shortLived, QStringLiteral("alice"));
    QVERIFY(!token.isEmpty());
    QVERIFY2(!shortLived.userinfo(token).isEmpty(), qPrintable(shortLived.error())); // valid when issued
    // oidc-provider accepts a token for its clockTolerance (15 s by default) past its expiry.
    QVERIFY2(waitUntil([&] { return shortLived.userinfo(token).isEmpty(); }, 40000),
             "the provider still accepts the token 40 s after issuing it for 2 s");
    Attempt a = attempt(token);
    QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("refuse: the userinfo endpoint answered HTTP 401")), qPrintable(a.describe()));
}

void TestRelayKit::forgedTokenIsRefused() {
    QVERIFY(writeRelayConfig(m_provider, QStringLiteral("@example.org")));
    const QByteArray real = signIn(m_provider, QStringLiteral("alice"));
    QVERIFY(!real.isEmpty());
    const QByteArray forged = forgedToken(real.size());
    QCOMPARE(forged.size(), real.size());
    m_tokens.append(forged);
    Attempt a = attempt(forged);
    QVERIFY2(a.failed && !a.up, qPrintable(a.describe()));
    QVERIFY2(logged(a, QStringLiteral("refuse: the userinfo endpoint answered HTTP 401")), qPrintable(a.describe()));
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
}

void TestRelayKit::allowList() {
    QFETCH(QString, user);
    QFETCH(QString, allow);
    QFETCH(bool, admitted);
    QFETCH(QString, reason);
    QVERIFY(writeRelayConfig(m_provider, allow));
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
    QVERIFY(writeRelayConfig(m_provider, QStringLiteral("@example.org")));
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
    const qsizetype mark = m_relay.log().size();
    LabshareUp up(home.path());
    QVERIFY(up.start(lab.topologyFile(), relayUrl()));
    QVERIFY2(up.waitForState(share, QStringLiteral("up"), kSettleTimeoutMs), qPrintable(up.diagnostics()));
    ChecksumRun run;
    run.connections = 2;
    run.timeoutMs = 30000;
    const ChecksumSummary summary =
        runChecksumClients({Endpoint{QHostAddress(up.publicHost(share)), up.publicPort(share)}}, run);
    QVERIFY2(summary.allOk(), qPrintable(summary.describe()));
    QVERIFY2(m_relay.log().mid(mark).contains(QStringLiteral("admit: alice@example.org")),
             qPrintable(m_relay.log().mid(mark)));
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
    QVERIFY(writeRelayConfig(m_provider, QStringLiteral("@example.org")));
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
    const auto profile = RelayProfile::fromUrl(relayUrl());
    QVERIFY(profile.ok());
    TunnelEngine engine(*profile, options);
    bridge.attach(&engine);
    int refusals = 0;
    connect(&engine, &TunnelEngine::loginRefused, this, [&refusals] { ++refusals; });
    ShareHealth last;
    connect(&engine, &TunnelEngine::shareChanged, this, [&last](const ShareHealth& h) { last = h; });
    const qsizetype mark = m_relay.log().size();
    engine.publish(echoSpec());
    QVERIFY2(waitUntil([&] { return last.state == ShareState::Up; }, 2 * kSettleTimeoutMs),
             qPrintable(last.lastError + QStringLiteral("\nrelay log:\n") + m_relay.log().mid(mark)));
    QCOMPARE(refusals, 1);
    const QByteArray second = session.tokenCache().valid(0).value_or(labshare::secrets::SecretBytes()).exposed();
    QVERIFY(!second.isEmpty() && second != first);
    m_tokens.append(second);
    QVERIFY(m_relay.log().mid(mark).contains(QStringLiteral("HTTP 401")));
    engine.shutdown();
}

void TestRelayKit::tokensNeverReachTheLog() {
    QVERIFY2(m_tokens.size() >= 10, "the earlier cases sent their tokens");
    const QByteArray log = m_relay.log().toUtf8();
    QVERIFY(log.contains("labshare-relay-check: refuse:") && log.contains("labshare-relay-check: admit:"));
    for (const QByteArray& token : std::as_const(m_tokens)) {
        // Not the token, nor a piece of it long enough to matter.
        QVERIFY2(!log.contains(token.left(16)) && !log.contains(token.right(16)),
                 qPrintable(QStringLiteral("a token of %1 bytes is in the relay log").arg(token.size())));
    }
}

QTEST_GUILESS_MAIN(TestRelayKit)
#include "tst_relaykit.moc"
