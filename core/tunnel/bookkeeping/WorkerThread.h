// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace labshare::tunnel {

// The thread a relay backend runs on, never joined: it is detached from the start, and whichever ends
// last, the thread's body or its owner's interest (release()), deletes the owner. So letting go of a
// backend never waits for a relay (a DNS lookup, a relay that never answers), and a backend let go of
// before its worker ended is deleted by that worker once it ends: nothing leaks, nothing waits.
class WorkerThread {
public:
    WorkerThread() = default;
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    // Runs `body` on a new thread. `deleteOwner` runs there after `body` when the owner was released first;
    // it deletes the object that holds this WorkerThread.
    void start(std::function<void()> body, std::function<void()> deleteOwner);
    bool isStarted() const;
    // Waits until the body returned: for callers that may block (the headless `up`, tests), never the GUI.
    void wait();
    // The owner lets go. True: the body already returned (or never ran), the caller deletes the owner now.
    // False: the worker deletes the owner once its body returns.
    [[nodiscard]] bool release();

    // Worker threads whose body has not returned yet, in this process.
    static int running();
    // Waits until none is running, at most `timeoutMs`; true when none is. For the end of a program, when
    // what the workers may still call (secret providers, loggers) is about to go.
    static bool waitForNone(int timeoutMs);

private:
    enum class State { Idle, Running, Released, Finished };

    mutable std::mutex m_mutex;
    std::condition_variable m_finished;
    State m_state = State::Idle;
};

} // namespace labshare::tunnel
