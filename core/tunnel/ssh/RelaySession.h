// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/bookkeeping/RelayBackend.h"
#include "tunnel/bookkeeping/RelayCommands.h"
#include "tunnel/bookkeeping/RelayProfile.h"
#include "tunnel/bookkeeping/WorkerThread.h"
#include "tunnel/ssh/RelayWorker.h"

#include <memory>

namespace labshare::tunnel {

// An SSH relay (OpenSSH, sish, …) with all of its reverse forwards on one libssh session, which
// lives on this object's worker thread from start() to shutdown() (see RelayWorker).
class RelaySession final : public RelayBackend {
public:
    RelaySession(RelayProfile profile, RelayWorkerOptions options, RelayListener listener);
    ~RelaySession() override;

    void start() override;
    void addForward(const ForwardSpec& spec) override;
    void removeForward(const QString& name) override;
    void trustHostKey(const QString& fingerprint) override;
    void retryLogin() override;
    void setGate(std::shared_ptr<const gate::GateSetup> setup) override;
    void answerGate(const gate::SignInAnswer& answer) override;
    void requestStop() override;
    void shutdown() override;
    [[nodiscard]] bool release() override;

private:
    RelayCommands m_commands;
    std::unique_ptr<RelayWorker> m_worker;
    WorkerThread m_thread; // detached: it deletes this object when it ends after release()
};

} // namespace labshare::tunnel
