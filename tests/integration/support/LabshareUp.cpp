// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabshareUp.h"
#include "Tools.h"
#include "Wait.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <csignal>
#include <utility>

#ifndef LABSHARE_BINARY
#error "LABSHARE_BINARY must name the labshare executable"
#endif

namespace labshare::testsupport {

namespace {

constexpr qsizetype kStderrLimit = 4 * 1024 * 1024;

} // namespace

ShareEvent ShareEvent::fromJson(const QJsonObject& object) {
    ShareEvent e;
    e.name = object.value(QLatin1String("name")).toString();
    e.node = object.value(QLatin1String("node")).toString();
    e.type = object.value(QLatin1String("type")).toString();
    e.port = object.value(QLatin1String("port")).toInt();
    e.state = object.value(QLatin1String("state")).toString();
    e.publicAddress = object.value(QLatin1String("public")).toString();
    e.url = object.value(QLatin1String("url")).toString();
    e.error = object.value(QLatin1String("error")).toString();
    e.json = object;
    return e;
}

QString ShareEvent::publicHost() const {
    const qsizetype colon = publicAddress.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? QString() : publicAddress.left(colon);
}

quint16 ShareEvent::publicPort() const {
    const qsizetype colon = publicAddress.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? 0 : publicAddress.mid(colon + 1).toUShort();
}

QString ShareEvent::toString() const {
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

LabshareUp::LabshareUp() {
    dieWithTheTest(m_process);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] { onStdout(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
        m_stderr += m_process.readAllStandardError();
        if (m_stderr.size() > kStderrLimit)
            m_stderr.remove(0, m_stderr.size() - kStderrLimit);
    });
    QObject::connect(&m_process, &QProcess::finished, &m_process, [this] {
        onStdout();
        if (!m_pending.isEmpty())
            parseLine(std::exchange(m_pending, {}));
    });
}

LabshareUp::LabshareUp(const QString& home)
    : LabshareUp() {
    m_homePath = home;
}

LabshareUp::~LabshareUp() {
    stopProcess(m_process);
}

void LabshareUp::setOpenFileLimit(quint64 soft, quint64 hard) {
    dieWithTheTest(m_process, soft, hard);
}

QString LabshareUp::program() {
    return QStringLiteral(LABSHARE_BINARY);
}

bool LabshareUp::start(const QString& topologyFile, const QString& relayUrl, const QStringList& extraArguments) {
    if (m_homePath.isEmpty() && !m_home.isValid()) {
        m_error = QStringLiteral("cannot create a temporary HOME: %1").arg(m_home.errorString());
        return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), homeDirectory());
    // Everything per-user derives from HOME; nothing reaches the user's agent, display or lab base.
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "SSH_AUTH_SOCK",
                             "SSH_AGENT_PID", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CLAB_LABDIR_BASE",
                             "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin")); // no containerlab here
    m_process.setProcessEnvironment(env);
    m_process.setWorkingDirectory(homeDirectory());

    m_arguments = QStringList{QStringLiteral("up"), topologyFile};
    if (!relayUrl.isEmpty())
        m_arguments << QStringLiteral("--relay") << relayUrl;
    // The test labs' nodes listen on loopback, which `up` publishes only when told.
    m_arguments << extraArguments << QStringLiteral("--allow-local-targets") << QStringLiteral("--json");
    m_process.start(QStringLiteral(LABSHARE_BINARY), m_arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(QStringLiteral(LABSHARE_BINARY), m_process.errorString());
        return false;
    }
    m_pid = m_process.processId();
    return true;
}

QJsonObject LabshareUp::lastHealth(const QString& name) const {
    for (auto it = m_health.crbegin(); it != m_health.crend(); ++it)
        if (it->value(QLatin1String("name")).toString() == name)
            return *it;
    return {};
}

bool LabshareUp::isRunning() const {
    return m_process.state() != QProcess::NotRunning;
}

void LabshareUp::onStdout() {
    m_pending += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        parseLine(line);
    }
}

void LabshareUp::parseLine(const QByteArray& raw) {
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return;
    m_lines.append(QString::fromUtf8(line));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        m_nonJson.append(QString::fromUtf8(line));
        return;
    }
    const QJsonObject object = doc.object();
    const QString event = object.value(QLatin1String("event")).toString();
    if (event == QLatin1String("share"))
        m_events.append(ShareEvent::fromJson(object));
    else if (event == QLatin1String("health"))
        m_health.append(object);
}

ShareEvent LabshareUp::lastEvent(const QString& name) const {
    for (auto it = m_events.crbegin(); it != m_events.crend(); ++it)
        if (it->name == name)
            return *it;
    return {};
}

QString LabshareUp::lastState(const QString& name) const {
    return lastEvent(name).state;
}

QString LabshareUp::publicHost(const QString& name) const {
    return lastEvent(name).publicHost();
}

quint16 LabshareUp::publicPort(const QString& name) const {
    return lastEvent(name).publicPort();
}

QList<Endpoint> LabshareUp::publicEndpoints(const QStringList& names) const {
    QList<Endpoint> endpoints;
    for (const QString& name : names) {
        const ShareEvent e = lastEvent(name);
        endpoints.append({QHostAddress(e.publicHost()), e.publicPort()});
    }
    return endpoints;
}

bool LabshareUp::everInState(const QString& name, const QString& state, qsizetype from) const {
    for (qsizetype i = std::max<qsizetype>(from, 0); i < m_events.size(); ++i)
        if (m_events.at(i).name == name && m_events.at(i).state == state)
            return true;
    return false;
}

bool LabshareUp::waitForState(const QString& name, const QString& state, int timeoutMs) {
    return waitForStates({name}, state, timeoutMs);
}

bool LabshareUp::waitForStates(const QStringList& names, const QString& state, int timeoutMs) {
    const auto reached = [&] {
        return std::all_of(names.cbegin(), names.cend(), [&](const QString& n) { return lastState(n) == state; });
    };
    (void)waitUntil([&] { return reached() || !isRunning(); }, timeoutMs);
    return reached();
}

bool LabshareUp::waitForStateSince(const QString& name, const QStringList& states, qsizetype from, int timeoutMs) {
    const auto reached = [&] {
        return std::any_of(states.cbegin(), states.cend(),
                           [&](const QString& s) { return everInState(name, s, from); });
    };
    (void)waitUntil([&] { return reached() || !isRunning(); }, timeoutMs);
    return reached();
}

bool LabshareUp::waitForExit(int timeoutMs) {
    return waitUntil([&] { return !isRunning(); }, timeoutMs);
}

bool LabshareUp::interrupt(int timeoutMs) {
    if (!isRunning())
        return true;
    ::kill(static_cast<pid_t>(m_pid), SIGINT);
    return waitForExit(timeoutMs);
}

int LabshareUp::exitCode() const {
    if (isRunning() || m_pid == 0 || m_process.exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process.exitCode();
}

QString LabshareUp::diagnostics() const {
    QString text = QStringLiteral("labshare %1\n").arg(m_arguments.join(QLatin1Char(' ')));
    if (isRunning())
        text += QStringLiteral("still running (pid %1)\n").arg(m_pid);
    else if (m_process.exitStatus() == QProcess::CrashExit)
        text += QStringLiteral("crashed or killed by a signal\n");
    else
        text += QStringLiteral("exited with code %1\n").arg(m_process.exitCode());
    const qsizetype first = std::max<qsizetype>(0, m_lines.size() - 40);
    text += QStringLiteral("stdout (last %1 of %2 lines):\n").arg(m_lines.size() - first).arg(m_lines.size());
    for (qsizetype i = first; i < m_lines.size(); ++i)
        text += QStringLiteral("  ") + m_lines.at(i) + QLatin1Char('\n');
    text += QStringLiteral("stderr (last 6000 bytes):\n") + QString::fromUtf8(m_stderr.right(6000));
    return text;
}

} // namespace labshare::testsupport
