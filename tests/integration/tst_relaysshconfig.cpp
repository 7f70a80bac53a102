// SPDX-License-Identifier: GPL-3.0-or-later
// `labshare up` against a real OpenSSH sshd with a real ~/.ssh/config in its HOME. What the relay URL says
// wins (port, user, identity), as in ssh; the configuration fills in only what the URL left open. And libssh's
// own messages ("socket_callback_connected: …", a missing /etc/ssh/ssh_known_hosts) stay off stderr unless -v.
#include "EchoLab.h"
#include "LabshareUp.h"
#include "SshRelay.h"
#include "Wait.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace labshare::testsupport;

namespace {

constexpr int kTimeoutMs = 30000;

bool writeSshConfig(const QString& home, const QString& text) {
    const QString dir = QDir(home).filePath(QStringLiteral(".ssh"));
    if (!QDir().mkpath(dir))
        return false;
    QFile file(QDir(dir).filePath(QStringLiteral("config")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray bytes = text.toUtf8();
    return file.write(bytes) == bytes.size() &&
           file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // ssh wants it private
}

// libssh's own log lines: "ssh_channel_accept: No channel request of this type from server" (every poll while a
// relay is up), "socket_callback_connected: …", a missing ssh_known_hosts, with or without a category in front, or
// as libssh's default logger prints them ("[2026/12/04 05:30:00.123456, 1] function: …").
QStringList libsshLines(const QString& text) {
    static const QRegularExpression re(
        QStringLiteral("libssh|\\b(ssh|socket|channel)_[a-z_]+: |ssh_known_hosts|\\[\\d{4}/\\d\\d/\\d\\d"));
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (re.match(line).hasMatch())
            out << line;
    return out;
}

} // namespace

class TestRelaySshConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void urlBeatsConfig_data();
    void urlBeatsConfig();
    void configFillsWhatTheUrlLeftOpen();
    void libsshChatterStaysOffStderr();
    void verboseShowsLibsshMessages();

private:
    // Runs `labshare up` with `sshConfig` in its HOME's ~/.ssh/config and reports whether the share came up.
    bool comesUp(const QString& sshConfig, const QString& url, QString* diagnostics, const QStringList& extra = {},
                 QString* stderrText = nullptr);

    SshRelay m_relay;
    QString m_knownHosts;
};

void TestRelaySshConfig::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));
    m_knownHosts = m_relay.knownHostsFile();
    QVERIFY(!m_knownHosts.isEmpty());
}

bool TestRelaySshConfig::comesUp(const QString& sshConfig, const QString& url, QString* diagnostics,
                                 const QStringList& extra, QString* stderrText) {
    EchoLab lab(1, 31);
    if (!lab.start()) {
        *diagnostics = lab.errorString();
        return false;
    }
    LabshareUp up;
    if (!sshConfig.isEmpty() && !writeSshConfig(up.homeDirectory(), sshConfig)) {
        *diagnostics = QStringLiteral("cannot write ~/.ssh/config in %1").arg(up.homeDirectory());
        return false;
    }
    const qsizetype mark = m_relay.log().size();
    if (!up.start(lab.topologyFile(), url, extra)) {
        *diagnostics = up.diagnostics();
        return false;
    }
    const QString name = lab.shareNames().constFirst();
    (void)waitUntil([&] { return up.lastState(name) == "up" || up.lastState(name) == "failed" || !up.isRunning(); },
                    kTimeoutMs);
    const bool cameUp = up.lastState(name) == "up";
    (void)up.interrupt(kTimeoutMs);
    *diagnostics = up.diagnostics() + QStringLiteral("\n~/.ssh/config:\n") + sshConfig +
                   QStringLiteral("\nrelay log:\n") + m_relay.log().mid(mark);
    if (stderrText)
        *stderrText = up.stderrText();
    return cameUp;
}

void TestRelaySshConfig::urlBeatsConfig_data() {
    QTest::addColumn<QString>("config");
    // Each configuration would make the login fail if it won over the URL, which names the relay's port, the
    // user its key logs in as, and that key.
    QTest::newRow("port") << QStringLiteral("Host 127.0.0.1\n    Port 1\n");
    QTest::newRow("user") << QStringLiteral("Host 127.0.0.1\n    User labshare-nobody\n");
    QTest::newRow("identity") << QStringLiteral("Host 127.0.0.1\n    IdentityFile /nonexistent/id_ed25519\n"
                                                "    IdentitiesOnly yes\n");
    QTest::newRow("all three, after Host *")
        << QStringLiteral("Host *\n    Port 1\n    User labshare-nobody\n    IdentityFile /nonexistent/key\n");
}

void TestRelaySshConfig::urlBeatsConfig() {
    QFETCH(QString, config);
    QString diagnostics;
    QVERIFY2(comesUp(config, m_relay.relayUrl(m_knownHosts), &diagnostics), qPrintable(diagnostics));
}

void TestRelaySshConfig::configFillsWhatTheUrlLeftOpen() {
    // The URL names only an alias: the configuration gives the address, port, user and key.
    const QString config = QStringLiteral("Host labshare-relay-alias\n    HostName 127.0.0.1\n    Port %1\n"
                                          "    User %2\n    IdentityFile %3\n")
                               .arg(m_relay.port())
                               .arg(m_relay.user(), m_relay.clientKey());
    QUrl url;
    url.setScheme(QStringLiteral("ssh"));
    url.setHost(QStringLiteral("labshare-relay-alias"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("flavor"), QStringLiteral("openssh"));
    query.addQueryItem(QStringLiteral("public-host"), QStringLiteral("127.0.0.1"));
    query.addQueryItem(QStringLiteral("bind"), QStringLiteral("127.0.0.1"));
    query.addQueryItem(QStringLiteral("known-hosts"), m_knownHosts);
    url.setQuery(query);
    QString diagnostics;
    QVERIFY2(comesUp(config, url.toString(QUrl::FullyEncoded), &diagnostics), qPrintable(diagnostics));
    // And without the configuration the alias leads nowhere: the configuration really was what filled it in.
    QVERIFY2(!comesUp(QString(), url.toString(QUrl::FullyEncoded), &diagnostics), qPrintable(diagnostics));
}

void TestRelaySshConfig::libsshChatterStaysOffStderr() {
    QString diagnostics;
    QString stderrText;
    QVERIFY2(comesUp(QString(), m_relay.relayUrl(m_knownHosts), &diagnostics, {}, &stderrText),
             qPrintable(diagnostics));
    const QStringList chatter = libsshLines(stderrText);
    QVERIFY2(chatter.isEmpty(), qPrintable(chatter.join(QLatin1Char('\n'))));
}

void TestRelaySshConfig::verboseShowsLibsshMessages() {
    QString diagnostics;
    QString stderrText;
    QVERIFY2(comesUp(QString(), m_relay.relayUrl(m_knownHosts), &diagnostics, {QStringLiteral("-v")}, &stderrText),
             qPrintable(diagnostics));
    QVERIFY2(!libsshLines(stderrText).isEmpty(), qPrintable(stderrText));
}

QTEST_GUILESS_MAIN(TestRelaySshConfig)
#include "tst_relaysshconfig.moc"
