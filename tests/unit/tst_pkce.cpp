// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace labshare::auth;

class TestPkce : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void challengeIsBase64UrlSha256() {
        // Computed independently with Python's hashlib and base64.urlsafe_b64encode.
        QCOMPARE(pkceChallenge("dBjftJeZ4CVP-mJ92K9qkq2Ph2hhqPzSzBo3i3fLKjc"),
                 QByteArray("YSryuZOKmvbHLBGou2hq377r8ZfxgwCCGun31fDGfkc"));
    }

    void verifierHasTheLengthAndAlphabetOfRfc7636() {
        const Pkce pkce = makePkce();
        QCOMPARE(pkce.verifier.size(), 43);
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$"))
                    .match(QString::fromLatin1(pkce.verifier.view()))
                    .hasMatch());
        QCOMPARE(pkce.challenge, pkceChallenge(pkce.verifier.view()));
    }

    void randomTokensDoNotRepeat() {
        QSet<QByteArray> seen;
        for (int i = 0; i < 200; ++i)
            seen.insert(randomUrlToken());
        QCOMPARE(seen.size(), 200);
        QCOMPARE(randomUrlToken(24).size(), 32);
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
