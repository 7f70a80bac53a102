// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/TunnelEngine.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <functional>
#include <memory>

namespace labshare::ui {
class MainWindow;
}

namespace labshare::app {

class RelaySecretBridge;
class RelayTokenBridge;

// The relay the open lab publishes through: the relays to choose from (the LAN relay, the saved ones,
// the lab's own), the tunnel engine's lifetime, the relay editor, and the relay's own question (an
// unknown host key, asked in the window's banner). The GUI thread never waits for an engine: a
// replaced engine stops in the background and is deleted once its worker has ended.
// Deciding whether a relay may change (students' addresses move) is the caller's job.
class RelayController : public QObject {
    Q_OBJECT

public:
    RelayController(RelayTokenBridge& tokenBridge, RelaySecretBridge& secretBridge, ui::MainWindow& window,
                    QObject* parent = nullptr);
    ~RelayController() override;

    tunnel::TunnelEngine* engine() const { return m_engine.get(); }
    QString relayUrl() const { return m_url; }
    static QString lanUrl();
    // How a relay URL reads in the selector and in questions.
    static QString displayName(const QString& url);

    // Publishes through `url` from now on: engineChanged(new engine); the old one stops in the
    // background. An error (nothing changed) when `url` is not a relay this machine can use.
    Result<bool> use(const QString& url);
    // Fills the window's relay selector, with the relay in use selected.
    void showChoices();
    // Opens the relay editor on `url` (empty: a new relay). A saved relay is remembered and offered
    // through relayChosen(); nothing changes until the caller uses it.
    void edit(const QString& url);
    // Stops every engine. `done` runs once all have ended, or after `timeoutMs` with clean = false:
    // then the workers still running are abandoned to the process's exit.
    void stopAll(int timeoutMs, std::function<void(bool clean)> done);
    // Shows the relay's unanswered question (an unknown host key; whether the LAN relay should listen on a
    // public address) again, e.g. when the user picks the relay in use once more after the banner was replaced.
    void askAgain();
    // This machine's addresses as LAN relays see them (QNetworkInterface::allAddresses() unless replaced).
    void setMachineAddresses(std::function<QList<QHostAddress>()> addresses);

Q_SIGNALS:
    void engineChanged(labshare::tunnel::TunnelEngine* engine); // nullptr while stopping all
    void relayChosen(const QString& url);                       // the user saved this relay in the editor

private:
    void retire(std::unique_ptr<tunnel::TunnelEngine> engine);
    void onHostKeyUnknown(const QString& fingerprint);
    // Plain lan:// found no private address and listens on loopback: offers this machine's public one.
    void offerPublicAddress(const QString& address);
    void onEngineGone();
    QList<QPair<QString, QString>> choices() const;

    RelayTokenBridge& m_tokenBridge;
    RelaySecretBridge& m_secretBridge;
    ui::MainWindow& m_window;
    std::unique_ptr<tunnel::TunnelEngine> m_engine;
    QString m_url;
    QList<QPointer<tunnel::TunnelEngine>> m_retiring; // stopping; each deletes itself once stopped
    std::function<void(bool)> m_allStopped;
    bool m_stoppingAll = false;
    QString m_pendingFingerprint; // the host key the relay in use waits for a decision on
    QString m_offeredPublic;      // the public address offered for plain lan://, until the relay changes
    std::function<QList<QHostAddress>()> m_machineAddresses;
};

} // namespace labshare::app
