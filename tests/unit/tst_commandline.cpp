// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using labshare::app::Invocation;
using labshare::app::parseCommandLine;

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void login() {
        const Invocation plain = parseCommandLine({"labshare", "login"});
        QCOMPARE(plain.verb, Invocation::Verb::Login);
        QVERIFY(!plain.browser);
        QVERIFY(plain.issuer.isEmpty());
        const Invocation full = parseCommandLine({"labshare", "login", "--issuer", "https://id.example.org",
                                                  "--client-id", "labshare", "--browser", "--no-browser"});
        QCOMPARE(full.verb, Invocation::Verb::Login);
        QCOMPARE(full.issuer, QString("https://id.example.org"));
        QCOMPARE(full.clientId, QString("labshare"));
        QVERIFY(full.browser);
        QVERIFY(full.noBrowser);
        QCOMPARE(parseCommandLine({"labshare", "login", "--device"}).verb, Invocation::Verb::Login);
        QCOMPARE(full.redirectPort, -1); // the settings' port
        QVERIFY(!full.clientSecretGiven);

        const Invocation secret = parseCommandLine(
            {"labshare", "login", "--client-secret", "s3", "--browser", "--redirect-port", "8765", "--timeout", "120"});
        QCOMPARE(secret.verb, Invocation::Verb::Login);
        QVERIFY(secret.clientSecretGiven);
        QCOMPARE(secret.clientSecret, QString("s3"));
        QCOMPARE(secret.redirectPort, 8765);
        QCOMPARE(secret.signInTimeout, 120);
        QCOMPARE(parseCommandLine({"labshare", "login", "--redirect-port", "0"}).redirectPort, 0); // any port again
        QCOMPARE(parseCommandLine({"labshare", "login", "--scope", " openid  email "}).scope, QString("openid email"));
        const Invocation forget = parseCommandLine({"labshare", "login", "--client-secret", ""});
        QVERIFY(forget.clientSecretGiven && forget.clientSecret.isEmpty());
    }

    void loginMistakes_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("both flows") << QStringList{"labshare", "login", "--device", "--browser"} << "not both";
        QTest::newRow("no-browser alone") << QStringList{"labshare", "login", "--no-browser"} << "goes with --browser";
        QTest::newRow("issuer without value")
            << QStringList{"labshare", "login", "--issuer"} << "--issuer needs a value";
        QTest::newRow("unknown") << QStringList{"labshare", "login", "--password", "x"}
                                 << "unknown argument --password";
        QTest::newRow("logout argument") << QStringList{"labshare", "logout", "now"} << "takes no arguments";
        QTest::newRow("port too large") << QStringList{"labshare", "login", "--redirect-port", "65536"}
                                        << "from 1 to 65535, or 0";
        QTest::newRow("port not a number")
            << QStringList{"labshare", "login", "--redirect-port", "http"} << "(got http)";
        QTest::newRow("timeout without browser")
            << QStringList{"labshare", "login", "--timeout", "60"} << "--timeout goes with --browser";
        QTest::newRow("timeout too short")
            << QStringList{"labshare", "login", "--browser", "--timeout", "1"} << "from 10 to 3600";
        QTest::newRow("scope without openid")
            << QStringList{"labshare", "login", "--scope", "email profile"} << "--scope must include openid";
        QTest::newRow("secret without value")
            << QStringList{"labshare", "login", "--client-secret"} << "--client-secret needs a value";
    }
    void loginMistakes() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Invocation inv = parseCommandLine(arguments);
        QCOMPARE(inv.verb, Invocation::Verb::Invalid);
        QVERIFY2(inv.text.contains(message), qPrintable(inv.text));
        QVERIFY(inv.text.contains("labshare login [--issuer URL]")); // the usage follows
    }

    void logout() { QCOMPARE(parseCommandLine({"labshare", "logout"}).verb, Invocation::Verb::Logout); }

    void nodeLogin() {
        Invocation inv = parseCommandLine({"labshare", "node-login", "lab.yml", "n1", "admin", "--key", "k"});
        QCOMPARE(inv.verb, Invocation::Verb::NodeLogin);
        QCOMPARE(inv.file, QStringLiteral("lab.yml"));
        QCOMPARE(inv.node, QStringLiteral("n1"));
        QCOMPARE(inv.loginUser, QStringLiteral("admin"));
        QCOMPARE(inv.keyFile, QStringLiteral("k"));
        inv = parseCommandLine({"labshare", "node-login", "lab.yml", "n1", "--forget"});
        QCOMPARE(inv.verb, Invocation::Verb::NodeLogin);
        QVERIFY(inv.forget && inv.loginUser.isEmpty());
        for (const QStringList& wrong :
             {QStringList{"labshare", "node-login", "lab.yml", "n1"},
              QStringList{"labshare", "node-login", "lab.yml", "n1", "admin", "--forget"},
              QStringList{"labshare", "node-login", "lab.yml", "n1", "--forget", "--key", "k"},
              QStringList{"labshare", "node-login", "lab.yml", "n1", "admin", "--key"},
              QStringList{"labshare", "node-login", "lab.yml", "n1", "admin", "--pw"}}) {
            const Invocation bad = parseCommandLine(wrong);
            QVERIFY2(bad.verb == Invocation::Verb::Invalid, qPrintable(wrong.join(u' ')));
            QVERIFY2(bad.text.startsWith(QStringLiteral("labshare node-login: ")), qPrintable(bad.text));
        }
    }

    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QFile lab(m_dir.filePath("lab.clab.yml"));
        QVERIFY(lab.open(QIODevice::WriteOnly));
        QVERIFY(QDir::setCurrent(m_dir.path()));
    }

    void otherVerbsAreUnchanged() {
        QCOMPARE(parseCommandLine({"labshare"}).verb, Invocation::Verb::Gui);
        QCOMPARE(parseCommandLine({"labshare", "lab.clab.yml"}).verb, Invocation::Verb::Gui);
        QCOMPARE(parseCommandLine({"labshare", "lab.clab.yml"}).file, QString("lab.clab.yml"));
        QCOMPARE(parseCommandLine({"labshare", "-platform", "offscreen", "lab.clab.yml"}).file,
                 QString("lab.clab.yml"));
        QCOMPARE(parseCommandLine({"labshare", "up", "lab.clab.yml"}).verb, Invocation::Verb::Up);
        QCOMPARE(parseCommandLine({"labshare", "--version"}).verb, Invocation::Verb::Version);
    }

    void upEndsAfterADurationOrAtATime() {
        QCOMPARE(parseCommandLine({"labshare", "up", "lab.clab.yml", "--for", "90m"}).endFor, QString("90m"));
        QCOMPARE(parseCommandLine({"labshare", "up", "lab.clab.yml", "--until", "17:00"}).endAt, QString("17:00"));
        const Invocation both = parseCommandLine({"labshare", "up", "lab.clab.yml", "--for", "1h", "--until", "17:00"});
        QCOMPARE(both.verb, Invocation::Verb::Invalid);
        QVERIFY2(both.text.contains("give --for or --until once"), qPrintable(both.text));
        QCOMPARE(parseCommandLine({"labshare", "up", "lab.clab.yml", "--for"}).verb, Invocation::Verb::Invalid);
    }

    // A word that is neither a verb nor an existing file is an unknown command; a path that does not exist is
    // "no such file". Both are bad input (exit 2) decided while parsing, before anything needs a display.
    void unknownVerbsAndMissingFiles_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown verb") << QStringList{"labshare", "frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("verb-like word after Qt options")
            << QStringList{"labshare", "-style", "fusion", "lst"} << "unknown command 'lst'";
        QTest::newRow("missing .clab.yml")
            << QStringList{"labshare", "missing.clab.yml"} << "no such file: missing.clab.yml";
        QTest::newRow("missing .yaml") << QStringList{"labshare", "lab.YAML"} << "no such file: lab.YAML";
        QTest::newRow("missing path") << QStringList{"labshare", "labs/frobnicate"} << "no such file: labs/frobnicate";
        QTest::newRow("missing absolute path")
            << QStringList{"labshare", "/nonexistent/lab"} << "no such file: /nonexistent/lab";
    }
    void unknownVerbsAndMissingFiles() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Invocation inv = parseCommandLine(arguments);
        QCOMPARE(inv.verb, Invocation::Verb::Invalid);
        QVERIFY2(inv.text.startsWith("labshare: " + message), qPrintable(inv.text));
    }

    void anExistingFileOpensEvenWhenItLooksLikeAVerb() {
        QFile file(m_dir.filePath("frobnicate"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Invocation inv = parseCommandLine({"labshare", "frobnicate"});
        QFile::remove(m_dir.filePath("frobnicate"));
        QCOMPARE(inv.verb, Invocation::Verb::Gui);
        QCOMPARE(inv.file, QString("frobnicate"));
        QCOMPARE(parseCommandLine({"labshare", m_dir.filePath("lab.clab.yml")}).verb, Invocation::Verb::Gui);
        QCOMPARE(parseCommandLine({"labshare", "frobnicate"}).verb, Invocation::Verb::Invalid);
    }

    void theDesktopAppNeedsADisplay_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<bool>("canStart");
        QTest::newRow("nothing") << QStringList{"labshare"} << QString() << false;
        QTest::newRow("nothing, with a file") << QStringList{"labshare", "lab.clab.yml"} << QString() << false;
        QTest::newRow("empty DISPLAY") << QStringList{"labshare"} << "DISPLAY=" << false;
        QTest::newRow("DISPLAY") << QStringList{"labshare"} << "DISPLAY=:0" << true;
        QTest::newRow("WAYLAND_DISPLAY") << QStringList{"labshare"} << "WAYLAND_DISPLAY=wayland-0" << true;
        QTest::newRow("QT_QPA_PLATFORM") << QStringList{"labshare"} << "QT_QPA_PLATFORM=offscreen" << true;
        QTest::newRow("-platform") << QStringList{"labshare", "-platform", "offscreen"} << QString() << true;
        QTest::newRow("-display") << QStringList{"labshare", "-display", ":1"} << QString() << true;
    }
    void theDesktopAppNeedsADisplay() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(bool, canStart);
        QProcessEnvironment environment;
        environment.insert("HOME", "/home/teacher");
        if (!variable.isEmpty())
            environment.insert(variable.section('=', 0, 0), variable.section('=', 1));
        const Invocation inv = parseCommandLine(arguments);
        QCOMPARE(inv.verb, Invocation::Verb::Gui);
        const QString problem = labshare::app::missingDisplay(inv, environment);
        QCOMPARE(problem.isEmpty(), canStart);
        if (!canStart) {
            QVERIFY2(problem.startsWith("labshare: no display"), qPrintable(problem));
            QVERIFY2(problem.contains("inspect, up, login, logout, connect and node-login"), qPrintable(problem));
            QVERIFY(!problem.contains('\n'));
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
