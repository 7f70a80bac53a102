// SPDX-License-Identifier: GPL-3.0-or-later
#include "GateKey.h"

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>

namespace labshare::app {

namespace {

const QString kKey = QStringLiteral("gate-tls-key");

// Gives this file's messages their tr() and translation context.
class GateKey {
    Q_DECLARE_TR_FUNCTIONS(labshare::app::GateKey)
};

} // namespace

void loadGateKey(secrets::SecretStore& store, QObject* context,
                 std::function<void(const Result<gate::TlsIdentity>&)> done) {
    QPointer<QObject> guard(context);
    store.read(kKey, [&store, guard, done](const secrets::SecretReply& reply) {
        if (!guard)
            return;
        if (reply.status == secrets::SecretStatus::Ok) {
            done(gate::TlsIdentity::fromPem(reply.secret.exposed()));
            return;
        }
        if (reply.status != secrets::SecretStatus::NotFound) {
            done(makeError(
                ErrorCode::FileUnreadable,
                GateKey::tr("the gate's key needs the keychain, which did not answer: %1").arg(reply.message)));
            return;
        }
        Result<gate::TlsIdentity> made = gate::TlsIdentity::generate();
        if (!made) {
            done(made);
            return;
        }
        const gate::TlsIdentity identity = *made;
        store.write(kKey, identity.toPem().view(), [guard, done, identity](const secrets::SecretReply& written) {
            if (!guard)
                return;
            if (written.status != secrets::SecretStatus::Ok)
                done(makeError(
                    ErrorCode::FileUnwritable,
                    GateKey::tr("the gate's key could not be kept in the keychain: %1").arg(written.message)));
            else
                done(identity);
        });
    });
}

QString gateTicketKey(const QString& fingerprint) {
    return QStringLiteral("gate-ticket %1").arg(fingerprint);
}

QString knownGateKey(const QString& hostPort) {
    return QStringLiteral("connect/known/%1").arg(hostPort);
}

void forgetGateTickets(secrets::SecretStore& store, std::function<void(int forgotten)> done) {
    QSettings settings;
    settings.beginGroup(QStringLiteral("connect/known"));
    QStringList fingerprints;
    for (const QString& address : settings.childKeys())
        fingerprints.append(settings.value(address).toString());
    settings.endGroup();
    settings.remove(QStringLiteral("connect/known"));
    fingerprints.removeDuplicates();
    if (fingerprints.isEmpty()) {
        done(0);
        return;
    }
    auto left = std::make_shared<int>(int(fingerprints.size()));
    auto forgotten = std::make_shared<int>(0);
    for (const QString& fingerprint : fingerprints)
        store.remove(gateTicketKey(fingerprint), [left, forgotten, done](const secrets::SecretReply& reply) {
            if (reply.status == secrets::SecretStatus::Ok)
                ++*forgotten;
            if (--*left == 0)
                done(*forgotten);
        });
}

QString gateTicketsPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("gate-tickets.json"));
}

} // namespace labshare::app
