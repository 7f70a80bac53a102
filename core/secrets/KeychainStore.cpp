// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/KeychainStore.h"

#include "common/Logging.h"

#include <QLoggingCategory>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace labshare::secrets {

namespace {

// What a finished job says, whatever the operation was. On Linux QtKeychain reports every failure to
// reach the Secret Service as OtherError (no session bus, no org.freedesktop.secrets on it, no usable
// collection), with a GLib message in the user's language, so the text cannot tell them apart; with
// NoBackendAvailable these all mean "no keychain to keep the secret in".
SecretStatus statusOf(QKeychain::Error error) {
    switch (error) {
    case QKeychain::NoError:
        return SecretStatus::Ok;
    case QKeychain::EntryNotFound:
        return SecretStatus::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        return SecretStatus::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::NotImplemented:
        break;
    }
    return SecretStatus::Failed;
}

} // namespace

struct KeychainStore::Request {
    enum class Operation { Read, Write, Remove };

    Operation operation = Operation::Read;
    QString key;
    std::shared_ptr<const SecretBytes> secret; // what a write stores: one buffer for every retry
    SecretCallback done;
    bool retried = false;
};

KeychainStore::KeychainStore(QString service, int retryDelayMs)
    : m_service(std::move(service))
    , m_retryDelayMs(retryDelayMs) {}

KeychainStore::~KeychainStore() = default;

void KeychainStore::read(const QString& key, SecretCallback done) {
    start({Request::Operation::Read, key, {}, std::move(done)});
}

void KeychainStore::write(const QString& key, QByteArrayView secret, SecretCallback done) {
    start({Request::Operation::Write, key, std::make_shared<const SecretBytes>(secret), std::move(done)});
}

void KeychainStore::remove(const QString& key, SecretCallback done) {
    start({Request::Operation::Remove, key, {}, std::move(done)});
}

QString KeychainStore::backendName() const {
    return tr("the system keychain");
}

void KeychainStore::start(const Request& request) {
    QKeychain::Job* job = nullptr;
    switch (request.operation) {
    case Request::Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Request::Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(request.secret->exposed());
        job = write;
        break;
    }
    case Request::Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // Never a plain-text file when the keychain is missing: the caller keeps the secret in memory instead.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(request.key);
    const auto onFinished = [this, request](QKeychain::Job* finished) {
        SecretStatus status = statusOf(finished->error());
        if (status == SecretStatus::Unavailable && !request.retried)
            return retryLater(request, finished->errorString());
        if (status == SecretStatus::NotFound && request.operation == Request::Operation::Remove)
            status = SecretStatus::Ok; // already gone
        else if (status == SecretStatus::NotFound && request.operation == Request::Operation::Write)
            status = SecretStatus::Failed;
        SecretBytes secret;
        if (status == SecretStatus::Ok && request.operation == Request::Operation::Read)
            secret = SecretBytes::adopt(qobject_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData());
        finish(request, status, std::move(secret), finished->errorString());
    };
    // One answer per job, whatever the backend does (QtKeychain 0.13's plain-text fallback for KWallet
    // emits finished() twice for a removal).
    const auto once = static_cast<Qt::ConnectionType>(Qt::AutoConnection | Qt::SingleShotConnection);
    QObject::connect(job, &QKeychain::Job::finished, &m_guard, onFinished, once);
    // Job::start() only queues the job, so `done` can never run inside read(), write() or remove().
    job->start();
}

void KeychainStore::retryLater(Request request, const QString& detail) {
    qCInfo(lcSecrets).nospace() << "no keychain service answered for " << request.key << " (" << detail
                                << "); trying once more in " << m_retryDelayMs << " ms";
    request.retried = true;
    QTimer::singleShot(m_retryDelayMs, &m_guard, [this, request = std::move(request)] { start(request); });
}

void KeychainStore::finish(const Request& request, SecretStatus status, SecretBytes secret, const QString& detail) {
    SecretReply reply{status, std::move(secret), {}};
    if (status == SecretStatus::NotFound)
        reply.message = tr("Nothing is stored as \"%1\" in %2.").arg(request.key, backendName());
    else if (status != SecretStatus::Ok)
        reply.message = failureText(request, status, detail);
    if (!reply.message.isEmpty() && status != SecretStatus::NotFound)
        qCWarning(lcSecrets).noquote() << reply.message;
    // The last thing done here: the callback may destroy this store.
    if (request.done)
        request.done(reply);
}

QString KeychainStore::failureText(const Request& request, SecretStatus status, const QString& detail) const {
    const QString why = detail.isEmpty() ? tr("no reason given") : detail;
    QString action;
    switch (request.operation) {
    case Request::Operation::Read:
        action = tr("Could not read \"%1\" from %2").arg(request.key, backendName());
        break;
    case Request::Operation::Write:
        action = tr("Could not store \"%1\" in %2").arg(request.key, backendName());
        break;
    case Request::Operation::Remove:
        action = tr("Could not remove \"%1\" from %2").arg(request.key, backendName());
        break;
    }
    if (status == SecretStatus::Unavailable)
        return tr("%1: no keychain service is available (%2).").arg(action, why);
    return tr("%1: %2").arg(action, why);
}

} // namespace labshare::secrets
