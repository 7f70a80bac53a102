// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProcessTree.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QThread>

#include <csignal>

#include <sys/types.h>

namespace labshare::testsupport::ProcessTree {

namespace {

struct ProcStat {
    qint64 parent = 0;
    char state = '?';
};

// /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
bool readStat(qint64 pid, ProcStat* stat) {
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty())
        return false;
    stat->state = fields.at(0).at(0);
    stat->parent = fields.at(1).toLongLong();
    return true;
}

QHash<qint64, QList<qint64>> childrenByParent() {
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        ProcStat stat;
        if (numeric && readStat(pid, &stat) && stat.state != 'Z')
            children[stat.parent].append(pid);
    }
    return children;
}

// Waits (at most a second) until `pid` has stopped or is gone: a fork it was inside when SIGSTOP
// arrived has then completed, so its child is visible in /proc.
void waitStopped(qint64 pid) {
    const QDeadlineTimer deadline(1000);
    ProcStat stat;
    while (readStat(pid, &stat) && stat.state != 'T' && stat.state != 't' && stat.state != 'Z' &&
           !deadline.hasExpired())
        QThread::usleep(200);
}

} // namespace

bool isAlive(qint64 pid) {
    ProcStat stat;
    return pid > 0 && readStat(pid, &stat) && stat.state != 'Z';
}

QList<qint64> descendants(qint64 pid) {
    const QHash<qint64, QList<qint64>> children = childrenByParent();
    QList<qint64> result;
    QList<qint64> pending{pid};
    while (!pending.isEmpty()) {
        const QList<qint64> next = children.value(pending.takeFirst());
        result.append(next);
        pending.append(next);
    }
    return result;
}

bool contains(qint64 root, qint64 pid) {
    return pid == root || descendants(root).contains(pid);
}

void signalTree(qint64 root, int signal) {
    if (!isAlive(root))
        return;
    QSet<qint64> frozen{root};
    ::kill(static_cast<pid_t>(root), SIGSTOP);
    waitStopped(root);
    for (;;) {
        bool grew = false;
        const QList<qint64> below = descendants(root);
        for (qint64 pid : below) {
            if (!frozen.contains(pid)) {
                ::kill(static_cast<pid_t>(pid), SIGSTOP);
                waitStopped(pid);
                frozen.insert(pid);
                grew = true;
            }
        }
        if (!grew)
            break;
    }
    for (qint64 pid : std::as_const(frozen)) {
        ::kill(static_cast<pid_t>(pid), signal);
        ::kill(static_cast<pid_t>(pid), SIGCONT);
    }
}

} // namespace labshare::testsupport::ProcessTree
