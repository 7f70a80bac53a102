// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GateSignIns.h"
#include "HeadlessAuth.h"
#include "gate/GateEvents.h"

#include <QCoreApplication>

#include <functional>
#include <memory>
#include <optional>

namespace labshare::tunnel {
class TunnelEngine;
}

namespace labshare::app {

// `labshare up`'s gate for entries that name people: the installation's gate key (made once, kept in
// the keychain), its tickets, the instructor's identity provider (the one `labshare login` uses, or
// --issuer/--client-id) and the students' sign-ins the engine asks for.
class UpGate {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::UpGate)

public:
    // Before the verb's own event loop starts: reads the key, the tickets and the provider's endpoints.
    static Result<std::unique_ptr<UpGate>> prepare(const auth::AuthConfig& provider);

    std::shared_ptr<const gate::GateSetup> setup() const { return m_setup; }
    QString fingerprint() const { return m_setup->identity.fingerprint(); }
    void attach(tunnel::TunnelEngine& engine);

private:
    explicit UpGate(const auth::AuthConfig& provider);

    HeadlessAuth m_auth;
    std::shared_ptr<const gate::GateSetup> m_setup;
    std::unique_ptr<GateSignIns> m_signIns;
};

} // namespace labshare::app
