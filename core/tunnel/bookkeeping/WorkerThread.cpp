// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/bookkeeping/WorkerThread.h"

#include <atomic>
#include <chrono>

namespace labshare::tunnel {

namespace {

std::atomic<int> g_running{0};

} // namespace

void WorkerThread::start(std::function<void()> body, std::function<void()> deleteOwner) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_state != State::Idle)
            return;
        m_state = State::Running;
    }
    ++g_running;
    std::thread([this, body = std::move(body), deleteOwner = std::move(deleteOwner)] {
        body();
        bool released = false;
        {
            const std::lock_guard lock(m_mutex);
            released = m_state == State::Released;
            m_state = State::Finished;
            m_finished.notify_all();
        }
        // From here on `this` belongs to the owner, unless it let go: then nobody else will delete it.
        if (released)
            deleteOwner();
        --g_running;
    }).detach();
}

bool WorkerThread::isStarted() const {
    const std::lock_guard lock(m_mutex);
    return m_state != State::Idle;
}

void WorkerThread::wait() {
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [this] { return m_state != State::Running; });
}

bool WorkerThread::release() {
    const std::lock_guard lock(m_mutex);
    if (m_state != State::Running)
        return true;
    m_state = State::Released;
    return false;
}

int WorkerThread::running() {
    return g_running.load();
}

bool WorkerThread::waitForNone(int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (g_running.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return g_running.load() == 0;
}

} // namespace labshare::tunnel
