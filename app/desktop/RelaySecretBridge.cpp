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

// What one engine's worker (or one test's probe) and the window share: the answers given, and which
// login used which.
struct RelaySecretBridge::Answers {
    struct Answer {
        secrets::SecretBytes secret;
        bool inKeychain = false;
    };
    static QString key(SecretKind kind, const QString& what) {
        return QString::number(int(kind)) + QLatin1Char(':') + what;
    }

    std::function<void()> retry; // window thread: log in again, now that there is an answer
    QPointer<QWidget> promptParent;
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
    m_answers = std::make_shared<Answers>();
    m_answers->retry = [this] {
        if (m_engine)
            m_engine->retryLogin();
    };
    m_answers->promptParent = m_window;
    return providerFor(m_answers);
}

tunnel::SecretProvider RelaySecretBridge::testProvider(QWidget* editor, std::function<void()> retest) {
    m_testAnswers = std::make_shared<Answers>();
    m_testAnswers->retry = std::move(retest);
    m_testAnswers->promptParent = editor;
    return providerFor(m_testAnswers);
}

tunnel::SecretProvider RelaySecretBridge::providerFor(const std::shared_ptr<Answers>& answers) {
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
            const Question question{answers, Request{kind, what, false}};
            QMetaObject::invokeMethod(
                this, [this, question] { onWanted(question); }, Qt::QueuedConnection);
        }
        return std::nullopt; // this login gives up; the answer makes it try again
    };
}

bool RelaySecretBridge::stillAsks(const std::shared_ptr<Answers>& answers) const {
    return answers && (answers == m_answers || answers == m_testAnswers);
}

void RelaySecretBridge::attach(tunnel::TunnelEngine* engine) {
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (engine)
        connect(engine, &tunnel::TunnelEngine::loginRefused, this, [this] { onRefused(m_answers); });
    dropStaleQuestions(); // questions for another relay no longer apply; the relay editor's stay
}

void RelaySecretBridge::onTestLoginRefused() {
    onRefused(m_testAnswers);
}

void RelaySecretBridge::endTest() {
    m_testAnswers.reset(); // wiped
    dropStaleQuestions();
}

void RelaySecretBridge::dropStaleQuestions() {
    m_waiting.removeIf([this](const Question& waiting) { return !stillAsks(waiting.answers); });
    if (m_dialog && !stillAsks(m_asking))
        m_dialog->deleteLater();
}

void RelaySecretBridge::onWanted(const Question& question) {
    if (!stillAsks(question.answers))
        return; // an engine or a test that is gone or going
    QPointer<RelaySecretBridge> self(this);
    m_keychain.read(keychainKey(question.request), [self, question](const secrets::SecretReply& reply) {
        if (!self || !self->stillAsks(question.answers))
            return;
        if (reply.status == secrets::SecretStatus::Ok)
            self->give(question, reply.secret.copy(), true);
        else
            self->ask(question);
    });
}

void RelaySecretBridge::onRefused(const std::shared_ptr<Answers>& answers) {
    if (!answers)
        return;
    std::optional<Request> refused;
    {
        const QMutexLocker lock(&answers->mutex);
        refused = std::exchange(answers->presented, std::nullopt);
        if (!refused)
            return; // no answer of ours was used: a prompt is open, or the relay wants something else
        const QString key = Answers::key(refused->kind, refused->what);
        if (const auto found = answers->given.find(key); found != answers->given.end()) {
            if (found->second.inKeychain)
                m_keychain.remove(keychainKey(*refused), [](const secrets::SecretReply&) {});
            answers->given.erase(found); // wiped
        }
        answers->asked.insert(key);
    }
    qCInfo(lcTunnel) << "the relay refused the" << (refused->kind == SecretKind::Password ? "password" : "passphrase")
                     << "for" << refused->what << "; asking again";
    refused->refused = true;
    ask(Question{answers, *refused});
}

void RelaySecretBridge::ask(const Question& question) {
    m_waiting.append(question);
    if (!m_dialog)
        showNext();
}

void RelaySecretBridge::showNext() {
    if (m_waiting.isEmpty())
        return;
    const Question question = m_waiting.takeFirst();
    const Request& request = question.request;
    const auto kind = request.kind == SecretKind::Password ? ui::RelaySecretDialog::Kind::Password
                                                           : ui::RelaySecretDialog::Kind::KeyPassphrase;
    auto* dialog =
        new ui::RelaySecretDialog(kind, request.what, request.refused,
                                  question.answers->promptParent ? question.answers->promptParent : m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    m_asking = question.answers;
    connect(dialog, &QDialog::accepted, this, [this, dialog, question] {
        if (!stillAsks(question.answers))
            return; // the relay changed, or its editor closed, while the prompt was open
        secrets::SecretBytes secret = dialog->takeSecret();
        const QString what = question.request.what;
        if (dialog->remember())
            m_keychain.write(keychainKey(question.request), secret.view(), [what](const secrets::SecretReply& written) {
                if (written.status != secrets::SecretStatus::Ok)
                    qCWarning(lcSecrets) << "not remembered for" << what << ":" << written.message;
            });
        give(question, std::move(secret), dialog->remember());
    });
    connect(dialog, &QDialog::rejected, this, [question] {
        const QMutexLocker lock(&question.answers->mutex); // the next login attempt asks again
        question.answers->asked.remove(Answers::key(question.request.kind, question.request.what));
    });
    connect(dialog, &QObject::destroyed, this, &RelaySecretBridge::showNext, Qt::QueuedConnection);
    dialog->open();
}

void RelaySecretBridge::give(const Question& question, secrets::SecretBytes secret, bool inKeychain) {
    {
        const QMutexLocker lock(&question.answers->mutex);
        const QString key = Answers::key(question.request.kind, question.request.what);
        question.answers->given[key] = Answers::Answer{std::move(secret), inKeychain};
        question.answers->asked.remove(key);
    }
    question.answers->retry();
}

QString RelaySecretBridge::keychainKey(const Request& request) {
    return (request.kind == SecretKind::Password ? QStringLiteral("relay-password %1")
                                                 : QStringLiteral("key-passphrase %1"))
        .arg(request.what);
}

} // namespace labshare::app
