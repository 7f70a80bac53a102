// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/net/Socket.h"

#include <QByteArray>

#include <mutex>
#include <set>

namespace labshare::tunnel {

// The instructor's own terminal on a share (the presenter's link), as its watchers see it: what the node printed
// there, the last kKeep bytes of it kept for watchers who join late or fall behind, and its size.
// One presenter at a time; each watcher's thread registers a Waker that is woken on every change. Thread-safe.
class TerminalBroadcast {
public:
    static constexpr qsizetype kKeep = 64 * 1024;

    // The presenter's tab: false when another tab presents already.
    bool begin(int cols, int rows);
    void end();
    void resize(int cols, int rows);
    void publish(const QByteArray& output);

    // What a watcher has not seen yet.
    struct View {
        quint64 seen = 0;              // output bytes taken so far (a position in the stream)
        quint64 changes = ~quint64(0); // begin/end/resize count when last looked (none yet: differs)
        quint64 session = 0;           // the presenter's session the output belongs to
        bool fresh = true;             // nothing taken yet: start from what is kept
    };
    struct News {
        bool changed = false; // presenter began, ended or resized: say so, and the size
        bool restart = false; // the view starts over from what is kept (it joined, fell behind, or a new session)
        bool presenting = false;
        int cols = 80;
        int rows = 24;
        QByteArray output; // at most `budget` bytes
    };
    // Moves `view` on; takes at most `budget` bytes of output.
    News take(View& view, qsizetype budget);

    bool addWatcher(const Waker* waker, int max); // false: `max` watch already
    void removeWatcher(const Waker* waker);
    int watchers() const;

private:
    void wakeAll(); // with m_lock held

    mutable std::mutex m_lock;
    bool m_presenting = false;
    int m_cols = 80;
    int m_rows = 24;
    quint64 m_changes = 0;
    quint64 m_session = 0; // bumps at every begin: a new session's output starts over
    QByteArray m_kept;     // the last kKeep bytes of output
    quint64 m_total = 0;   // output bytes so far; m_kept ends here
    std::set<const Waker*> m_watchers;
};

} // namespace labshare::tunnel
