// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientAuthentication.h"
#include "auth/IssuerMetadata.h"
#include "gate/GateEvents.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace labshare::auth {
class AuthSession;
}
namespace labshare::secrets {
class SecretStore;
}
namespace labshare::tunnel {
class TunnelEngine;
}

namespace labshare::app {

class GateSignIns;

// The window's gate for shares for named people. It gets ready when asked (a lab names people):
// the installation's gate key from the keychain (made once), its tickets, and the instructor's
// identity provider (the one the Account menu's Identity provider window sets) with a device
// sign-in. Every engine the window publishes through gets its setup and its own students' sign-ins.
// Never blocks: everything it waits for arrives as a callback; a newer preparation drops an older one.
class DesktopGate : public QObject {
    Q_OBJECT

public:
    enum class State { Unprepared, Preparing, Ready, Failed };

    DesktopGate(auth::AuthSession& session, secrets::SecretStore& store, QNetworkAccessManager& network,
                QObject* parent = nullptr);
    ~DesktopGate() override;

    // Gets ready, unless it is (or is getting) ready already.
    void prepare();
    // The identity provider changed: prepared again if it was asked for before.
    void providerChanged();
    State state() const { return m_state; }
    QString fingerprint() const;                  // "SHA256:…" once ready
    QString problem() const { return m_problem; } // why it failed, as a sentence part
    // Publishes gated shares through `engine` from now on (nullptr: none).
    void attach(tunnel::TunnelEngine* engine);
    // `identity`'s tickets (empty: everyone's) become invalid: they sign in again at their next
    // connection, to every share of this installation. Connections open now stay until they close.
    void signOut(const QString& identity);

Q_SIGNALS:
    void stateChanged(labshare::app::DesktopGate::State state);

private:
    void start();
    void finish(const Result<gate::TlsIdentity>& key, const Result<auth::IssuerMetadata>& issuer,
                const auth::ClientCredentials& client);
    void fail(const QString& problem);
    void equip(); // the attached engine gets the setup and its sign-ins

    auth::AuthSession& m_session;
    secrets::SecretStore& m_store;
    QNetworkAccessManager& m_network;
    State m_state = State::Unprepared;
    QString m_problem;
    quint64 m_generation = 0;
    std::shared_ptr<gate::TicketBook> m_tickets;
    std::shared_ptr<const gate::GateSetup> m_setup;
    auth::IssuerMetadata m_issuer;
    auth::ClientCredentials m_client;
    QPointer<tunnel::TunnelEngine> m_engine;
    QPointer<GateSignIns> m_signIns; // the attached engine's, its child
};

} // namespace labshare::app
