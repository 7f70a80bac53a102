// SPDX-License-Identifier: GPL-3.0-or-later
#include "Chromium.h"

#include "Wait.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace labshare::testsupport {

Chromium::Chromium() = default;

bool Chromium::run(const QStringList& arguments, QByteArray* output) {
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("chromium"));
    if (binary.isEmpty()) {
        m_error = QStringLiteral("chromium is not installed (installer/dependencies.sh test installs it)");
        return false;
    }
    // The profile is one browser's at a time: the last run's helpers may hold its lock a moment longer.
    const QString lock = QDir(m_profile.path()).filePath(QStringLiteral("SingletonLock"));
    (void)waitUntil([&lock] { return !QFileInfo(lock).isSymLink(); }, 10000);
    QProcess chromium;
    chromium.start(binary, QStringList{QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                                       QStringLiteral("--disable-gpu"), QStringLiteral("--no-first-run"),
                                       QStringLiteral("--password-store=basic"),
                                       QStringLiteral("--user-data-dir=") + m_profile.path()} +
                               arguments);
    // The event loop runs while it works: the gate, the provider fixture and the node answer in this process.
    const bool ended = waitUntil([&chromium] { return chromium.state() == QProcess::NotRunning; }, 20000);
    if (!ended) {
        chromium.kill();
        chromium.waitForFinished(5000);
        m_error = QStringLiteral("chromium did not finish within 60 s: ") +
                  QString::fromUtf8(chromium.readAllStandardError().right(3000));
        return false;
    }
    if (output)
        *output = chromium.readAllStandardOutput();
    if (chromium.exitStatus() != QProcess::NormalExit || chromium.exitCode() != 0) {
        m_error = QStringLiteral("chromium failed: ") + QString::fromUtf8(chromium.readAllStandardError().right(2000));
        return false;
    }
    return true;
}

QString Chromium::dumpDom(const QUrl& url, int virtualMs) {
    QByteArray dom;
    if (!run({QStringLiteral("--virtual-time-budget=%1").arg(virtualMs), QStringLiteral("--dump-dom"), url.toString()},
             &dom))
        return {};
    return QString::fromUtf8(dom);
}

bool Chromium::screenshot(const QUrl& url, const QString& pngFile, const QSize& size, int virtualMs) {
    if (!run({QStringLiteral("--virtual-time-budget=%1").arg(virtualMs), QStringLiteral("--hide-scrollbars"),
              QStringLiteral("--window-size=%1,%2").arg(size.width()).arg(size.height()),
              QStringLiteral("--screenshot=") + pngFile, url.toString()},
             nullptr))
        return false;
    if (QFileInfo(pngFile).size() == 0) {
        m_error = QStringLiteral("chromium wrote no screenshot to ") + pngFile;
        return false;
    }
    return true;
}

} // namespace labshare::testsupport
