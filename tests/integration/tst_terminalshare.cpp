// SPDX-License-Identifier: GPL-3.0-or-later
// Browser terminal shares (term/<port>): a real OpenSSH sshd plays the node (passwords checked through this
// run's own PAM service, asked as keyboard-interactive prompts), LabShare's terminal server in front of it,
// and a WebSocket client that does what the page does. First the server on its own (the key, the page, a
// login with `echo` and a resize, a dropped socket that comes back to the same shell, and every limit), then
// the real `labshare up` through the LAN relay and through a real OpenSSH relay, and headless chromium.
// Runs as root: sshd checks passwords through a per-run service in /etc/pam.d, removed at the end.
#include "BrowserUser.h"
#include "DropLine.h"
#include "FreePort.h"
#include "GateSignInPage.h"
#include "LabDir.h"
#include "LabshareUp.h"
#include "OidcProvider.h"
#include "PasswordPam.h"
#include "SshRelay.h"
#include "TerminalClient.h"
#include "Tools.h"
#include "Wait.h"

#include "terminal/TerminalKey.h"
#include "terminal/TerminalPage.h"
#include "tunnel/ssh/TerminalServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace labshare;
using namespace labshare::testsupport;

namespace {

const QByteArray kPassword = "node pass 41c9";

} // namespace

class TestTerminalShare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusesWithoutTheKey();
    void servesThePageAndXtermOnTheSameUrl();
    void logsInRunsEchoResizesAndDisconnects();
    void capsSessionsPerShareAndSaysSo();
    void closesOnAnOversizedFrame();
    void closesOnBinaryGarbage();
    void closesAClientThatNeverReads();
    void aDroppedSocketComesBackToTheSameShell();
    void aLateOrUnknownTokenLogsInAgain();
    void saysWhenTheNodeRefuses();
    void theWatchLinkMirrorsTheInstructorsTerminal();
    void throughTheLanRelay();
    void throughAnOpenSshRelay();
    void theInstructorsLoginLandsStudentsInTheShell();
    void aRealBrowserRunsACommand();
    void aRealBrowserWatchesTheInstructorsTerminal();
    void anAllowListPutsTheSignInPageFirst();
    void refusesAChangedHostKey(); // last: the node gets a new host key

private:
    // Opens a terminal on `server`'s own port and logs in; the client is left at a shell prompt.
    void logIn(TerminalClient& client, quint16 port, const QByteArray& key, const QString& host = "127.0.0.1");
    void runsEchoThroughUp(const QString& relayUrl);

    QTemporaryDir m_dir;
    PasswordPam m_pam{kPassword, QStringLiteral("labshare-test-term")};
    SshRelay m_node;  // the lab node's SSH server
    SshRelay m_relay; // an OpenSSH relay
    terminal::TerminalKeys m_keys;
    QByteArray m_key; // students'
    std::unique_ptr<tunnel::TerminalServer> m_server;
};

void TestTerminalShare::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFile::exists(terminal::defaultXtermDir() + QStringLiteral("/public/Terminal.js")),
             "xterm.js is missing: install the Debian package node-xterm");
    const QString pam = m_pam.install(m_node);
    QVERIFY2(pam.isEmpty(), qPrintable(pam));
    m_node.setExtraConfig(QStringLiteral("Match User %1\n    KbdInteractiveAuthentication yes\n").arg(m_node.user()));
    QVERIFY2(m_node.start(), qPrintable(m_node.errorString()));
    QVERIFY2(m_relay.start(), qPrintable(m_relay.errorString()));

    m_keys = terminal::TerminalKeys::fresh();
    m_key = m_keys.student;
    tunnel::TerminalOptions options;
    options.node = QStringLiteral("n1");
    options.targetHost = QStringLiteral("127.0.0.1");
    options.targetPort = m_node.port();
    options.keys = m_keys;
    options.knownHostsFile = m_dir.filePath(QStringLiteral("lab/node-host-keys"));
    options.maxSessions = 2;
    options.maxWatchers = 3;
    options.stallLimitMs = 2000;
    options.resumeWindowMs = 5000;
    m_server = std::make_unique<tunnel::TerminalServer>(options);
    const Result<quint16> port = m_server->start();
    QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
}

void TestTerminalShare::cleanupTestCase() {
    m_server.reset();
    m_node.stop();
    m_relay.stop();
}

void TestTerminalShare::logIn(TerminalClient& client, quint16 port, const QByteArray& key, const QString& host) {
    const QByteArray status = client.open(host, port, "/t/" + key);
    QVERIFY2(client.isOpen(), status.constData());
    QVERIFY2(client.waitFor("login as: "), qPrintable(client.diagnostics()));
    client.type(m_node.user().toUtf8() + '\r');
    QVERIFY2(client.waitFor("Password: "), qPrintable(client.diagnostics()));
    client.type(kPassword + '\r');
    // A marker the shell prints only once it runs what was typed.
    client.type("echo ready-$((40+2))\r");
    QVERIFY2(client.waitFor("ready-42"),
             qPrintable(client.diagnostics() + "\nnode's sshd:\n" + m_node.log().right(3000)));
    QVERIFY2(!client.screen().contains(kPassword), "the password was echoed");
}

void TestTerminalShare::refusesWithoutTheKey() {
    const quint16 port = m_server->port();
    const QByteArray wrong = terminal::newTerminalKey();
    const QList<QByteArray> targets = {
        "/", "/t/", "/t/" + wrong, "/t/" + wrong + "/xterm.js", "/t/" + m_key.left(20), "/?key=" + m_key};
    for (const QByteArray& target : targets) {
        const QByteArray answer = httpGet("127.0.0.1", port, target);
        QVERIFY2(answer.startsWith("HTTP/1.1 403 "), QByteArray(target + ": " + answer.left(200)).constData());
        QVERIFY(!answer.contains("<script"));
        QVERIFY(!answer.contains(m_key));
    }
    TerminalClient socket;
    const QByteArray status = socket.open("127.0.0.1", port, "/t/" + wrong);
    QVERIFY2(status.startsWith("HTTP/1.1 403 "), status.constData());
    QVERIFY(!socket.isOpen());
    QCOMPARE(m_server->sessions(), 0);
}

void TestTerminalShare::servesThePageAndXtermOnTheSameUrl() {
    const quint16 port = m_server->port();
    const QByteArray page = httpGet("127.0.0.1", port, "/t/" + m_key);
    QVERIFY2(page.startsWith("HTTP/1.1 200 OK"), page.left(200).constData());
    QVERIFY(page.contains("Terminal on n1"));
    const QByteArray script = httpGet("127.0.0.1", port, "/t/" + m_key + "/xterm.js");
    QVERIFY2(script.startsWith("HTTP/1.1 200 OK"), script.left(200).constData());
    QVERIFY(script.contains("define('./public/Terminal'"));
    QVERIFY(script.size() > 100000); // the whole of xterm.js, not Debian's 288-byte stub
    const QByteArray style = httpGet("127.0.0.1", port, "/t/" + m_key + "/xterm.css");
    QVERIFY2(style.startsWith("HTTP/1.1 200 OK") && style.contains(".xterm"), style.left(200).constData());
}

void TestTerminalShare::logsInRunsEchoResizesAndDisconnects() {
    TerminalClient client;
    QVERIFY2(client.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"),
             qPrintable(client.diagnostics()));
    QVERIFY2(client.waitFor("login as: "), qPrintable(client.diagnostics()));
    client.type(m_node.user().toUtf8() + '\r');
    QVERIFY2(client.waitFor("Password: "), qPrintable(client.diagnostics()));
    // The node remembered on first sight, and said so.
    QVERIFY2(client.screen().contains("First connection to n1") &&
                 client.screen().contains(m_node.hostKeyFingerprint().toUtf8()),
             qPrintable(client.diagnostics()));
    client.type("wrong password\r");
    QVERIFY2(client.waitFor("Access denied.\r\nPassword: "), qPrintable(client.diagnostics()));
    client.type(kPassword + '\r');
    client.type("echo te''rm-$((6*7))\r");
    QVERIFY2(client.waitFor("term-42"), qPrintable(client.diagnostics()));
    QCOMPARE(m_server->sessions(), 1);

    client.resize(100, 30);
    client.type("stty size\r");
    QVERIFY2(client.waitFor("30 100"), qPrintable(client.diagnostics()));

    client.type("exit\r");
    QVERIFY2(client.waitClosed(), qPrintable(client.diagnostics()));
    QCOMPARE(client.closeCode(), 1000);
    QVERIFY2(client.statuses().contains("session ended"), qPrintable(client.diagnostics()));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::capsSessionsPerShareAndSaysSo() {
    TerminalClient first, second, third;
    for (TerminalClient* c : {&first, &second}) {
        QVERIFY(c->open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
        QVERIFY2(c->waitFor("login as: "), qPrintable(c->diagnostics()));
    }
    QCOMPARE(m_server->sessions(), 2);
    QVERIFY(third.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QVERIFY2(third.waitFor("already has 2 sessions open"), qPrintable(third.diagnostics()));
    QVERIFY(third.waitClosed());
    QCOMPARE(third.closeCode(), 1008);
    first.closeSocket();
    second.closeSocket();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::closesOnAnOversizedFrame() {
    TerminalClient client;
    QVERIFY(client.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QVERIFY2(client.waitFor("login as: "), qPrintable(client.diagnostics()));
    client.sendFrame(0x81, 'i' + QByteArray(70000, 'x'));
    QVERIFY2(client.waitClosed(), qPrintable(client.diagnostics()));
    QCOMPARE(client.closeCode(), 1009);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::closesOnBinaryGarbage() {
    TerminalClient raw, binary;
    QVERIFY(raw.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QVERIFY(binary.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QByteArray garbage(4096, '\0');
    for (char& c : garbage)
        c = char(QRandomGenerator::global()->bounded(256));
    raw.sendRaw(garbage);
    binary.sendFrame(0x82, garbage.left(100));
    QVERIFY2(raw.waitClosed(), qPrintable(raw.diagnostics()));
    QVERIFY2(binary.waitClosed(), qPrintable(binary.diagnostics()));
    QCOMPARE(binary.closeCode(), 1003);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::closesAClientThatNeverReads() {
    TerminalClient client;
    logIn(client, m_server->port(), m_key);
    client.stopReading(4096);
    client.type("cat /dev/zero | base64\r");
    // Output piles up in the socket's buffers, then in LabShare's bounded one; the browser takes nothing for
    // stallLimitMs (2 s here), and the terminal closes.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 60000);
}

void TestTerminalShare::aDroppedSocketComesBackToTheSameShell() {
    TerminalClient first;
    logIn(first, m_server->port(), m_key);
    const QByteArray token = first.resumeToken();
    QCOMPARE(token.size(), 43);
    first.type("MARK=same-$((6*7))\r");
    first.type("sleep 1; echo while-$((2+2))-away\r"); // printed after the socket is gone
    first.closeSocket();                               // a network blip: no close frame, no goodbye
    QTest::qWait(1500);
    QCOMPARE(m_server->sessions(), 1); // the shell waits

    TerminalClient back;
    QVERIFY2(back.open("127.0.0.1", m_server->port(), "/t/" + m_key + "?resume=" + token).startsWith("HTTP/1.1 101"),
             qPrintable(back.diagnostics()));
    QVERIFY2(back.waitFor("while-4-away"), qPrintable(back.diagnostics())); // held for it meanwhile
    back.type("echo \"$MARK\"\r");
    QVERIFY2(back.waitFor("same-42"), qPrintable(back.diagnostics())); // the same shell, no new login
    QVERIFY2(!back.screen().contains("login as:"), qPrintable(back.diagnostics()));
    QCOMPARE(m_server->sessions(), 1);
    // Taken: the token does not bring a second tab into that shell.
    TerminalClient again;
    QVERIFY(again.open("127.0.0.1", m_server->port(), "/t/" + m_key + "?resume=" + token).startsWith("HTTP/1.1 101"));
    QVERIFY2(again.waitFor("login as: "), qPrintable(again.diagnostics()));
    again.closeSocket();
    back.type("exit\r");
    QVERIFY2(back.waitClosed(), qPrintable(back.diagnostics()));
    QCOMPARE(back.closeCode(), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::aLateOrUnknownTokenLogsInAgain() {
    TerminalClient first;
    logIn(first, m_server->port(), m_key);
    const QByteArray token = first.resumeToken();
    first.closeSocket();
    // resumeWindowMs is 5 s here: then the shell ends, and its token brings a new login.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 15000);
    for (const QByteArray& offered : {token, terminal::newTerminalKey()}) {
        TerminalClient late;
        QVERIFY(
            late.open("127.0.0.1", m_server->port(), "/t/" + m_key + "?resume=" + offered).startsWith("HTTP/1.1 101"));
        QVERIFY2(late.waitFor("The earlier session on n1 has ended. Log in again."), qPrintable(late.diagnostics()));
        QVERIFY2(late.waitFor("login as: "), qPrintable(late.diagnostics()));
    }
    // A token never stands in for the key.
    TerminalClient keyless;
    QVERIFY(keyless.open("127.0.0.1", m_server->port(), "/t/x?resume=" + token).startsWith("HTTP/1.1 403 "));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 10000);
}

void TestTerminalShare::saysWhenTheNodeRefuses() {
    tunnel::TerminalOptions options = m_server->options();
    options.targetPort = freeTcpPort(); // nothing listens there
    tunnel::TerminalServer refused(options);
    const Result<quint16> port = refused.start();
    QVERIFY(port.ok());
    TerminalClient client;
    QVERIFY(client.open("127.0.0.1", *port, "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QVERIFY2(client.waitFor("login as: "), qPrintable(client.diagnostics()));
    client.type("root\r");
    QVERIFY2(client.waitFor("Cannot reach n1 at 127.0.0.1:"), qPrintable(client.diagnostics()));
    QVERIFY(client.waitClosed());
}

// The instructor's own link is a terminal like the students'; every tab on the watch link shows what it shows, at
// its size, and nothing a watcher types reaches the node. One instructor's terminal at a time.
void TestTerminalShare::theWatchLinkMirrorsTheInstructorsTerminal() {
    const quint16 port = m_server->port();
    const QByteArray page = httpGet("127.0.0.1", port, "/t/" + m_keys.watcher);
    QVERIFY2(page.startsWith("HTTP/1.1 200") && page.contains("data-watch=\"1\""), page.left(300).constData());

    TerminalClient early; // watching before the instructor's terminal opens
    QVERIFY(early.open("127.0.0.1", port, "/t/" + m_keys.watcher).startsWith("HTTP/1.1 101"));
    QVERIFY2(!early.waitForMessage("waiting for the instructor's terminal").isEmpty(), qPrintable(early.diagnostics()));

    TerminalClient instructor;
    logIn(instructor, port, m_keys.presenter);
    QVERIFY2(!early.waitForMessage("watching the instructor's terminal").isEmpty(), qPrintable(early.diagnostics()));
    instructor.type("echo shown-$((6*7))\r");
    QVERIFY2(early.waitFor("shown-42"), qPrintable(early.diagnostics()));
    QVERIFY2(!early.screen().contains(kPassword), "the watcher saw the login");

    early.type("echo typed-by-$((1+1))-watcher\r"); // goes nowhere
    early.resize(33, 7);                            // neither does this
    instructor.resize(100, 30);
    QVERIFY2(!early.waitForMessage("z100x30").isEmpty(), qPrintable(early.diagnostics()));
    instructor.type("stty size\r");
    QVERIFY2(instructor.waitFor("30 100"), qPrintable(instructor.diagnostics()));
    QVERIFY2(early.waitFor("30 100"), qPrintable(early.diagnostics()));
    QVERIFY2(!instructor.screen().contains("typed-by-2-watcher"), instructor.screen().constData());

    TerminalClient late; // joins afterwards: sees what the terminal showed
    QVERIFY(late.open("127.0.0.1", port, "/t/" + m_keys.watcher).startsWith("HTTP/1.1 101"));
    QVERIFY2(late.waitFor("shown-42"), qPrintable(late.diagnostics()));
    TerminalClient third, fourth; // the cap: 3 viewers in this test
    QVERIFY(third.open("127.0.0.1", port, "/t/" + m_keys.watcher).startsWith("HTTP/1.1 101"));
    QVERIFY2(third.waitFor("shown-42"), qPrintable(third.diagnostics()));
    QVERIFY(fourth.open("127.0.0.1", port, "/t/" + m_keys.watcher).startsWith("HTTP/1.1 101"));
    QVERIFY2(fourth.waitFor("already has 3 viewers"), qPrintable(fourth.diagnostics()));
    QVERIFY(fourth.waitClosed());
    QCOMPARE(m_server->watchers(), 3);

    TerminalClient second; // the instructor's link in a second tab
    QVERIFY(second.open("127.0.0.1", port, "/t/" + m_keys.presenter).startsWith("HTTP/1.1 101"));
    QVERIFY2(second.waitFor("open in another tab already"), qPrintable(second.diagnostics()));
    QVERIFY(second.waitClosed());

    instructor.type("exit\r");
    QVERIFY(instructor.waitClosed());
    QVERIFY2(!early.waitForMessage("waiting for the instructor's terminal", 20000, 2).isEmpty(),
             qPrintable(early.diagnostics()));
    QVERIFY(early.isOpen());
    for (TerminalClient* viewer : {&early, &late, &third})
        viewer->closeSocket();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->watchers(), 0, 10000); // every viewer's place is given back
}

void TestTerminalShare::runsEchoThroughUp(const QString& relayUrl) {
    LabDir lab;
    QVERIFY2(
        lab.write({{QStringLiteral("n1"), QStringLiteral("127.0.0.1"), QStringLiteral("term/%1").arg(m_node.port())}}),
        qPrintable(lab.errorString()));
    LabshareUp up;
    QVERIFY2(up.start(lab.topologyFile(), relayUrl, {QStringLiteral("--accept-new-host-key")}),
             qPrintable(up.errorString()));
    const QString name = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("term"), m_node.port());
    QVERIFY2(up.waitForState(name, QStringLiteral("up"), 30000), qPrintable(up.diagnostics()));
    const QUrl url(up.lastEvent(name).url);
    QVERIFY2(url.isValid() && url.path().startsWith(QLatin1String("/t/")), qPrintable(up.diagnostics()));
    const QByteArray key = url.path().mid(3).toLatin1();
    QVERIFY(key.size() >= 22); // 128 bits or more
    // The instructor's own link and the watch link: other keys, on the same address.
    const QUrl present(up.lastEvent(name).json.value(QStringLiteral("present_url")).toString());
    const QUrl watch(up.lastEvent(name).json.value(QStringLiteral("watch_url")).toString());
    QCOMPARE(present.authority(), url.authority());
    QCOMPARE(watch.authority(), url.authority());
    QVERIFY(present.path() != url.path() && watch.path() != url.path() && present.path() != watch.path());
    QVERIFY(httpGet(url.host(), quint16(url.port()), watch.path().toLatin1()).contains("data-watch=\"1\""));
    TerminalClient client;
    logIn(client, quint16(url.port()), key, url.host());
    client.type("echo via-$((1+1))-relay\r");
    QVERIFY2(client.waitFor("via-2-relay"), qPrintable(client.diagnostics()));
    client.type("exit\r");
    QVERIFY2(client.waitClosed(), qPrintable(client.diagnostics()));
    QVERIFY2(!up.stderrText().contains(QString::fromLatin1(key)), "the key reached LabShare's log");
    QVERIFY(up.interrupt());
}

void TestTerminalShare::throughTheLanRelay() {
    runsEchoThroughUp(QStringLiteral("lan://127.0.0.1"));
}

void TestTerminalShare::throughAnOpenSshRelay() {
    runsEchoThroughUp(m_relay.relayUrl(m_relay.knownHostsFile()));
}

namespace {

// `labshare node-login ARGUMENTS` with `input` on stdin; its exit code, and its output in `output`.
int nodeLogin(const QStringList& arguments, const QByteArray& input, QByteArray* output) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(LabshareUp::program(), QStringList{QStringLiteral("node-login")} + arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return -1;
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

// The instructor sets the node's login once (`labshare node-login`, kept in the keychain); `up` then lands every
// browser tab straight in the shell: with a password (answered to the node's keyboard-interactive prompt) and with
// a private key. A login the node refuses is said in the terminal; after --forget, students log in themselves.
void TestTerminalShare::theInstructorsLoginLandsStudentsInTheShell() {
    LabDir lab;
    QVERIFY2(
        lab.write({{QStringLiteral("n1"), QStringLiteral("127.0.0.1"), QStringLiteral("term/%1").arg(m_node.port())}}),
        qPrintable(lab.errorString()));
    const QString name = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("term"), m_node.port());
    const QString user = m_node.user();
    // Opens a tab through a new `up` and waits until the terminal shows `text`.
    const auto openTab = [&](TerminalClient& client, LabshareUp& up, const QByteArray& text) {
        QVERIFY2(
            up.start(lab.topologyFile(), QStringLiteral("lan://127.0.0.1"), {QStringLiteral("--accept-new-host-key")}),
            qPrintable(up.errorString()));
        QVERIFY2(up.waitForState(name, QStringLiteral("up"), 30000), qPrintable(up.diagnostics()));
        const QUrl url(up.lastEvent(name).url);
        QVERIFY2(client.open(url.host(), quint16(url.port()), url.path().toLatin1()).startsWith("HTTP/1.1 101"),
                 qPrintable(up.diagnostics()));
        QVERIFY2(client.waitFor(text), qPrintable(client.diagnostics() + "\n" + up.diagnostics()));
    };
    QByteArray output;

    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), user}, kPassword + '\n', &output), 0);
    QVERIFY2(output.contains(QByteArray("log students in as " + user.toUtf8())), output.constData());
    {
        LabshareUp up;
        TerminalClient client;
        openTab(client, up, "");
        client.type("echo landed-$((6*7))\r");
        QVERIFY2(client.waitFor("landed-42"), qPrintable(client.diagnostics()));
        QVERIFY2(!client.screen().contains("login as:") && !client.screen().contains("Password:"),
                 client.screen().constData());
        QVERIFY2(client.statuses().contains(QByteArray(user.toUtf8() + "@n1")), qPrintable(client.diagnostics()));
        QVERIFY2(up.stderrText().contains(QStringLiteral("browser terminals on n1 log students in as ") + user),
                 qPrintable(up.diagnostics()));
        QVERIFY2(!up.stderrText().contains(QString::fromUtf8(kPassword)), "the password reached up's output");
        QVERIFY(up.interrupt());
    }

    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), user, QStringLiteral("--key"), m_node.clientKey()},
                       {}, &output),
             0);
    {
        LabshareUp up;
        TerminalClient client;
        openTab(client, up, "");
        client.type("echo keyed-$((6*7))\r");
        QVERIFY2(client.waitFor("keyed-42"), qPrintable(client.diagnostics()));
        QVERIFY2(!client.screen().contains("login as:"), client.screen().constData());
        QVERIFY(up.interrupt());
    }

    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), user}, "not the password\n", &output), 0);
    {
        LabshareUp up;
        TerminalClient client;
        openTab(client, up, QByteArray("n1 refused the login LabShare has for it (" + user.toUtf8() + ")"));
        QVERIFY(client.waitClosed());
        QVERIFY(up.interrupt());
    }

    // Bad input: a node the lab does not have, a user name no login has, a key file that is no key.
    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n9"), user}, kPassword + '\n', &output), 2);
    QVERIFY2(output.contains("has no node 'n9'"), output.constData());
    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), QStringLiteral("a@b")}, kPassword + '\n', &output),
             2);
    QVERIFY2(output.contains("a login name cannot have"), output.constData());
    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), user, QStringLiteral("--key"), lab.topologyFile()},
                       {}, &output),
             2);
    QVERIFY2(output.contains("is not a private key"), output.constData());

    QCOMPARE(nodeLogin({lab.topologyFile(), QStringLiteral("n1"), QStringLiteral("--forget")}, {}, &output), 0);
    {
        LabshareUp up;
        TerminalClient client;
        openTab(client, up, "login as: ");
        QVERIFY(up.interrupt());
    }
}

namespace {

// Chromium's DevTools protocol on a page, over the same WebSocket client.
class DevTools {
public:
    bool open(quint16 port, QString* error) {
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            const QByteArray answer = httpGet("127.0.0.1", port, "/json/list", 2000);
            const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
            for (const QJsonValue& target : QJsonDocument::fromJson(body).array()) {
                const QUrl ws(target.toObject().value("webSocketDebuggerUrl").toString());
                if (target.toObject().value("type").toString() == "page" && ws.isValid()) {
                    const QByteArray status = m_socket.open("127.0.0.1", port, ws.path().toUtf8());
                    if (!m_socket.isOpen())
                        *error = QString::fromUtf8(status);
                    return m_socket.isOpen();
                }
            }
            QTest::qWait(200);
        }
        *error = "no page in chromium's /json/list";
        return false;
    }
    QJsonObject call(const QString& method, const QJsonObject& params) {
        const int id = ++m_id;
        m_socket.sendText(QJsonDocument(QJsonObject{{"id", id}, {"method", method}, {"params", params}})
                              .toJson(QJsonDocument::Compact));
        const QByteArray answer = m_socket.waitForMessage("{\"id\":" + QByteArray::number(id) + ',');
        return QJsonDocument::fromJson(answer).object();
    }
    QString evaluate(const QString& expression) {
        const QJsonObject r = call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
        return r.value("result").toObject().value("result").toObject().value("value").toString();
    }
    // Keys as a person types them: characters as key presses, Enter as the key.
    void type(const QString& text) {
        for (const QChar c : text) {
            if (c == '\r')
                call("Input.dispatchKeyEvent", {{"type", "keyDown"},
                                                {"key", "Enter"},
                                                {"code", "Enter"},
                                                {"windowsVirtualKeyCode", 13},
                                                {"text", "\r"}});
            else
                call("Input.dispatchKeyEvent", {{"type", "char"}, {"text", QString(c)}});
        }
    }
    // What `expression` evaluates to, whitespace left out, as xterm's DOM renderer lays a row's spaces out as it likes.
    QString evaluateWithoutSpaces(const QString& expression) { return withoutSpaces(evaluate(expression)); }
    // Waits until `expression` evaluates to text containing `text`; whitespace is left out on both sides.
    bool waitForPage(const QString& expression, const QString& text, int timeoutMs = 20000) {
        const QString wanted = withoutSpaces(text);
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (evaluateWithoutSpaces(expression).contains(wanted))
                return true;
            QTest::qWait(200);
        }
        return false;
    }

private:
    static QString withoutSpaces(QString text) {
        static const QRegularExpression space(QStringLiteral("[\\s\\x{00a0}]"));
        return text.remove(space);
    }

    TerminalClient m_socket;
    int m_id = 0;
};

// Headless chromium on `url`, in real time (a WebSocket needs it; --dump-dom's virtual time does not wait for
// one), driven through DevTools; killed at the end.
class LiveBrowser {
public:
    ~LiveBrowser() {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    bool start(const QString& url, QString* error) {
        const QString binary = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        if (binary.isEmpty()) {
            *error = "chromium is not installed (installer/dependencies.sh test installs it)";
            return false;
        }
        const quint16 devtools = freeTcpPort();
        m_process.start(binary, {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                 "--window-size=1000,560", "--user-data-dir=" + m_profile.path(),
                                 QStringLiteral("--remote-debugging-port=%1").arg(devtools), url});
        if (!m_process.waitForStarted()) {
            *error = m_process.errorString();
            return false;
        }
        return page.open(devtools, error);
    }
    void kill() { m_process.kill(); }

    DevTools page;

private:
    QTemporaryDir m_profile;
    QProcess m_process;
};

// The page as the browser draws it, into LABSHARE_SCREENSHOT_DIR.
bool savePageScreenshot(DevTools& page, const QString& name) {
    const QJsonObject shot = page.call("Page.captureScreenshot", {{"format", "png"}});
    const QByteArray png = QByteArray::fromBase64(shot.value("result").toObject().value("data").toString().toLatin1());
    const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath(name);
    QFile out(file);
    if (!png.startsWith("\x89PNG") || !out.open(QIODevice::WriteOnly) || out.write(png) != png.size())
        return false;
    qInfo("screenshot: %s", qPrintable(file));
    return true;
}

const QString kScreen = QStringLiteral("document.querySelector('.xterm-rows') ? "
                                       "document.querySelector('.xterm-rows').innerText : ''");
const QString kStatus = QStringLiteral("document.getElementById('status').textContent");

} // namespace

void TestTerminalShare::aRealBrowserRunsACommand() {
    DropLine line; // the classroom's network, which will drop for a moment
    QVERIFY2(line.start(m_server->port()), qPrintable(line.errorString()));
    LiveBrowser browser;
    QString error;
    QVERIFY2(browser.start(QStringLiteral("http://127.0.0.1:%1/t/%2").arg(line.port()).arg(QString::fromLatin1(m_key)),
                           &error),
             qPrintable(error));
    DevTools& page = browser.page;
    QVERIFY2(page.waitForPage(kScreen, "login as:"), qPrintable(page.evaluate(kScreen) + page.evaluate(kStatus)));
    page.type(m_node.user() + '\r');
    QVERIFY2(page.waitForPage(kScreen, "Password:"), qPrintable(page.evaluate(kScreen)));
    page.type(QString::fromUtf8(kPassword) + '\r');
    QVERIFY2(page.waitForPage(kStatus, "@n1"), qPrintable(page.evaluate(kScreen) + page.evaluate(kStatus)));
    page.type("echo Hello from a browser tab, $((6*7)) && uname -sr\r");
    QVERIFY2(page.waitForPage(kScreen, "Hello from a browser tab, 42"), qPrintable(page.evaluate(kScreen)));
    QVERIFY(!page.evaluate(kScreen).contains(QString::fromUtf8(kPassword)));

    QVERIFY(savePageScreenshot(page, QStringLiteral("browser-terminal.png")));

    // The network drops: the page says so and keeps trying; once it is back, the page has the same shell.
    page.type("MARK=back-$((5*5)); echo mar''ked\r");
    QVERIFY2(page.waitForPage(kScreen, "marked"), qPrintable(page.evaluate(kScreen))); // the shell has it
    line.drop();
    line.closeDropped();
    QVERIFY2(page.waitForPage(kStatus, "reconnecting"), qPrintable(page.evaluate(kStatus)));
    QTest::qWait(1500);
    line.restore();
    QVERIFY2(page.waitForPage(kStatus, "@n1"), qPrintable(page.evaluate(kScreen) + page.evaluate(kStatus)));
    page.type("echo \"$MARK\"\r");
    QVERIFY2(page.waitForPage(kScreen, "back-25"), qPrintable(page.evaluate(kScreen)));
    QVERIFY(savePageScreenshot(page, QStringLiteral("browser-terminal-back.png")));
    QCOMPARE(page.evaluateWithoutSpaces(kScreen).count(QStringLiteral("loginas:")), 1); // no second login
    QCOMPARE(m_server->sessions(), 1);
    browser.kill();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->sessions(), 0, 20000);
}

// The watch link in headless chromium: the page follows what the instructor's terminal shows, live, and what is
// typed on it reaches nothing. A screenshot goes to docs as browser-terminal-watch.png.
void TestTerminalShare::aRealBrowserWatchesTheInstructorsTerminal() {
    TerminalClient instructor;
    logIn(instructor, m_server->port(), m_keys.presenter);
    instructor.resize(90, 16);
    instructor.type("clear; echo 'Demo: the routing table of n1'; ip route 2>/dev/null | head -3; uname -sr\r");
    QVERIFY2(instructor.waitFor("Demo: the routing table"), qPrintable(instructor.diagnostics()));
    LiveBrowser browser;
    QString error;
    QVERIFY2(
        browser.start(
            QStringLiteral("http://127.0.0.1:%1/t/%2").arg(m_server->port()).arg(QString::fromLatin1(m_keys.watcher)),
            &error),
        qPrintable(error));
    DevTools& page = browser.page;
    QVERIFY2(page.waitForPage(kStatus, "watching the instructor's terminal"), qPrintable(page.evaluate(kStatus)));
    QVERIFY2(page.waitForPage(kScreen, "Demo: the routing table"), qPrintable(page.evaluate(kScreen)));
    instructor.type("echo live-$((2*21))\r");
    QVERIFY2(page.waitForPage(kScreen, "live-42"), qPrintable(page.evaluate(kScreen)));
    page.type("echo from-the-$((1+1))-watcher\r");
    instructor.type("echo after-$((3*3))\r");
    QVERIFY2(instructor.waitFor("after-9"), qPrintable(instructor.diagnostics()));
    QVERIFY2(page.waitForPage(kScreen, "after-9"), qPrintable(page.evaluate(kScreen)));
    QVERIFY2(!instructor.screen().contains("from-the-2-watcher"), instructor.screen().constData());
    QVERIFY(savePageScreenshot(page, QStringLiteral("browser-terminal-watch.png")));
    instructor.type("exit\r");
    QVERIFY2(page.waitForPage(kStatus, "waiting for the instructor's terminal"), qPrintable(page.evaluate(kStatus)));
    browser.kill();
}

void TestTerminalShare::anAllowListPutsTheSignInPageFirst() {
    // term/<port>/example.org through the real `labshare up` (LAN relay) with the gate: the handout link opens the
    // gate's sign-in page; once a listed student approved, the same link is the terminal, its socket through the
    // gate too, and the login prompt comes.
    OidcProvider provider;
    QVERIFY2(provider.start({"--device-interval", "1"}), qPrintable(provider.error()));
    LabDir lab;
    QVERIFY2(lab.write({{QStringLiteral("n1"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("term/%1/example.org").arg(m_node.port())}}),
             qPrintable(lab.errorString()));
    LabshareUp up;
    QVERIFY2(up.start(lab.topologyFile(), QStringLiteral("lan://127.0.0.1"),
                      {QStringLiteral("--accept-new-host-key"), QStringLiteral("--issuer"),
                       provider.issuer().toString(), QStringLiteral("--client-id"), provider.clientId()}),
             qPrintable(up.errorString()));
    const QString name = LabDir::shareName(QStringLiteral("n1"), QStringLiteral("term"), m_node.port());
    QVERIFY2(up.waitForState(name, QStringLiteral("up"), 30000), qPrintable(up.diagnostics()));
    const QUrl url(up.lastEvent(name).url);
    QVERIFY2(url.path().startsWith(QLatin1String("/t/")), qPrintable(up.diagnostics()));

    LiveBrowser browser;
    QString error;
    QVERIFY2(browser.start(url.toString(), &error), qPrintable(error));
    const QString html = QStringLiteral("document.documentElement.outerHTML");
    ShownCode shown;
    QVERIFY2(waitUntil([&] { return !(shown = shownCode(browser.page.evaluate(html))).code.isEmpty(); }, 30000),
             qPrintable(browser.page.evaluate(html)));
    QVERIFY(!browser.page.evaluate(html).contains(QLatin1String("xterm"))); // nothing of the terminal before it
    BrowserUser phone;
    QVERIFY2(phone.approveDevice(shown.link, "alice", "alice-pass"), qPrintable(phone.error()));
    // The sign-in page reloads itself once the gate has the student's ticket: the terminal, and its login.
    QVERIFY2(browser.page.waitForPage(kScreen, "n1 login as:", 40000),
             qPrintable(browser.page.evaluate(html).right(2000) + up.diagnostics()));
    QVERIFY2(browser.page.waitForPage(kStatus, "n1"), qPrintable(browser.page.evaluate(kStatus)));
    QVERIFY(up.interrupt());
}

void TestTerminalShare::refusesAChangedHostKey() {
    QVERIFY2(m_node.regenerateHostKey(), qPrintable(m_node.errorString()));
    TerminalClient client;
    QVERIFY(client.open("127.0.0.1", m_server->port(), "/t/" + m_key).startsWith("HTTP/1.1 101"));
    QVERIFY2(client.waitFor("login as: "), qPrintable(client.diagnostics()));
    client.type(m_node.user().toUtf8() + '\r');
    QVERIFY2(client.waitFor("has CHANGED"), qPrintable(client.diagnostics()));
    QVERIFY2(client.screen().contains(m_node.hostKeyFingerprint().toUtf8()), qPrintable(client.diagnostics()));
    QVERIFY(!client.screen().contains("Password: "));
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 1008);
}

QTEST_GUILESS_MAIN(TestTerminalShare)
#include "tst_terminalshare.moc"
