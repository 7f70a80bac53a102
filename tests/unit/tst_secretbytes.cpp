// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"
#include "common/LogBuffer.h"
#include "gate/TicketBook.h"
#include "gate/TlsIdentity.h"
#include "secrets/SecretBytes.h"
#include "secrets/SecretRegistry.h"

#include <QTest>
#include <QUrl>

#include <cstring>

#include <type_traits>

using namespace labshare;
using labshare::secrets::SecretBytes;
using labshare::secrets::SecretRegistry;

static_assert(!std::is_copy_constructible_v<SecretBytes>, "a copy must be asked for with copy()");
static_assert(!std::is_copy_assignable_v<SecretBytes>, "a copy must be asked for with copy()");
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);

class TestSecretBytes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // What a QByteArray does, and why the type exists: filling one copy of a shared buffer detaches
    // it and wipes a fresh buffer, leaving the secret where it was.
    void aQByteArrayWipeMissesTheSharedBuffer() {
        QByteArray original("refresh-token-1234567890");
        QByteArray held = original; // as a cache's reader holds it
        held.fill('\0');
        QCOMPARE(original, QByteArray("refresh-token-1234567890"));
    }

    void copyIsABufferOfItsOwn() {
        const SecretBytes original(QByteArrayView("refresh-token-1234567890"));
        SecretBytes second = original.copy();
        QVERIFY(second.constData() != original.constData());
        QCOMPARE(second.view(), QByteArrayView("refresh-token-1234567890"));
        second.clear();
        QVERIFY(second.isEmpty());
        QCOMPARE(original.view(), QByteArrayView("refresh-token-1234567890"));
    }

    void moveKeepsTheOneBuffer() {
        SecretBytes first(QByteArrayView("access-token-abcdefgh"));
        const char* bytes = first.constData();
        SecretBytes second = std::move(first);
        QCOMPARE(second.constData(), bytes);
        QVERIFY(first.isEmpty()); // NOLINT(bugprone-use-after-move): moved-from is empty, by contract
        SecretBytes third;
        third = std::move(second);
        QCOMPARE(third.constData(), bytes);
        QVERIFY(second.isEmpty()); // NOLINT(bugprone-use-after-move)
    }

    // The bytes a JSON reader or a keychain job handed over are wiped where they were, when nothing
    // else shares them.
    void adoptWipesASourceNothingElseShares() {
        QByteArray source("client-secret-0987654321");
        source.detach();
        QByteArray& alias = source;
        SecretBytes secret = SecretBytes::adopt(std::move(alias));
        QCOMPARE(secret.view(), QByteArrayView("client-secret-0987654321"));
        QCOMPARE(source, QByteArray(24, '\0')); // the very buffer the bytes were in
    }

    void adoptLeavesASharedSourceAlone() {
        const QByteArray other("ticket-lst1.abcdefghijklmnop");
        QByteArray shared = other;
        SecretBytes secret = SecretBytes::adopt(std::move(shared));
        QCOMPARE(secret.view(), QByteArrayView("ticket-lst1.abcdefghijklmnop"));
        QCOMPARE(other, QByteArray("ticket-lst1.abcdefghijklmnop")); // never written through a shared buffer
    }

    void bytesEndInANulForCApis() {
        const SecretBytes secret(QByteArrayView("password-xyz"));
        QCOMPARE(secret.constData()[secret.size()], '\0');
        QCOMPARE(std::strlen(SecretBytes().constData()), size_t(0));
    }

    void comparesByContent() {
        const SecretBytes a(QByteArrayView("same-secret-value"));
        QVERIFY(a == a.copy());
        QVERIFY(a != SecretBytes(QByteArrayView("same-secret-valuf")));
        QVERIFY(a != SecretBytes(QByteArrayView("same-secret-value-longer")));
        QVERIFY(SecretBytes() == SecretBytes());
    }

    // The registry lists a secret exactly while it lives.
    void aSecretIsRedactedWhileItLives() {
        const QString line = QStringLiteral("refresh answered for rt-5f2c9a7e41d0 at the provider");
        const qsizetype before = SecretRegistry::count();
        {
            const SecretBytes token(QByteArrayView("rt-5f2c9a7e41d0"));
            QCOMPARE(SecretRegistry::count(), before + 1);
            QCOMPARE(SecretRegistry::redact(line), QString("refresh answered for [redacted] at the provider"));
        }
        QCOMPARE(SecretRegistry::count(), before);
        QCOMPARE(SecretRegistry::redact(line), line);
    }

    void aShortSecretIsNotLookedFor() {
        const SecretBytes pin(QByteArrayView("1234"));
        QCOMPARE(SecretRegistry::redact(QStringLiteral("port 1234 is up")), QString("port 1234 is up"));
    }

    // Every kind of secret the app holds, as it may slip into a log line: the line as the log keeps
    // it (and as diagnostics are exported) has none of them.
    void logLinesLoseEverySecretAlive_data() {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("line");
        QTest::newRow("refresh token") << QByteArray("8xKq_refresh.Token-Zz09")
                                       << "refresh with 8xKq_refresh.Token-Zz09";
        QTest::newRow("gate ticket") << QByteArray("lst1.Ab3dEf6hIj9lMn0pQr3tUv6xYz9bCd2fGh5jKl8nOp1")
                                     << "offered ticket lst1.Ab3dEf6hIj9lMn0pQr3tUv6xYz9bCd2fGh5jKl8nOp1 refused";
        QTest::newRow("client secret in a form")
            << QByteArray("s3cr3t+with/signs=") << "posted client_secret=s3cr3t%2Bwith%2Fsigns%3D&grant_type=x";
        QTest::newRow("access token in JSON") << QByteArray("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")
                                              << R"({"access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"})";
    }
    void logLinesLoseEverySecretAlive() {
        QFETCH(QByteArray, secret);
        QFETCH(QString, line);
        const SecretBytes held(secret);
        const QString redacted = redactLogLine(line);
        QVERIFY2(!redacted.contains(QString::fromLatin1(secret)), qPrintable(redacted));
        QVERIFY2(!redacted.contains(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(secret)))),
                 qPrintable(redacted));
        QVERIFY2(redacted.contains("[redacted]"), qPrintable(redacted));
    }

    // What the gate and a browser sign-in make themselves is held as secrets too, so it is cut out the
    // same way: a ticket as issued, the gate's TLS key, a PKCE verifier, a sign-in's state and nonce.
    void secretsTheAppMakesAreRedacted() {
        gate::TicketBook book;
        const gate::TicketBook::Issued issued = book.issue(QStringLiteral("alice@example.org"));
        const auth::Pkce pkce = auth::makePkce();
        const SecretBytes state = auth::secretUrlToken();
        Result<gate::TlsIdentity> identity = gate::TlsIdentity::generate();
        QVERIFY(identity);
        const SecretBytes pem = identity->toPem();
        for (const SecretBytes* secret : {&issued.ticket, &pkce.verifier, &state, &pem}) {
            const QString text = QString::fromLatin1(secret->view());
            const QString redacted = redactLogLine(QStringLiteral("sent ") + text + QStringLiteral(" along"));
            QVERIFY2(!redacted.contains(text), qPrintable(redacted));
            QCOMPARE(redacted, QString("sent [redacted] along"));
        }
    }

    void basicCredentialsAreCutButTheWordStays() {
        QCOMPARE(redactLogLine("Authorization: Basic bGFic2hhcmU6czNjcjN0"),
                 QString("Authorization: Basic [redacted]"));
        QCOMPARE(redactLogLine("a basic setup"), QString("a basic setup"));
    }
};

QTEST_GUILESS_MAIN(TestSecretBytes)
#include "tst_secretbytes.moc"
