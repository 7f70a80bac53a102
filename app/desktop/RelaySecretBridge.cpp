// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelaySecretBridge.h"

#include "common/Logging.h"
#include "secrets/SecretStore.h"
#include "tunnel/TunnelEngine.h"
#include "widgets/RelaySecretDialog.h"

#include <QMutex>
#include <QSet>

#include <map>
#include <optional>

namespace labshare::app {

using tunnel::SecretKind;

// What one engine's worker and the window share: the answers given, and which login used which.
struct RelaySecretBridge::Answers {
    struct Answer {
        secrets::SecretBytes secret;
        bool inKeychain = false;
    };
    static QString key(SecretKind kind, const QString& what) {
        return QString::number(int(kind)) + QLatin1Char(':') + what;
    }

    QMutex mutex;
    std::map<QString, Answer> given;  // by key()
    QSet<QString> asked;              // asked for and not answered yet: the worker does not ask again
    std::optional<Request> presented; // the last answer a login used
};

RelaySecretBridge::RelaySecretBridge(secrets::SecretStore& keychain, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
    , m_window(window) {}

RelaySecretBridge::~RelaySecretBridge() = default;

tunnel::SecretProvider RelaySecretBridge::secretProvider() {
    auto answers = std::make_shared<Answers>();
    m_answers = answers;
    return [this, answers](SecretKind kind, const QString& what) -> std::optional<secrets::SecretBytes> {
        if (kind == SecretKind::Token)
            return std::nullopt;
        const QString key = Answers::key(kind, what);
        const QMutexLocker lock(&answers->mutex);
        if (const auto found = answers->given.find(key); found != answers->given.end()) {
            answers->presented = Request{kind, what, false};
            return found->second.secret.copy();
        }
        if (!answers->asked.contains(key)) {
            answers->asked.insert(key);
            const Request request{kind, what, false};
            QMetaObject::invokeMethod(
                this, [this, answers, request] { onWanted(answers, request); }, Qt::QueuedConnection);
        }
        return std::nullopt; // this login gives up; the answer makes the engine try again
    };
}

void RelaySecretBridge::attach(tunnel::TunnelEngine* engine) {
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (engine)
        connect(engine, &tunnel::TunnelEngine::loginRefused, this, &RelaySecretBridge::onLoginRefused);
    // Questions for another relay no longer apply.
    m_waiting.clear();
    if (m_dialog)
        m_dialog->deleteLater();
}

void RelaySecretBridge::onWanted(const std::shared_ptr<Answers>& answers, const Request& request) {
    if (answers != m_answers)
        return; // an engine that is gone or going
    QPointer<RelaySecretBridge> self(this);
    m_keychain.read(keychainKey(request), [self, answers, request](const secrets::SecretReply& reply) {
        if (!self || answers != self->m_answers)
            return;
        if (reply.status == secrets::SecretStatus::Ok)
            self->give(request, reply.secret.copy(), true);
        else
            self->ask(request);
    });
}

void RelaySecretBridge::onLoginRefused() {
    if (!m_answers)
        return;
    std::optional<Request> refused;
    {
        const QMutexLocker lock(&m_answers->mutex);
        refused = std::exchange(m_answers->presented, std::nullopt);
        if (!refused)
            return; // no answer of ours was used: a prompt is open, or the relay wants something else
        const QString key = Answers::key(refused->kind, refused->what);
        if (const auto found = m_answers->given.find(key); found != m_answers->given.end()) {
            if (found->second.inKeychain)
                m_keychain.remove(keychainKey(*refused), [](const secrets::SecretReply&) {});
            m_answers->given.erase(found); // wiped
        }
        m_answers->asked.insert(key);
    }
    qCInfo(lcTunnel) << "the relay refused the" << (refused->kind == SecretKind::Password ? "password" : "passphrase")
                     << "for" << refused->what << "; asking again";
    refused->refused = true;
    ask(*refused);
}

void RelaySecretBridge::ask(const Request& request) {
    m_waiting.append(request);
    if (!m_dialog)
        showNext();
}

void RelaySecretBridge::showNext() {
    if (m_waiting.isEmpty())
        return;
    const Request request = m_waiting.takeFirst();
    const auto kind = request.kind == SecretKind::Password ? ui::RelaySecretDialog::Kind::Password
                                                           : ui::RelaySecretDialog::Kind::KeyPassphrase;
    auto* dialog = new ui::RelaySecretDialog(kind, request.what, request.refused, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    const std::shared_ptr<Answers> answers = m_answers;
    connect(dialog, &QDialog::accepted, this, [this, dialog, answers, request] {
        if (answers != m_answers)
            return; // the relay changed while the prompt was open
        secrets::SecretBytes secret = dialog->takeSecret();
        if (dialog->remember())
            m_keychain.write(keychainKey(request), secret.view(), [request](const secrets::SecretReply& written) {
                if (written.status != secrets::SecretStatus::Ok)
                    qCWarning(lcSecrets) << "not remembered for" << request.what << ":" << written.message;
            });
        give(request, std::move(secret), dialog->remember());
    });
    connect(dialog, &QDialog::rejected, this, [this, answers, request] {
        if (answers != m_answers)
            return;
        const QMutexLocker lock(&answers->mutex);
        answers->asked.remove(Answers::key(request.kind, request.what)); // the next login attempt asks again
    });
    connect(dialog, &QObject::destroyed, this, &RelaySecretBridge::showNext, Qt::QueuedConnection);
    dialog->open();
}

void RelaySecretBridge::give(const Request& request, secrets::SecretBytes secret, bool inKeychain) {
    {
        const QMutexLocker lock(&m_answers->mutex);
        const QString key = Answers::key(request.kind, request.what);
        m_answers->given[key] = Answers::Answer{std::move(secret), inKeychain};
        m_answers->asked.remove(key);
    }
    if (m_engine)
        m_engine->retryLogin();
}

QString RelaySecretBridge::keychainKey(const Request& request) {
    return (request.kind == SecretKind::Password ? QStringLiteral("relay-password %1")
                                                 : QStringLiteral("key-passphrase %1"))
        .arg(request.what);
}

} // namespace labshare::app
