// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopProcess.h"

#include "Tools.h"
#include "Wait.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QRect>
#include <QRegularExpression>

namespace labshare::testsupport {

namespace {

// "Position: 1250,2 (screen: 0)\n  Geometry: 24x24" (xdotool getwindowgeometry)
QRect geometryOf(const QString& window) {
    QByteArray text;
    if (!xdotool({QStringLiteral("getwindowgeometry"), window}, &text))
        return {};
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Position: (-?\\d+),(-?\\d+).*Geometry: (\\d+)x(\\d+)"),
                           QRegularExpression::DotMatchesEverythingOption)
            .match(QString::fromUtf8(text));
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt()};
}

} // namespace

QString screenshot(const QString& name) {
    const QString dir = qEnvironmentVariable("LABSHARE_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name);
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), path});
    return path;
}

bool xdotool(const QStringList& arguments, QByteArray* output) {
    QByteArray text;
    const int rc = runTool(QStringLiteral("xdotool"), arguments, &text, 10000);
    if (output)
        *output = text;
    return rc == 0;
}

DesktopProcess::DesktopProcess(const QString& home, const QString& runtimeDir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        env.remove(QString::fromLatin1(name));
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&m_process, &QProcess::readyRead, &m_process, [this] { m_output += m_process.readAll(); });
    dieWithTheTest(m_process);
}

DesktopProcess::~DesktopProcess() {
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void DesktopProcess::setOpenFileLimit(quint64 soft, quint64 hard) {
    dieWithTheTest(m_process, soft, hard);
}

bool DesktopProcess::start(const QStringList& arguments) {
    m_arguments = arguments;
    m_process.start(QStringLiteral(LABSHARE_BINARY), arguments);
    return m_process.waitForStarted(10000);
}

QStringList DesktopProcess::visibleWindows() const {
    QByteArray ids;
    xdotool(
        {QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--pid"), QString::number(pid())},
        &ids);
    return QString::fromUtf8(ids).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QPoint DesktopProcess::trayIcon(int timeoutMs) {
    // The tray host embeds a small window of ours; the main window and dialogs are far bigger.
    QPoint centre;
    const bool found = waitUntil(
        [&] {
            for (const QString& window : visibleWindows()) {
                const QRect r = geometryOf(window);
                if (r.isValid() && r.width() <= 64 && r.height() <= 64) {
                    centre = r.center();
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found ? centre : QPoint();
}

bool DesktopProcess::waitForWindowTitle(const QString& title, int timeoutMs) {
    return waitUntil(
        [&] {
            for (const QString& window : visibleWindows()) {
                QByteArray name;
                if (xdotool({QStringLiteral("getwindowname"), window}, &name) &&
                    QString::fromUtf8(name).trimmed() == title)
                    return true;
            }
            return false;
        },
        timeoutMs);
}

int DesktopProcess::finish(int timeoutMs) {
    if (!waitUntil([this] { return !isRunning(); }, timeoutMs))
        return -1;
    m_output += m_process.readAll();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString DesktopProcess::describe() const {
    return QStringLiteral("labshare %1\n--- output:\n%2")
        .arg(m_arguments.join(QLatin1Char(' ')), QString::fromUtf8(m_output));
}

} // namespace labshare::testsupport
