// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

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

    void otherVerbsAreUnchanged() {
        QCOMPARE(parseCommandLine({"labshare"}).verb, Invocation::Verb::Gui);
        QCOMPARE(parseCommandLine({"labshare", "lab.clab.yml"}).file, QString("lab.clab.yml"));
        QCOMPARE(parseCommandLine({"labshare", "up", "lab.clab.yml"}).verb, Invocation::Verb::Up);
        QCOMPARE(parseCommandLine({"labshare", "--version"}).verb, Invocation::Verb::Version);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
