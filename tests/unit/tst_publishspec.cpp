// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/PublishSpec.h"

#include <QTest>

using namespace labshare::topology;

class TestPublishSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesValidEntries_data();
    void parsesValidEntries();
    void rejectsBadEntries_data();
    void rejectsBadEntries();
    void splitsEmailsAndDomains();
    void namesTypesAndOrigins();
};

void TestPublishSpec::parsesValidEntries_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("port");
    QTest::addColumn<QStringList>("allowed");

    QTest::newRow("tcp") << "tcp/22"
                         << "tcp" << 22 << QStringList();
    QTest::newRow("tls") << "tls/57400"
                         << "tls" << 57400 << QStringList();
    QTest::newRow("http") << "http/8080"
                          << "http" << 8080 << QStringList();
    QTest::newRow("https") << "https/443"
                           << "https" << 443 << QStringList();
    QTest::newRow("term") << "term/22"
                          << "term" << 22 << QStringList();
    QTest::newRow("term with allowed") << "term/2222/alice@example.com"
                                       << "term" << 2222 << QStringList{QStringLiteral("alice@example.com")};
    QTest::newRow("ssh is read as tcp") << "ssh/22"
                                        << "tcp" << 22 << QStringList();
    QTest::newRow("lowest port") << "tcp/1"
                                 << "tcp" << 1 << QStringList();
    QTest::newRow("highest port") << "tcp/65535"
                                  << "tcp" << 65535 << QStringList();
    QTest::newRow("surrounding space") << "  tcp/22 "
                                       << "tcp" << 22 << QStringList();
    QTest::newRow("e-mail and domain") << "tls/57400/instructor@example.edu,example.edu"
                                       << "tls" << 57400 << QStringList{"instructor@example.edu", "example.edu"};
    QTest::newRow("items trimmed") << "http/3000/example.edu, partner.example.com"
                                   << "http" << 3000 << QStringList{"example.edu", "partner.example.com"};
    QTest::newRow("empty items dropped") << "tcp/22/a@b.com,,x@y.com,"
                                         << "tcp" << 22 << QStringList{"a@b.com", "x@y.com"};
    QTest::newRow("repeated item once") << "tcp/22/a@b.com,a@b.com"
                                        << "tcp" << 22 << QStringList{"a@b.com"};
}

void TestPublishSpec::parsesValidEntries() {
    QFETCH(QString, text);
    QFETCH(QString, type);
    QFETCH(int, port);
    QFETCH(QStringList, allowed);

    const auto spec = PublishSpec::parse(text);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
    QCOMPARE(publishTypeName(spec->type), type);
    QCOMPARE(int(spec->port), port);
    QCOMPARE(spec->allowed, allowed);
    QCOMPARE(spec->isOpen(), allowed.isEmpty());
}

void TestPublishSpec::rejectsBadEntries_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("no port") << "tcp"
                             << "has no port";
    QTest::newRow("port 0") << "tcp/0"
                            << "out of range";
    QTest::newRow("port too big") << "tcp/70000"
                                  << "out of range";
    QTest::newRow("port huge") << "tcp/99999999999"
                               << "out of range";
    QTest::newRow("udp") << "udp/53"
                         << "'udp' in publish entry 'udp/53' is not supported";
    QTest::newRow("term port 0") << "term/0"
                                 << "out of range";
    QTest::newRow("term without port") << "term/"
                                       << "is not a number";
    QTest::newRow("upper case type") << "TCP/22"
                                     << "lower case";
    QTest::newRow("stcp") << "stcp/22"
                          << "not supported";
    QTest::newRow("empty allowed") << "tcp/22/"
                                   << "names no allowed users";
    QTest::newRow("only commas") << "tcp/22/ , ,"
                                 << "names no allowed users";
    QTest::newRow("port not a number") << "tcp/x"
                                       << "'x' in publish entry 'tcp/x' is not a number";
    QTest::newRow("negative port") << "tcp/-1"
                                   << "not a number";
    QTest::newRow("service name") << "tcp/ssh"
                                  << "not a number";
    QTest::newRow("too many sections") << "tcp/22/a@b.com/test"
                                       << "too many";
    QTest::newRow("empty") << ""
                           << "empty publish entry";
    QTest::newRow("no type") << "/22"
                             << "has no type";
    QTest::newRow("unexpanded variable") << "tcp/22/$INSTRUCTOR"
                                         << "'$INSTRUCTOR'";
    QTest::newRow("bad e-mail") << "tcp/22/@example.com"
                                << "neither an e-mail";
}

void TestPublishSpec::rejectsBadEntries() {
    QFETCH(QString, text);
    QFETCH(QString, messagePart);

    const auto spec = PublishSpec::parse(text);
    QVERIFY(!spec.ok());
    QVERIFY2(spec.error().message.contains(messagePart), qPrintable(spec.error().message));
}

void TestPublishSpec::splitsEmailsAndDomains() {
    const auto spec = PublishSpec::parse(QStringLiteral("https/8443/alice@example.com,example.edu,bob@example.org"));
    QVERIFY(spec.ok());
    QCOMPARE(spec->emails(), (QStringList{"alice@example.com", "bob@example.org"}));
    QCOMPARE(spec->domains(), QStringList{"example.edu"});
}

void TestPublishSpec::namesTypesAndOrigins() {
    QCOMPARE(publishOriginName(PublishOrigin::Node), QStringLiteral("node"));
    QCOMPARE(publishOriginName(PublishOrigin::Group), QStringLiteral("group"));
    QCOMPARE(publishOriginName(PublishOrigin::Kind), QStringLiteral("kind"));
    QCOMPARE(publishOriginName(PublishOrigin::Defaults), QStringLiteral("defaults"));
    QCOMPARE(publishOriginName(PublishOrigin::Label), QStringLiteral("label"));
}

QTEST_GUILESS_MAIN(TestPublishSpec)
#include "tst_publishspec.moc"
