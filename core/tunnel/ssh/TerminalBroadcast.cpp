// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/TerminalBroadcast.h"

namespace labshare::tunnel {

bool TerminalBroadcast::begin(int cols, int rows) {
    std::lock_guard lock(m_lock);
    if (m_presenting)
        return false;
    m_presenting = true;
    m_cols = cols;
    m_rows = rows;
    m_kept.clear();
    ++m_session;
    ++m_changes;
    wakeAll();
    return true;
}

void TerminalBroadcast::end() {
    std::lock_guard lock(m_lock);
    m_presenting = false;
    ++m_changes;
    wakeAll();
}

void TerminalBroadcast::resize(int cols, int rows) {
    std::lock_guard lock(m_lock);
    m_cols = cols;
    m_rows = rows;
    ++m_changes;
    wakeAll();
}

void TerminalBroadcast::publish(const QByteArray& output) {
    std::lock_guard lock(m_lock);
    m_kept += output;
    if (m_kept.size() > kKeep)
        m_kept.remove(0, m_kept.size() - kKeep);
    m_total += quint64(output.size());
    wakeAll();
}

TerminalBroadcast::News TerminalBroadcast::take(View& view, qsizetype budget) {
    std::lock_guard lock(m_lock);
    News news;
    news.presenting = m_presenting;
    news.cols = m_cols;
    news.rows = m_rows;
    if (view.changes != m_changes) {
        news.changed = true;
        view.changes = m_changes;
    }
    const quint64 first = m_total - quint64(m_kept.size());
    if (view.fresh || view.session != m_session || view.seen < first) {
        news.restart = true;
        view.fresh = false;
        view.session = m_session;
        view.seen = first;
    }
    news.output = m_kept.mid(qsizetype(view.seen - first), budget);
    view.seen += quint64(news.output.size());
    return news;
}

bool TerminalBroadcast::addWatcher(const Waker* waker, int max) {
    std::lock_guard lock(m_lock);
    if (int(m_watchers.size()) >= max)
        return false;
    m_watchers.insert(waker);
    return true;
}

void TerminalBroadcast::removeWatcher(const Waker* waker) {
    std::lock_guard lock(m_lock);
    m_watchers.erase(waker);
}

int TerminalBroadcast::watchers() const {
    std::lock_guard lock(m_lock);
    return int(m_watchers.size());
}

void TerminalBroadcast::wakeAll() {
    for (const Waker* waker : m_watchers)
        waker->wake();
}

} // namespace labshare::tunnel
