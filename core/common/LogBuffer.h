// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace labshare {

// The app's log: every Qt message (each area has its own labshare.* category), kept in a ring of
// the last lines for the diagnostics pane and passed on to the previous handler (stderr). Secrets
// never reach a log in the first place; as a second line of defence, every secret alive in the
// process (secrets::SecretRegistry) is cut from each line, and so are what looks like a bearer or
// basic credential and a URL's query.
class LogBuffer : public QObject {
    Q_OBJECT

public:
    static constexpr int kCapacity = 2000;

    static LogBuffer& install(); // once, in the composition root
    QStringList lines() const;
    // Lines of `category` stay in the ring and are not passed on to the previous handler (stderr): chatter
    // for the diagnostics pane, or for `labshare up -v`.
    void setRingOnly(const QByteArray& category, bool ringOnly);

    // A line as the buffer keeps it: "HH:mm:ss.zzz <type> <category>: <message>".
    static QString formatLine(QtMsgType type, const char* category, const QString& message);
    // The type a line was logged at (QtDebugMsg for a line not in that form).
    static QtMsgType typeOf(const QString& line);

Q_SIGNALS:
    void lineAdded(const QString& line); // from any thread: connect with a queued connection

private:
    LogBuffer() = default;
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message);
    void append(const QString& line);
    bool isRingOnly(const char* category) const;

    mutable QMutex m_mutex;
    QStringList m_lines;
    QSet<QByteArray> m_ringOnly;
};

// `line` (or many) with every secret alive now, credentials after "Bearer"/"Basic" and URL queries
// replaced by "[redacted]". Applied as lines are logged and again when diagnostics are exported.
QString redactLogLine(const QString& line);

} // namespace labshare
