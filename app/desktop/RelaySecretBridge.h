// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunnel/ssh/SshChoices.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWidget;

namespace labshare::secrets {
class SecretStore;
}
namespace labshare::tunnel {
class TunnelEngine;
}
namespace labshare::ui {
class RelaySecretDialog;
}

namespace labshare::app {

// Relays that want a password, and SSH keys with a passphrase, in the window. The tunnel worker never
// waits for the user: it takes an answer given earlier, or asks for one and gives that login up; the
// answer (found in the keychain, or typed into the window's prompt) makes the engine log in again.
// An answer is kept, in one wiped buffer, while the relay stays in use, so that reconnecting after a
// network drop does not ask again; when the relay refuses it, it is wiped (and taken out of the
// keychain) and the user is asked again, told why. Answers are remembered in the keychain only when
// the user ticks it. The relay editor's "Test connection" asks the same way, with answers of its own.
// Must outlive every engine attached and every provider handed out.
class RelaySecretBridge : public QObject {
    Q_OBJECT

public:
    RelaySecretBridge(secrets::SecretStore& keychain, QWidget* window, QObject* parent = nullptr);
    ~RelaySecretBridge() override;

    // A provider for the next engine (the one attach() gets): answers KeyPassphrase and Password; the
    // answers of earlier engines are not shared with it.
    tunnel::SecretProvider secretProvider();
    void attach(tunnel::TunnelEngine* engine); // nullptr detaches

    // A provider for one relay editor's "Test connection": asks over `editor`, and an answer calls `retest`
    // (which tests again with the same provider); a later call replaces the earlier editor's answers.
    tunnel::SecretProvider testProvider(QWidget* editor, std::function<void()> retest);
    // The relay refused what the last test presented: wiped, and asked again.
    void onTestLoginRefused();
    void endTest(); // the relay editor closed: its answers are wiped, its questions withdrawn

private:
    struct Answers;
    struct Request {
        tunnel::SecretKind kind = tunnel::SecretKind::Password;
        QString what; // user@host, or the key file
        bool refused = false;
    };

    struct Question {
        std::shared_ptr<Answers> answers; // whose question
        Request request;
    };

    tunnel::SecretProvider providerFor(const std::shared_ptr<Answers>& answers);
    bool stillAsks(const std::shared_ptr<Answers>& answers) const;
    void dropStaleQuestions();
    void onWanted(const Question& question);
    void onRefused(const std::shared_ptr<Answers>& answers);
    void ask(const Question& question); // one prompt at a time; later ones wait their turn
    void showNext();
    void give(const Question& question, secrets::SecretBytes secret, bool inKeychain);
    static QString keychainKey(const Request& request);

    secrets::SecretStore& m_keychain;
    QPointer<QWidget> m_window;
    QPointer<tunnel::TunnelEngine> m_engine;
    std::shared_ptr<Answers> m_answers;     // the attached engine's
    std::shared_ptr<Answers> m_testAnswers; // the open relay editor's
    QList<Question> m_waiting;              // prompts to show after the open one
    QPointer<ui::RelaySecretDialog> m_dialog;
    std::shared_ptr<Answers> m_asking; // whose question m_dialog shows
};

} // namespace labshare::app
