// SPDX-License-Identifier: GPL-3.0-or-later
#include "tunnel/ssh/RelaySession.h"
#include "gate/ThreadCrypto.h"

namespace labshare::tunnel {

RelaySession::RelaySession(RelayProfile profile, RelayWorkerOptions options, RelayListener listener)
    : m_worker(std::make_unique<RelayWorker>(std::move(profile), std::move(options), std::move(listener), m_commands)) {
}

RelaySession::~RelaySession() {
    shutdown();
}

void RelaySession::start() {
    m_thread.start(
        [this] {
            m_worker->run();
            gate::releaseThreadCrypto(); // before the thread reports it has finished
        },
        [this] { delete this; });
}

void RelaySession::addForward(const ForwardSpec& spec) {
    m_commands.post(RelayCommand::add(spec));
}

void RelaySession::removeForward(const QString& name) {
    m_commands.post(RelayCommand::withText(RelayCommand::Kind::Remove, name));
}

void RelaySession::trustHostKey(const QString& fingerprint) {
    m_commands.post(RelayCommand::withText(RelayCommand::Kind::TrustHostKey, fingerprint));
}

void RelaySession::retryLogin() {
    m_commands.post(RelayCommand::of(RelayCommand::Kind::RetryLogin));
}

void RelaySession::setGate(std::shared_ptr<const gate::GateSetup> setup) {
    m_commands.post(RelayCommand::setGate(std::move(setup)));
}

void RelaySession::answerGate(const gate::SignInAnswer& answer) {
    m_commands.post(RelayCommand::answer(answer));
}

void RelaySession::requestStop() {
    m_commands.post(RelayCommand::of(RelayCommand::Kind::Stop));
}

void RelaySession::shutdown() {
    if (!m_thread.isStarted())
        return;
    requestStop();
    m_thread.wait();
}

bool RelaySession::release() {
    return m_thread.release();
}

} // namespace labshare::tunnel
