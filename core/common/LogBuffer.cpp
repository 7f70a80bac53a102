// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/LogBuffer.h"

#include "secrets/SecretRegistry.h"

#include <QDateTime>
#include <QRegularExpression>

namespace labshare {

namespace {

QtMessageHandler g_previous = nullptr;
LogBuffer* g_buffer = nullptr;

const char* typeName(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "";
}

} // namespace

QString redactLogLine(const QString& line) {
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)\\S+"),
                                           QRegularExpression::CaseInsensitiveOption);
    // HTTP Basic's base64 of "client:secret" (the word alone, as in "basic setup", is left).
    static const QRegularExpression basic(QStringLiteral("(Basic\\s+)[A-Za-z0-9+/]{12,}={0,2}"));
    static const QRegularExpression query(QStringLiteral("(https?://[^\\s?]+)\\?\\S*"));
    QString out = secrets::SecretRegistry::redact(line);
    out.replace(bearer, QStringLiteral("\\1[redacted]"));
    out.replace(basic, QStringLiteral("\\1[redacted]"));
    out.replace(query, QStringLiteral("\\1?[redacted]"));
    return out;
}

LogBuffer& LogBuffer::install() {
    static LogBuffer* buffer = [] {
        auto* b = new LogBuffer; // lives until exit: messages may come from any thread until then
        g_buffer = b;
        g_previous = qInstallMessageHandler(&LogBuffer::handler);
        return b;
    }();
    return *buffer;
}

QString LogBuffer::formatLine(QtMsgType type, const char* category, const QString& message) {
    return QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ') +
           QLatin1String(typeName(type)) + QLatin1Char(' ') + QLatin1String(category ? category : "default") +
           QStringLiteral(": ") + message;
}

QtMsgType LogBuffer::typeOf(const QString& line) {
    const QString word = line.section(QLatin1Char(' '), 1, 1);
    for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg, QtFatalMsg})
        if (word == QLatin1String(typeName(type)))
            return type;
    return QtDebugMsg;
}

void LogBuffer::handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QString safe = redactLogLine(message);
    if (g_buffer)
        g_buffer->append(formatLine(type, context.category, safe));
    if (g_previous && !(g_buffer && g_buffer->isRingOnly(context.category)))
        g_previous(type, context, safe);
}

void LogBuffer::setRingOnly(const QByteArray& category, bool ringOnly) {
    QMutexLocker lock(&m_mutex);
    if (ringOnly)
        m_ringOnly.insert(category);
    else
        m_ringOnly.remove(category);
}

bool LogBuffer::isRingOnly(const char* category) const {
    QMutexLocker lock(&m_mutex);
    return category && m_ringOnly.contains(QByteArray(category));
}

void LogBuffer::append(const QString& line) {
    {
        QMutexLocker lock(&m_mutex);
        m_lines.append(line);
        if (m_lines.size() > kCapacity)
            m_lines.removeFirst();
    }
    Q_EMIT lineAdded(line);
}

QStringList LogBuffer::lines() const {
    QMutexLocker lock(&m_mutex);
    return m_lines;
}

} // namespace labshare
