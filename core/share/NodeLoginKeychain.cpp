// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/NodeLoginKeychain.h"
#include "secrets/SecretStore.h"
#include "share/TerminalShares.h"

#include <QCoreApplication>

namespace labshare::share {

namespace {

// Gives this file's messages their tr() and translation context.
class NodeLoginKeychain {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::NodeLoginKeychain)
};

} // namespace

void readNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node, NodeLoginRead done) {
    store.read(TerminalShares::loginKeychainKey(topologyFile, node), [node, done = std::move(done)](
                                                                         const secrets::SecretReply& reply) {
        if (reply.status == secrets::SecretStatus::NotFound || reply.status == secrets::SecretStatus::Unavailable) {
            done(nullptr, {});
            return;
        }
        if (reply.status != secrets::SecretStatus::Ok) {
            done(nullptr, NodeLoginKeychain::tr("the login set for %1's browser terminals cannot be read: %2")
                              .arg(node, reply.message));
            return;
        }
        Result<terminal::NodeLogin> login = terminal::NodeLogin::decode(reply.secret.view());
        if (!login) {
            done(
                nullptr,
                NodeLoginKeychain::tr("the login set for %1's browser terminals: %2").arg(node, login.error().message));
            return;
        }
        done(std::make_shared<const terminal::NodeLogin>(std::move(*login)), {});
    });
}

void writeNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node,
                    const terminal::NodeLogin& login, NodeLoginWritten done) {
    const secrets::SecretBytes encoded = login.encoded();
    store.write(TerminalShares::loginKeychainKey(topologyFile, node), encoded.view(),
                [node, done = std::move(done)](const secrets::SecretReply& reply) {
                    done(reply.status == secrets::SecretStatus::Ok
                             ? QString()
                             : NodeLoginKeychain::tr("the login for %1 could not be kept in the keychain: %2")
                                   .arg(node, reply.message));
                });
}

void forgetNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node,
                     NodeLoginWritten done) {
    store.remove(TerminalShares::loginKeychainKey(topologyFile, node),
                 [node, done = std::move(done)](const secrets::SecretReply& reply) {
                     done(reply.status == secrets::SecretStatus::Ok
                              ? QString()
                              : NodeLoginKeychain::tr("the login for %1 could not be removed from the keychain: %2")
                                    .arg(node, reply.message));
                 });
}

} // namespace labshare::share
