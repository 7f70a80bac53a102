// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "terminal/NodeLogin.h"

#include <QString>

#include <functional>
#include <memory>

namespace labshare::secrets {
class SecretStore;
}

namespace labshare::share {

// The instructor's logins for browser terminals, one keychain entry per lab and node
// (TerminalShares::loginKeychainKey). Asynchronous, as the store is: `done` runs later, on the caller's thread.
//
// Read: a login, or nullptr with an empty problem when none is set (or there is no keychain to ask);
// a problem names the node and what went wrong (the keychain failed, the entry is not LabShare's form).
using NodeLoginRead = std::function<void(std::shared_ptr<const terminal::NodeLogin> login, const QString& problem)>;
using NodeLoginWritten = std::function<void(const QString& problem)>; // empty: done

void readNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node, NodeLoginRead done);
void writeNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node,
                    const terminal::NodeLogin& login, NodeLoginWritten done);
void forgetNodeLogin(secrets::SecretStore& store, const QString& topologyFile, const QString& node,
                     NodeLoginWritten done);

} // namespace labshare::share
