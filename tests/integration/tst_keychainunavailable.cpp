// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainStore where no keychain service runs: a private session bus (a real dbus-daemon with no
// service files, so nothing can be activated) without org.freedesktop.secrets on it. Every call is
// tried once more after the retry delay, then answers Unavailable, and nothing reaches a file. Last,
// a gnome-keyring started during that delay is found by the retry, as at a login where LabShare
// starts before the keychain.
#include "secrets/KeychainStore.h"

#include "FilesContaining.h"
#include "KeychainAnswers.h"
#include "Tools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace labshare::secrets;
using namespace labshare::testsupport;

namespace {

constexpr int answerTimeoutMs = 20000;

using Answer = SecretAnswer;

// What KeychainStore logs (labshare.core.secrets): the retry announces itself there.
QStringList secretsLog;
QtMessageHandler previousHandler = nullptr;

void captureSecretsLog(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (context.category && qstrcmp(context.category, "labshare.core.secrets") == 0)
        secretsLog << message;
    previousHandler(type, context, message);
}

int retriesFor(const QString& key) {
    int n = 0;
    for (const QString& line : std::as_const(secretsLog))
        n += line.contains(QStringLiteral("trying once more")) && line.contains(key);
    return n;
}

// A session bus that only routes messages: no service files, so nothing can be activated on it.
QString busConfig(const QString& socketDir) {
    return QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                          " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                          "<busconfig>\n"
                          "  <type>session</type>\n"
                          "  <listen>unix:dir=%1</listen>\n"
                          "  <auth>EXTERNAL</auth>\n"
                          "  <policy context=\"default\">\n"
                          "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                          "    <allow eavesdrop=\"true\"/>\n"
                          "    <allow own=\"*\"/>\n"
                          "  </policy>\n"
                          "</busconfig>\n")
        .arg(socketDir);
}

} // namespace

class TestKeychainUnavailable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyCallAnswersUnavailableAfterOneRetry_data();
    void everyCallAnswersUnavailableAfterOneRetry();
    void nothingReachesAFile();
    void destroyingTheStoreDropsThePendingRetry();
    void aKeychainStartingDuringTheDelayIsFoundByTheRetry();

private:
    QTemporaryDir m_dir; // bus socket, bus config, the late keyring's files
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_keyringDaemon;
    bool m_kwallet = false; // run as a KDE 4 desktop (LABSHARE_TEST_DESKTOP=kde4)
    const QString m_service = QStringLiteral(LABSHARE_APP_ID);
    const QByteArray m_secret = QByteArray("unavailable-secret-7d1e40c2-") + QByteArray("\0\x01\xfe", 3);
};

void TestKeychainUnavailable::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(m_home.isValid());
    // A HOME of its own: any file written while the keychain is missing is found below it.
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
    // QtKeychain picks its backend from the desktop. Anywhere but KDE it is the Secret Service. On KDE 4
    // it is kwalletd, and with no kwalletd that is the one Linux path where QtKeychain falls back to a
    // plain-text file unless told not to: ctest runs this test once more as that desktop.
    m_kwallet = qgetenv("LABSHARE_TEST_DESKTOP") == "kde4";
    qunsetenv("DESKTOP_SESSION");
    qunsetenv("KDE_FULL_SESSION");
    qunsetenv("GNOME_DESKTOP_SESSION_ID");
    if (m_kwallet) {
        qputenv("XDG_CURRENT_DESKTOP", "KDE");
        qputenv("KDE_SESSION_VERSION", "4");
    } else {
        qunsetenv("XDG_CURRENT_DESKTOP");
        qunsetenv("KDE_SESSION_VERSION");
    }
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("labshare.core.secrets.info=true"));
    previousHandler = qInstallMessageHandler(captureSecretsLog);

    QString error;
    const QString busDaemon = findTool(QStringLiteral("dbus-daemon"), QStringLiteral("dbus-daemon"), &error);
    QVERIFY2(!busDaemon.isEmpty(), qPrintable(error));
    m_keyringDaemon = findTool(QStringLiteral("gnome-keyring-daemon"), QStringLiteral("gnome-keyring"), &error);
    QVERIFY2(!m_keyringDaemon.isEmpty(), qPrintable(error));

    const QString config = m_dir.filePath(QStringLiteral("session.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(busConfig(m_dir.path()).toUtf8());
    file.close();
    dieWithTheTest(m_bus);
    m_bus.start(busDaemon, {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                            QStringLiteral("--nopidfile"), QStringLiteral("--print-address=1")});
    QVERIFY2(m_bus.waitForStarted(), qPrintable(m_bus.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY2(address.startsWith("unix:"), address.constData());
    // Before anything in this process talks to D-Bus (GLib keeps its first session bus connection).
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
}

void TestKeychainUnavailable::cleanupTestCase() {
    for (QProcess* process : {&m_keyring, &m_bus}) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000))
            process->kill();
        process->waitForFinished(5000);
    }
    qInstallMessageHandler(previousHandler);
}

void TestKeychainUnavailable::everyCallAnswersUnavailableAfterOneRetry_data() {
    QTest::addColumn<QString>("operation");
    QTest::newRow("write") << QStringLiteral("write");
    QTest::newRow("read") << QStringLiteral("read");
    QTest::newRow("remove") << QStringLiteral("remove");
}

void TestKeychainUnavailable::everyCallAnswersUnavailableAfterOneRetry() {
    QFETCH(QString, operation);
    constexpr int retryDelayMs = 300;
    const QString key = QStringLiteral("unavailable-%1").arg(operation);
    KeychainStore store(m_service, retryDelayMs);
    Answer answer;
    QElapsedTimer clock;
    clock.start();
    if (operation == QLatin1String("write"))
        store.write(key, m_secret, answer.callback());
    else if (operation == QLatin1String("read"))
        store.read(key, answer.callback());
    else
        store.remove(key, answer.callback());
    QCOMPARE(answer.calls, 0);
    QTRY_COMPARE_WITH_TIMEOUT(answer.calls, 1, answerTimeoutMs);
    QVERIFY2(answer.reply->status == SecretStatus::Unavailable, qPrintable(answer.reply->message));
    QVERIFY2(clock.elapsed() >= retryDelayMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(retriesFor(key), 1);
    QVERIFY(answer.reply->secret.isEmpty());
    const QString& message = answer.reply->message;
    QVERIFY2(message.contains(key), qPrintable(message));
    // The backend's own words are passed on: D-Bus says the name has no owner.
    const QLatin1String service(m_kwallet ? "org.kde.kwalletd" : "org.freedesktop.secrets");
    QVERIFY2(message.contains(service) || (m_kwallet && message.contains(QLatin1String("No keychain service"))),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("unavailable-secret")), qPrintable(message));
}

void TestKeychainUnavailable::nothingReachesAFile() {
    const QList<QByteArray> needles{m_secret, m_secret.toBase64(), QByteArray("unavailable-secret-7d1e40c2")};
    // The check finds a planted copy...
    const QString planted = QDir(m_home.path()).filePath(QStringLiteral(".config/planted"));
    QVERIFY(QDir().mkpath(QFileInfo(planted).path()));
    {
        QFile file(planted);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_secret.toBase64());
    }
    QCOMPARE(filesContaining(m_home.path(), needles), QStringList{planted});
    QVERIFY(QFile::remove(planted));
    // ...and the write that answered Unavailable left no copy anywhere below HOME.
    const QStringList found = filesContaining(m_home.path(), needles);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
}

void TestKeychainUnavailable::destroyingTheStoreDropsThePendingRetry() {
    constexpr int retryDelayMs = 300;
    Answer dropped;
    auto store = std::make_unique<KeychainStore>(m_service, retryDelayMs);
    store->write(QStringLiteral("dropped-retry"), m_secret, dropped.callback());
    QTRY_COMPARE_WITH_TIMEOUT(retriesFor(QStringLiteral("dropped-retry")), 1, answerTimeoutMs);
    store.reset(); // while its retry waits
    // A later store's whole round (first try, the same delay, the retry) ends after the dropped retry was due.
    KeychainStore later(m_service, retryDelayMs);
    Answer answer;
    later.read(QStringLiteral("after-dropped-retry"), answer.callback());
    QTRY_COMPARE_WITH_TIMEOUT(answer.calls, 1, answerTimeoutMs);
    QCOMPARE(answer.reply->status, SecretStatus::Unavailable);
    QCOMPARE(dropped.calls, 0);
}

void TestKeychainUnavailable::aKeychainStartingDuringTheDelayIsFoundByTheRetry() {
    if (m_kwallet)
        QSKIP("gnome-keyring provides the Secret Service, not kwalletd");
    constexpr int retryDelayMs = 5000; // gnome-keyring is on the bus well within this
    const QString key = QStringLiteral("late-keychain");
    KeychainStore store(m_service, retryDelayMs);
    Answer write;
    store.write(key, m_secret, write.callback());
    QTRY_COMPARE_WITH_TIMEOUT(retriesFor(key), 1, answerTimeoutMs); // the first try found no service

    // A fresh login keyring, unlocked from stdin, with no display to prompt on.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("keyring/run"))));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("keyring/data"))));
    QFile::setPermissions(m_dir.filePath(QStringLiteral("keyring/run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("keyring/run")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("keyring/data")));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    m_keyring.setProcessEnvironment(env);
    m_keyring.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    dieWithTheTest(m_keyring);
    m_keyring.start(m_keyringDaemon, {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                                      QStringLiteral("--components=secrets")});
    QVERIFY2(m_keyring.waitForStarted(), qPrintable(m_keyring.errorString()));
    m_keyring.write("test-pass");
    m_keyring.closeWriteChannel();

    QTRY_COMPARE_WITH_TIMEOUT(write.calls, 1, answerTimeoutMs);
    QVERIFY2(write.reply->status == SecretStatus::Ok, qPrintable(write.reply->message));
    QCOMPARE(retriesFor(key), 1);

    KeychainStore reader(m_service, retryDelayMs);
    Answer read;
    reader.read(key, read.callback());
    QTRY_COMPARE_WITH_TIMEOUT(read.calls, 1, answerTimeoutMs);
    QVERIFY2(read.reply->status == SecretStatus::Ok, qPrintable(read.reply->message));
    QVERIFY(read.reply->secret.view() == m_secret);
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
