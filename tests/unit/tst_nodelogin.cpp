// SPDX-License-Identifier: GPL-3.0-or-later
// The instructor's login for browser terminals: what the keychain keeps, and what is refused before it gets there.
#include "terminal/NodeLogin.h"

#include <QTemporaryDir>
#include <QTest>

using namespace labshare;
using terminal::NodeLogin;

class TestNodeLogin : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theKeychainsFormComesBack() {
        NodeLogin login;
        login.user = QStringLiteral("admin");
        login.secret = secrets::SecretBytes(QByteArrayView("pass\nwith a newline"));
        const secrets::SecretBytes stored = login.encoded();
        QCOMPARE(stored.view(), QByteArrayView("admin\npass\nwith a newline"));
        const Result<NodeLogin> back = NodeLogin::decode(stored.view());
        QVERIFY(back.ok());
        QCOMPARE(back->user, QStringLiteral("admin"));
        QVERIFY(back->secret == login.secret);
        QVERIFY(!back->isPrivateKey());
    }

    void whatIsNotALoginIsRefused() {
        QVERIFY(!NodeLogin::decode("no newline at all").ok());
        QVERIFY(!NodeLogin::decode("admin\n").ok());           // no secret
        QVERIFY(!NodeLogin::decode("\nsecret").ok());          // no user
        QVERIFY(!NodeLogin::decode("ad min\nsecret").ok());    // a space
        QVERIFY(!NodeLogin::decode("a@b\nsecret").ok());       // an address is no login name
        QVERIFY(!NodeLogin::decode("ad\x1bmin\nsecret").ok()); // a control character
        QVERIFY(!NodeLogin::decode(QByteArray(QByteArray(65, 'a') + "\nsecret")).ok());
        const secrets::SecretBytes secret(QByteArrayView("x"));
        QVERIFY(NodeLogin::check(QStringLiteral("a@b"), secret).error().message.contains(QStringLiteral("a@b")));
    }

    void aKeyFileMustHoldAPrivateKey() {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QByteArray& bytes) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
                qFatal("cannot write a test file");
            return file.fileName();
        };
        const QByteArray pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        const Result<secrets::SecretBytes> key = NodeLogin::readKeyFile(write(QStringLiteral("id"), pem));
        QVERIFY(key.ok());
        NodeLogin login;
        login.user = QStringLiteral("admin");
        login.secret = key->copy();
        QVERIFY(login.isPrivateKey());
        const QString pub = write(QStringLiteral("id.pub"), "ssh-ed25519 AAAA comment\n");
        QVERIFY(NodeLogin::readKeyFile(pub).error().message.contains(QStringLiteral("is not a private key")));
        const QString big = write(QStringLiteral("big"), pem + QByteArray(20000, 'A'));
        QVERIFY(NodeLogin::readKeyFile(big).error().message.contains(QStringLiteral("larger than a private key")));
        QCOMPARE(NodeLogin::readKeyFile(dir.filePath(QStringLiteral("none"))).error().code, ErrorCode::FileUnreadable);
    }
};

QTEST_GUILESS_MAIN(TestNodeLogin)
#include "tst_nodelogin.moc"
