// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainStore against a real Secret Service: the unlocked gnome-keyring that tests/with-desktop.sh
// starts on its private session bus. secret-tool (libsecret-tools) looks at what was stored from outside.
#include "secrets/KeychainStore.h"

#include "FilesContaining.h"
#include "KeychainAnswers.h"
#include "Tools.h"

#include <QDir>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace labshare::secrets;
using namespace labshare::testsupport;

namespace {

constexpr int answerTimeoutMs = 20000;

using Answer = SecretAnswer;

// 4 KB: every byte value, then random bytes around a printable marker, so a copy in any file (raw,
// base64, or a QSettings escape of the printable part) is found.
QByteArray makeSecret(const QByteArray& marker) {
    QByteArray secret;
    for (int b = 0; b < 256; ++b)
        secret.append(char(b));
    while (secret.size() < 4096 - marker.size()) {
        const quint32 word = QRandomGenerator::global()->generate();
        secret.append(reinterpret_cast<const char*>(&word), sizeof word);
    }
    secret.insert(1024, marker);
    secret.truncate(4096);
    return secret;
}

} // namespace

class TestKeychainStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void writesAndReadsBackABinarySecretFromANewStore();
    void theSecretServiceHoldsTheEntry();
    void noFileHoldsTheSecret();
    void destroyingTheStoreDropsItsAnswer();
    void removesAndThenReadsNotFound();

private:
    int secretTool(const QStringList& arguments, QByteArray* output);
    QList<QByteArray> needles() const { return {m_secret, m_secret.toBase64(), m_marker, m_key.toUtf8()}; }

    QTemporaryDir m_home;
    QString m_secretTool;
    const QString m_service = QStringLiteral(LABSHARE_APP_ID);
    QString m_key;
    QByteArray m_marker;
    QByteArray m_secret;
};

void TestKeychainStore::initTestCase() {
    QVERIFY2(
        !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "no session bus: run this test under tests/with-desktop.sh, which starts one with an unlocked gnome-keyring");
    // This process gets a HOME of its own, so any file QtKeychain might write is found below it. The
    // keyring daemon keeps its own (encrypted) files elsewhere.
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    m_secretTool = findTool(QStringLiteral("secret-tool"), QStringLiteral("libsecret-tools"), &error);
    QVERIFY2(!m_secretTool.isEmpty(), qPrintable(error));

    const QString unique = QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-') +
                           QString::number(QRandomGenerator::global()->generate(), 16);
    m_key = QStringLiteral("tst_keychainstore-%1-refresh-token").arg(unique);
    m_marker = "marker-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16) + "-end";
    m_secret = makeSecret(m_marker);
    QCOMPARE(m_secret.size(), 4096);
}

void TestKeychainStore::cleanupTestCase() {
    if (m_key.isEmpty())
        return;
    KeychainStore store(m_service);
    Answer remove;
    store.remove(m_key, remove.callback());
    QTRY_COMPARE_WITH_TIMEOUT(remove.calls, 1, answerTimeoutMs);
}

void TestKeychainStore::writesAndReadsBackABinarySecretFromANewStore() {
    {
        KeychainStore writer(m_service);
        QCOMPARE(writer.backendName(), "the system keychain");
        Answer write;
        bool returned = false;
        bool returnedBeforeCall = false;
        writer.write(m_key, m_secret, [&](const SecretReply& reply) {
            returnedBeforeCall = returned;
            write.callback()(reply);
        });
        returned = true;
        QCOMPARE(write.calls, 0);
        QTRY_COMPARE_WITH_TIMEOUT(write.calls, 1, answerTimeoutMs);
        QVERIFY(returnedBeforeCall);
        QVERIFY2(write.reply->status == SecretStatus::Ok, qPrintable(write.reply->message));
    }
    KeychainStore reader(m_service);
    Answer read;
    reader.read(m_key, read.callback());
    QTRY_COMPARE_WITH_TIMEOUT(read.calls, 1, answerTimeoutMs);
    QVERIFY2(read.reply->status == SecretStatus::Ok, qPrintable(read.reply->message));
    QCOMPARE(read.reply->secret.size(), m_secret.size());
    QVERIFY(read.reply->secret.view() == m_secret); // QCOMPARE would print the secret on failure
}

void TestKeychainStore::theSecretServiceHoldsTheEntry() {
    // QtKeychain's libsecret schema (org.qt.keychain) names the service "server" and the key "user";
    // `secret-tool search service …` finds nothing.
    QByteArray output;
    QCOMPARE(secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), m_service,
                         QStringLiteral("user"), m_key},
                        &output),
             0);
    QVERIFY2(output.contains(QByteArray("attribute.user = " + m_key.toUtf8())), output.constData());
    QVERIFY2(output.contains(QByteArray("attribute.server = " + m_service.toUtf8())), output.constData());
    QVERIFY2(output.contains("schema = org.qt.keychain"), output.constData());

    // Binary data is kept base64-encoded; the keychain holds exactly what was written.
    QCOMPARE(secretTool({QStringLiteral("lookup"), QStringLiteral("server"), m_service, QStringLiteral("user"), m_key,
                         QStringLiteral("type"), QStringLiteral("base64")},
                        &output),
             0);
    QVERIFY2(QByteArray::fromBase64(output.trimmed()) == m_secret, "secret-tool lookup returned other bytes");
}

void TestKeychainStore::noFileHoldsTheSecret() {
    // The check finds a planted copy...
    const QString planted = QDir(m_home.path()).filePath(QStringLiteral(".config/planted.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(planted).path()));
    {
        QFile file(planted);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("value=" + m_marker + "\n");
    }
    QCOMPARE(filesContaining(m_home.path(), needles()), QStringList{planted});
    QVERIFY(QFile::remove(planted));
    // ...and nothing else holds the secret, its base64, its marker or even its key: QtKeychain's
    // plain-text fallback (a QSettings file) was never used.
    const QStringList found = filesContaining(m_home.path(), needles());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
}

void TestKeychainStore::destroyingTheStoreDropsItsAnswer() {
    const QString key = m_key + QStringLiteral("-dropped");
    Answer dropped;
    auto store = std::make_unique<KeychainStore>(m_service);
    store->write(key, "short-lived", dropped.callback());
    store.reset();
    // QtKeychain runs jobs one after another: once a later job has answered, the dropped one is done.
    KeychainStore later(m_service);
    Answer read;
    later.read(key, read.callback());
    QTRY_COMPARE_WITH_TIMEOUT(read.calls, 1, answerTimeoutMs);
    QCOMPARE(dropped.calls, 0);
    QVERIFY2(read.reply->status == SecretStatus::Ok, qPrintable(read.reply->message)); // the job itself ran
    QCOMPARE(read.reply->secret.exposed(), QByteArray("short-lived"));
    Answer remove;
    later.remove(key, remove.callback());
    QTRY_COMPARE_WITH_TIMEOUT(remove.calls, 1, answerTimeoutMs);
    QCOMPARE(remove.reply->status, SecretStatus::Ok);
}

void TestKeychainStore::removesAndThenReadsNotFound() {
    KeychainStore store(m_service);
    Answer remove;
    store.remove(m_key, remove.callback());
    QTRY_COMPARE_WITH_TIMEOUT(remove.calls, 1, answerTimeoutMs);
    QVERIFY2(remove.reply->status == SecretStatus::Ok, qPrintable(remove.reply->message));

    KeychainStore fresh(m_service);
    Answer read;
    fresh.read(m_key, read.callback());
    QTRY_COMPARE_WITH_TIMEOUT(read.calls, 1, answerTimeoutMs);
    QVERIFY2(read.reply->status == SecretStatus::NotFound, qPrintable(read.reply->message));
    QVERIFY(read.reply->secret.isEmpty());
    QVERIFY2(read.reply->message.contains(m_key), qPrintable(read.reply->message));

    QByteArray output;
    QCOMPARE(secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), m_service,
                         QStringLiteral("user"), m_key},
                        &output),
             0); // it exits 0 when nothing matches, too
    QVERIFY2(!output.contains(m_key.toUtf8()), output.constData());

    // Removing it again is not an error.
    Answer again;
    fresh.remove(m_key, again.callback());
    QTRY_COMPARE_WITH_TIMEOUT(again.calls, 1, answerTimeoutMs);
    QVERIFY2(again.reply->status == SecretStatus::Ok, qPrintable(again.reply->message));
}

int TestKeychainStore::secretTool(const QStringList& arguments, QByteArray* output) {
    return runTool(m_secretTool, arguments, output, answerTimeoutMs);
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychainstore.moc"
