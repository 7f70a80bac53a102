// SPDX-License-Identifier: GPL-3.0-or-later
// The gate's allow-list match: exact e-mails, exact domains, ASCII case only, verified addresses only.
#include "gate/AllowList.h"

#include <QTest>

using namespace labshare;
using namespace labshare::gate;

namespace {

auth::Identity verified(const QString& email) {
    return {QStringLiteral("sub"), email, {}, auth::EmailVerification::Verified};
}

} // namespace

class TestAllowList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void admitsExactlyTheListed_data() {
        QTest::addColumn<QString>("email");
        QTest::addColumn<int>("admission");
        const int in = int(Admission::Admitted);
        const int out = int(Admission::NotListed);
        QTest::newRow("listed e-mail") << "alice@example.org" << in;
        QTest::newRow("listed e-mail, other case") << "Alice@EXAMPLE.org" << in;
        QTest::newRow("someone at the domain") << "kate@example.edu" << in;
        QTest::newRow("the domain, other case") << "kate@Example.EDU" << in;
        QTest::newRow("a subdomain") << "kate@sub.example.edu" << out;
        QTest::newRow("a look-alike domain") << "kate@evil-example.edu" << out;
        QTest::newRow("the domain as a prefix") << "kate@example.edu.evil.com" << out;
        QTest::newRow("the domain with a trailing dot") << "kate@example.edu." << out;
        QTest::newRow("another user at the e-mail's domain") << "mallory@example.org" << out;
        QTest::newRow("the listed e-mail as a local part") << "alice@example.org@evil.com" << out;
        QTest::newRow("an unrelated address") << "bob@other.example" << out;
        // U+212A KELVIN SIGN folds to 'k' in Unicode; never here.
        QTest::newRow("Kelvin sign for k")
            << QString::fromUtf8("\u212Aate@example.edu") << int(Admission::NoUsableAddress);
        QTest::newRow("a dotless i") << QString::fromUtf8("al\u0131ce@example.org") << int(Admission::NoUsableAddress);
        QTest::newRow("a space") << "alice @example.org" << int(Admission::NoUsableAddress);
        QTest::newRow("a control character") << "alice@example.org\n" << int(Admission::NoUsableAddress);
        QTest::newRow("no local part") << "@example.edu" << int(Admission::NoUsableAddress);
        QTest::newRow("no domain") << "kate@" << int(Admission::NoUsableAddress);
        QTest::newRow("no @") << "example.edu" << int(Admission::NoUsableAddress);
        QTest::newRow("empty") << "" << int(Admission::NoUsableAddress);
    }
    void admitsExactlyTheListed() {
        QFETCH(QString, email);
        QFETCH(int, admission);
        const AllowList list({"alice@example.org", "example.edu"});
        QCOMPARE(int(list.admit(verified(email))), admission);
    }

    void onlyAVerifiedAddressCounts() {
        const AllowList list({"alice@example.org"});
        auth::Identity alice = verified("alice@example.org");
        alice.emailVerification = auth::EmailVerification::Unverified;
        QCOMPARE(list.admit(alice), Admission::Unverified);
        alice.emailVerification = auth::EmailVerification::Unstated; // the claim is missing
        QCOMPARE(list.admit(alice), Admission::Unverified);
    }

    void anEmptyListAdmitsNobody() {
        const AllowList none;
        QVERIFY(none.isEmpty());
        QCOMPARE(none.admit(verified("alice@example.org")), Admission::NotListed);
        // Items that are not plain ASCII (the topology parser refuses them anyway) admit nobody.
        const AllowList odd({QString::fromUtf8("\u212Aate@example.edu"), " "});
        QVERIFY(odd.isEmpty());
        QCOMPARE(odd.admit(verified("kate@example.edu")), Admission::NotListed);
    }

    void saysWhoAndWhichShare() {
        const auth::Identity bob = verified("bob@example.test");
        QCOMPARE(describeAdmission(Admission::NotListed, bob, "clab-r1-tcp-22"),
                 QString("bob@example.test is not on the list for clab-r1-tcp-22"));
        QVERIFY(describeAdmission(Admission::Unverified, bob, "clab-r1-tcp-22").contains("not verified"));
    }
};

QTEST_GUILESS_MAIN(TestAllowList)
#include "tst_allowlist.moc"
